import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSimulation } from './simulation';
import { defaultConfig } from './config';
import { parseConfig } from './configSchema';
import { SCENARIOS, scenarioConfig } from './scenarios';
import { buildTopology } from './topology';
import { fnv1a, runCollect } from './testkit';
import type { AdapterKind, FlowConfig, SimConfig, VmId } from './types';

const conserved = (a: { sent: number; delivered: number; dropped: number; inFlight: number; dropsByReason: Record<string, number> }) => {
  expect(a.sent).toBe(a.delivered + a.dropped + a.inFlight);
  expect(a.inFlight).toBeGreaterThanOrEqual(0);
  expect(Object.values(a.dropsByReason).reduce((x, y) => x + y, 0)).toBe(a.dropped);
};

describe('accounting: sent = delivered + dropped + in flight', () => {
  it.each(Object.keys(SCENARIOS))('holds in scenario %s at every check point', (name) => {
    const sim = createSimulation(scenarioConfig(name, { vms: 4, packets: 300 }), { seed: 11 });
    for (let t = 250_000; t <= 2_500_000; t += 250_000) {
      sim.runUntil(t);
      conserved(sim.metrics().accounting);
      conserved(sim.snapshot().accounting);
    }
  });

  it('holds for random configurations and seeds (property)', () => {
    const adapter = fc.constantFrom<AdapterKind>('synthetic', 'emulated', 'sriov');
    const arb = fc.record({
      adapters: fc.array(adapter, { minLength: 1, maxLength: 5 }),
      vmq: fc.boolean(),
      sriov: fc.boolean(),
      queues: fc.integer({ min: 0, max: 3 }),
      vfs: fc.integer({ min: 0, max: 3 }),
      lps: fc.integer({ min: 2, max: 8 }),
      link: fc.constantFrom(0.1, 1, 10),
      flows: fc.array(
        fc.record({
          direction: fc.constantFrom<FlowConfig['direction']>('vm-to-external', 'external-to-vm', 'vm-to-vm'),
          protocol: fc.constantFrom<FlowConfig['protocol']>('udp', 'tcp', 'icmp'),
          a: fc.nat(),
          b: fc.nat(),
          bytes: fc.integer({ min: 64, max: 9000 }),
          rate: fc.integer({ min: 1_000, max: 400_000 }),
        }),
        { maxLength: 4 },
      ),
      faults: fc.array(fc.record({ at: fc.integer({ min: 0, max: 1_500_000 }), kind: fc.constantFrom('vf-remove', 'vf-add', 'link-down', 'link-up', 'ring-exhaust' as const), a: fc.nat() }), { maxLength: 3 }),
      filter: fc.boolean(),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(arb, (r) => {
        const n = r.adapters.length;
        const vm = (k: number) => `vm${(k % n) + 1}` as VmId;
        const c: SimConfig = {
          ...defaultConfig(),
          vms: r.adapters.map((a, i) => ({ id: `vm${i + 1}` as VmId, adapter: a, vcpus: 1 })),
          vmq: r.vmq,
          sriov: r.sriov,
          nic: { vmqQueues: r.queues, vfCount: r.vfs, linkGbps: r.link },
          logicalProcessors: r.lps,
          flows: r.flows
            .filter((f) => f.direction !== 'vm-to-vm' || n > 1)
            .map((f, i) => ({
              id: `f${i}`,
              direction: f.direction,
              vm: vm(f.a),
              ...(f.direction === 'vm-to-vm' ? { peerVm: vm(f.a + 1 + (f.b % (n - 1))) } : {}),
              protocol: f.protocol,
              packetBytes: f.bytes,
              ratePps: f.rate,
            })),
          faults: r.faults.map((f) => ({ atNs: f.at, kind: f.kind, vm: vm(f.a), durationNs: 200_000 })),
          extensions: { capture: r.filter, filter: { enabled: r.filter, dropRules: r.filter ? [{ id: 'r', protocol: 'icmp' }] : [] }, forwarding: false },
        };
        expect(parseConfig(c).ok).toBe(true);
        const sim = createSimulation(c, { seed: r.seed });
        for (let t = 500_000; t <= 2_000_000; t += 500_000) {
          sim.runUntil(t);
          conserved(sim.metrics().accounting);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('drops at the NIC with reason link-down while the link is down, and recovers', () => {
    const c = scenarioConfig('synthetic');
    c.faults = [
      { atNs: 1_000_000, kind: 'link-down' },
      { atNs: 2_000_000, kind: 'link-up' },
    ];
    const { sim, events } = runCollect(c, 3_000_000);
    const drops = events.filter((e) => e.kind === 'drop' && e.detail === 'link-down');
    expect(drops.length).toBeGreaterThan(0);
    expect(drops.every((e) => e.from === 'nic' && e.t >= 1_000_000 && e.t < 2_000_000)).toBe(true);
    expect(events.some((e) => e.kind === 'deliver' && e.t > 2_100_000)).toBe(true);
    conserved(sim.metrics().accounting);
  });

  it('a TCP-like flow loses nothing across VF removal and re-add (vf-failover)', () => {
    const c = scenarioConfig('vf-failover');
    c.flows = c.flows.map((f) => ({ ...f, stopNs: 4_000_000 }));
    const sim = createSimulation(c, { seed: 5 });
    const requests = new Set<number>();
    const answered = new Set<number>();
    const paths = new Set<string>();
    sim.subscribe((e) => {
      if (e.kind !== 'send' && e.kind !== 'deliver') return;
      const p = e.packet === null ? null : sim.packet(e.packet);
      if (!p?.frame || p.flowId !== 'tcp') return;
      if (e.kind === 'send' && !p.frame.isReply) requests.add(p.frame.l4Seq);
      if (e.kind === 'deliver' && p.frame.isReply) answered.add(p.frame.l4Seq);
      if (e.kind === 'send') paths.add(p.path);
    });
    sim.runUntil(8_000_000);
    expect(requests.size).toBeGreaterThan(100);
    expect([...requests].filter((s) => !answered.has(s))).toEqual([]);
    expect(paths).toEqual(new Set(['sriov', 'synthetic']));
    expect(sim.metrics().accounting.inFlight).toBe(0);
  });
});

describe('determinism', () => {
  it.each(Object.keys(SCENARIOS))('scenario %s gives the same trace twice', (name) => {
    const cfg = () => scenarioConfig(name, { vms: 4, packets: 300 });
    const a = runCollect(cfg(), 1_500_000, 42);
    const b = runCollect(cfg(), 1_500_000, 42);
    const ha = fnv1a(JSON.stringify(a.events));
    expect(a.events.length).toBeGreaterThan(100);
    expect(fnv1a(JSON.stringify(b.events))).toBe(ha);
    expect(JSON.stringify(a.sim.metrics())).toBe(JSON.stringify(b.sim.metrics()));
    const c = runCollect(cfg(), 1_500_000, 43);
    if (name !== 'emulated') expect(fnv1a(JSON.stringify(c.events))).not.toBe(ha);
  });

  it('runUntil in small steps equals one big step', () => {
    const a = runCollect(scenarioConfig('mixed'), 1_000_000, 9, 1_000_000);
    const b = runCollect(scenarioConfig('mixed'), 1_000_000, 9, 16_667);
    expect(fnv1a(JSON.stringify(b.events))).toBe(fnv1a(JSON.stringify(a.events)));
  });
});

describe('topology invariant', () => {
  it.each(Object.keys(SCENARIOS))('every event of %s with distinct from/to crosses a link of the topology', (name) => {
    const cfg = scenarioConfig(name, { vms: 4, packets: 300 });
    cfg.extensions = { capture: true, filter: { enabled: true, dropRules: [] }, forwarding: true };
    const { sim, events } = runCollect(cfg, 3_000_000);
    const links = new Set(buildTopology(sim.config as SimConfig).links.map((l) => l.id));
    const ids = new Set(buildTopology(sim.config as SimConfig).components.map((c) => c.id));
    const missing = new Set<string>();
    for (const e of events) {
      expect(ids.has(e.from), e.from).toBe(true);
      if (e.from !== e.to && !links.has(`${e.from}>${e.to}`)) missing.add(`${e.kind} ${e.from}>${e.to}`);
    }
    expect([...missing]).toEqual([]);
  });
});
