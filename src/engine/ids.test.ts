import { describe, expect, it } from 'vitest';
import { scenarioConfig } from './scenarios';
import { buildTopology } from './topology';
import { guest, nic, root } from './ids';

describe('ids: the builders name components the topology has', () => {
  it('every per-VM, queue and VF id of the mixed host is a topology component', () => {
    const c = scenarioConfig('mixed');
    const names = new Set(buildTopology(c).components.map((x) => x.id));
    const ids = [guest.stack('vm1'), guest.netvsc('vm1'), guest.vmbus('vm1'), guest.ringOut('vm1'), guest.ringIn('vm1'), guest.legacy('vm2'), guest.vf('vm3'), guest.vpci('vm3'), root.netvsp('vm1'), root.vmwp('vm2'), root.vpci('vm3'), nic.queue(0), nic.queue(1), nic.vf(1)];
    expect(ids.filter((id) => !names.has(id))).toEqual([]);
  });
});
