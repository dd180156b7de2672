import { describe, expect, it } from 'vitest';
import { carryingMembers, firstCarrying } from './diagramStore';

const names: Record<string, string> = { 'root.vmwp.vm1': 'VMWP', 'root.vid': 'VID', 'root.vmms': 'VMMS', nic: '' };
const nameOf = (id: string) => names[id] ?? id;

describe('what a folded box says it carries', () => {
  it('names the members on a route carrying packets, in member order, then +k', () => {
    const ids = ['root.vmms', 'root.vid', 'root.vmwp.vm1'];
    expect(carryingMembers(ids, ['root.vid', 'root.vmwp.vm1', 'vm1.legacy'], nameOf, 1)).toBe('VID +1');
    expect(carryingMembers(ids, ['root.vid', 'root.vmwp.vm1'], nameOf, 2)).toBe('VID · VMWP');
    expect(firstCarrying(ids, ['root.vid', 'root.vmwp.vm1'], nameOf)).toBe('VID');
  });
  it('says nothing when idle, for a single-component box, or when only the box’s own name is active', () => {
    expect(carryingMembers(['root.vmms', 'root.vid'], [], nameOf)).toBe('');
    expect(carryingMembers(['root.vid'], ['root.vid'], nameOf)).toBe('');
    expect(carryingMembers(['nic', 'nic.queue.1'], ['nic'], nameOf)).toBe('');
  });
});
