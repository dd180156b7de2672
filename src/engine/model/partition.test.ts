import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation';
import { host } from './fixtures';
import { placement } from './partition';

describe('partition: placement and the VM control scripts', () => {
  it('spreads root work up from LP1 and guest VPs down from the top LP', () => {
    expect(placement(1, 8)).toEqual({ txLp: 1, vpLp: 7 });
    expect(placement(8, 8)).toEqual({ txLp: 1, vpLp: 7 });
    expect(placement(1, 1)).toEqual({ txLp: 0, vpLp: 0 });
  });

  it('a script that stops early (a 9th SR-IOV VM with 8 VFs) releases the VM for its next script', () => {
    const c = host(Array(9).fill('sriov'), { nic: { vmqQueues: 8, vfCount: 8, linkGbps: 10 } });
    const sim = createSimulation(c, { seed: 1 });
    sim.runUntil(20_000_000);
    // Bug fixed: the VF bring-up's "no free VF" guard left vm9's control flag set for ever.
    expect((sim as unknown as { settled(): boolean }).settled()).toBe(true);
    const without = sim.snapshot().vms.filter((v) => v.vf === null);
    expect(without.length).toBe(1);
    const id = without[0]!.id;
    sim.apply({ kind: 'set-adapter', vm: id, adapter: 'emulated' });
    sim.runUntil(40_000_000);
    expect(sim.snapshot().vms.find((v) => v.id === id)?.activePath).toBe('emulated');
    expect((sim as unknown as { settled(): boolean }).settled()).toBe(true);
  });

  it('remove-vm frees its VMQ queue for the next VM', () => {
    const sim = createSimulation(host(['synthetic', 'synthetic'], { nic: { vmqQueues: 1, vfCount: 0, linkGbps: 10 } }), { seed: 1 });
    sim.runUntil(5_000_000);
    expect(sim.snapshot().vmqAssignments.map((a) => a.vm)).toEqual(['vm1']);
    sim.apply({ kind: 'remove-vm', vm: 'vm1' });
    expect(sim.snapshot().vmqAssignments).toEqual([]);
  });
});
