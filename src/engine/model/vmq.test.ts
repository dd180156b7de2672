import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation';
import { scenarioConfig } from '../scenarios';
import { queueLp } from './vmq';
import { configSteps, runCollect } from '../testkit';
import { host } from './fixtures';

describe('vmq: queues first come first served, each on its own LP', () => {
  it('maps queue k to LP 1 + (k − 1) mod (L − 1), the default queue to LP 0', () => {
    expect([0, 1, 2, 7, 8].map((q) => queueLp(q, 8))).toEqual([0, 1, 2, 7, 1]);
    expect(queueLp(3, 1)).toBe(0);
  });

  it('gives vm1 and vm2 the two queues; vm3 and vm4 share the default queue; VMQ off frees them', () => {
    const sim = createSimulation(scenarioConfig('vmq'), { seed: 1 });
    sim.runUntil(3_000_000);
    expect(sim.snapshot().vmqAssignments).toEqual([
      { queue: 1, vm: 'vm1', lp: 1 },
      { queue: 2, vm: 'vm2', lp: 2 },
    ]);
    expect(sim.snapshot().vms.map((v) => v.vmqQueue)).toEqual([1, 2, null, null]);
    sim.apply({ kind: 'set-vmq', on: false });
    sim.runUntil(5_000_000);
    expect(sim.snapshot().vmqAssignments).toEqual([]);
  });
});

describe('vmq: set-up order (fidelity audit D12)', () => {
  it('allocates the queue, sets the filter, then completes the allocation so the queue leaves Paused', () => {
    const { events } = runCollect(host(['synthetic']), 1_000_000);
    const steps = configSteps(events, 'vm1').filter((d) => d.startsWith('OID_RECEIVE_FILTER'));
    expect(steps).toEqual(['OID_RECEIVE_FILTER_ALLOCATE_QUEUE', 'OID_RECEIVE_FILTER_SET_FILTER', 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE']);
  });
});
