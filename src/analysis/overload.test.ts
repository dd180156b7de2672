import { describe, expect, it } from 'vitest';
import { createSimulation, defaultConfig, makeVms, scenarioConfig } from '../engine';
import type { SimConfig } from '../engine/types';
import { lpRanges, OverloadTracker, overloadReport } from './overload';

const rxHost = (vmq: boolean, pps: number): SimConfig => {
  const c = defaultConfig();
  c.vms = makeVms(4, 'synthetic');
  c.vmq = vmq;
  c.sriov = false;
  c.flows = c.vms.map((v, i) => ({ id: `in${i + 1}`, direction: 'external-to-vm', vm: v.id, protocol: 'udp', packetBytes: 1500, ratePps: pps }));
  return c;
};

describe('overloadReport from the configuration alone', () => {
  it('names the wire with offered and link rates when the flows exceed the link', () => {
    const r = overloadReport(rxHost(true, 2_500_000), [], null, null);
    const w = r.bottlenecks.find((b) => b.kind === 'wire');
    expect(w).toMatchObject({ componentId: 'wire', direction: 'rx', capacityBps: 10e9 });
    expect(w!.offeredBps! / 1e9).toBeCloseTo(121.44, 1); // 4 × 2.5 Mpps × 1,518 B frames
    expect(r.flows[0]).toMatchObject({ offeredPps: 2_500_000, deliveredPps: null });
  });

  it('names an emulated NIC offered more than its 100 Mb/s, and stays quiet on the default host', () => {
    expect(overloadReport(defaultConfig(), [], null, null).bottlenecks).toEqual([]);
    const c = defaultConfig();
    c.vms[1]!.adapter = 'emulated';
    const b = overloadReport(c, [], null, null).bottlenecks;
    expect(b).toHaveLength(1);
    expect(b[0]).toMatchObject({ kind: 'emulated-nic', componentId: 'vm2.legacy', direction: 'rx', capacityBps: 1e8 });
  });
});

describe('OverloadTracker on the engine', () => {
  const run = (vmq: boolean) => {
    const sim = createSimulation(rxHost(vmq, 150_000), { seed: 1 });
    const tr = new OverloadTracker();
    for (let t = 500_000; t <= 3_000_000; t += 500_000) {
      sim.runUntil(t);
      tr.push(sim.metrics());
    }
    const r = tr.report(sim.config as SimConfig, sim.snapshot().vms, sim.metrics());
    sim.dispose();
    return r;
  };

  it('without VMQ: LP0 is the bottleneck, doing the receive work of all four VMs; flows fall short of their offer', () => {
    const r = run(false);
    const lp = r.bottlenecks.filter((b) => b.kind === 'lp');
    expect(lp.map((b) => b.lp)).toEqual([0]);
    expect(lp[0]!.rxVms).toEqual(['vm1', 'vm2', 'vm3', 'vm4']);
    expect(lp[0]!.byPartition!.root).toBeGreaterThan(0.5);
    expect(r.windowNs).toBeGreaterThan(1_000_000);
    const delivered = r.flows.reduce((a, f) => a + (f.deliveredBps ?? 0), 0);
    const offered = r.flows.reduce((a, f) => a + f.offeredBps, 0);
    expect(delivered / offered).toBeLessThan(0.75);
  }, 30_000);

  it('with VMQ: no LP saturates and every flow gets its offer', () => {
    const r = run(true);
    expect(r.bottlenecks).toEqual([]);
    for (const f of r.flows) expect(f.deliveredPps! / f.offeredPps).toBeGreaterThan(0.85);
  }, 30_000);

  it('names nothing for the load generator (it never makes a packet wait), nor busy LPs while flows get their offer', () => {
    expect(overloadReport(scenarioConfig('stress', { vms: 4 }), [], null, null)).toEqual({ bottlenecks: [], flows: [], windowNs: 0 });
    const c = rxHost(true, 150_000);
    const m = createSimulation(c, { seed: 1 }).metrics();
    const busy = { ...m, perLp: m.perLp.map((l) => ({ ...l, utilisation: 1 })) };
    expect(overloadReport(c, [], busy, null).bottlenecks).toEqual([]);
  });

  it('folds LPs into ranges', () => {
    expect(lpRanges([3, 1, 2, 7])).toEqual([
      [1, 3],
      [7, 7],
    ]);
  });
});
