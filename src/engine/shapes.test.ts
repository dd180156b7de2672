/**
 * The derived shapes of cost-model §9 that the product exists to show. None of these figures is
 * coded: they emerge from the cost table, the LP/link serialisation and the path structure.
 * Hypervisor time (hypercalls, interrupt delivery, intercept hops) occupies the LP it runs on
 * (fidelity audit D1), so these are re-checked with it charged: one synthetic queue at 25 GbE
 * receives ≈4.1 Gb/s (4.6 when hypervisor time was free).
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig, makeVms } from './config';
import { createSimulation } from './simulation';
import type { FlowConfig, SimConfig } from './types';

const flow = (id: string, direction: FlowConfig['direction'], vm: FlowConfig['vm'], ratePps: number): FlowConfig => ({ id, direction, vm, protocol: 'udp', packetBytes: 1500, ratePps });
function host(adapters: SimConfig['vms'][number]['adapter'][], flows: FlowConfig[], patch: Partial<SimConfig> = {}): SimConfig {
  const c = defaultConfig();
  return { ...c, vms: makeVms(adapters.length, adapters), flows, ...patch };
}
function run(c: SimConfig, ns: number) {
  const sim = createSimulation(c, { seed: 3 });
  sim.runUntil(ns);
  return sim.metrics();
}

describe('emulated adapter (cost-model §9.1)', () => {
  it('tops out near 100 Mb/s under overload, sending', () => {
    const m = run(host(['emulated'], [flow('tx', 'vm-to-external', 'vm1', 30_000)]), 25_000_000);
    const mbps = m.perPath.emulated.throughputBps / 1e6;
    expect(mbps).toBeGreaterThan(60);
    expect(mbps).toBeLessThan(110);
  });

  it('tops out near 100 Mb/s receiving, missing frames (CSR8) and exiting ~7 times per interrupt', () => {
    const m = run(host(['emulated'], [flow('rx', 'external-to-vm', 'vm1', 30_000)]), 25_000_000);
    const p = m.perPath.emulated;
    expect(p.throughputBps / 1e6).toBeGreaterThan(60);
    expect(p.throughputBps / 1e6).toBeLessThan(110);
    expect(m.accounting.dropsByReason['legacy-rx-overrun']).toBeGreaterThan(0);
    expect(p.vmExits / p.packets).toBeGreaterThanOrEqual(3); // several exits per frame
  });

  it('costs several VM exits per frame at a light load and tens of µs of latency', () => {
    const m = run(host(['emulated'], [flow('rx', 'external-to-vm', 'vm1', 1_000), flow('tx', 'vm-to-external', 'vm1', 1_000)]), 20_000_000);
    const p = m.perPath.emulated;
    expect(p.vmExits / p.packets).toBeGreaterThan(3);
    expect(p.latencyNs.p50).toBeGreaterThan(20_000);
  });
});

describe('synthetic receive and VMQ (cost-model §8.1, §9.2)', () => {
  it('one VMQ queue caps a vNIC near one host core: 3–5 Gb/s at 1,500 B', () => {
    const m = run(host(['synthetic'], [flow('rx', 'external-to-vm', 'vm1', 1_500_000)], { nic: { vmqQueues: 8, vfCount: 0, linkGbps: 25 } }), 8_000_000);
    const gbps = m.perPath.synthetic.throughputBps / 1e9;
    expect(gbps).toBeGreaterThan(3);
    expect(gbps).toBeLessThan(5);
    expect(m.perLp[1]?.utilisation).toBeGreaterThan(0.95); // queue 1's LP is the bottleneck
    expect(m.perLp[1]?.utilisation).toBeLessThan(1.02); // never clipped, and never above capacity (D1)
    expect(m.perLp[1]?.byPartition.hv).toBeGreaterThan(0); // its hypervisor time is on it
    expect(m.accounting.dropsByReason['nic-queue-full']).toBeGreaterThan(0);
  });

  /** Root cycles per LP spent after boot (data only), four VMs receiving. */
  const four = (vmq: boolean) => {
    const sim = createSimulation(host(['synthetic', 'synthetic', 'synthetic', 'synthetic'], ['vm1', 'vm2', 'vm3', 'vm4'].map((v) => flow(`rx-${v}`, 'external-to-vm', v as FlowConfig['vm'], 40_000)), { vmq }), { seed: 3 });
    sim.runUntil(1_000_000);
    const before = sim.metrics().perLp.map((l) => l.byPartition.root ?? 0);
    sim.runUntil(5_000_000);
    return sim.metrics().perLp.map((l, i) => (l.byPartition.root ?? 0) - (before[i] as number));
  };

  it('without VMQ every VM’s receive work lands on LP0', () => {
    const root = four(false);
    const total = root.reduce((a, b) => a + b, 0);
    // The rest is NetVSP reading the guests’ completion batches on each VM’s channel LP.
    expect((root[0] as number) / total).toBeGreaterThan(0.85);
  });

  it('with VMQ the receive work spreads over the queues’ LPs, LP0 stays out of it', () => {
    const root = four(true);
    const total = root.reduce((a, b) => a + b, 0);
    expect((root[0] as number) / total).toBeLessThan(0.05);
    expect(root.filter((c) => c > total / 8).length).toBeGreaterThanOrEqual(4);
  });
});

describe('SR-IOV (cost-model §9.3, §9.4)', () => {
  const light = (a: SimConfig['vms'][number]['adapter']) => run(host([a], [flow('rx', 'external-to-vm', 'vm1', 5_000), flow('tx', 'vm-to-external', 'vm1', 5_000)], { sriov: true }), 10_000_000);

  it('spends no root CPU on data packets and has no exits', () => {
    const m = light('sriov');
    expect(m.perPath.sriov.packets).toBeGreaterThan(50);
    expect(m.perPath.sriov.rootCycles).toBe(0);
    expect(m.perPath.sriov.vmExits).toBe(0);
  });

  it('receives near the 10 GbE line rate with hypervisor time charged, and the root does none of it', () => {
    const m = run(host(['sriov'], [flow('rx', 'external-to-vm', 'vm1', 1_000_000)], { sriov: true }), 14_000_000);
    expect(m.perPath.sriov.throughputBps / 1e9).toBeGreaterThan(9); // line rate for 1,518-B frames: 9.87
    expect(m.perPath.sriov.rootCycles).toBe(0);
  });

  it('has the lowest latency of the three paths', () => {
    const s = light('sriov').perPath.sriov.latencyNs.mean;
    const y = light('synthetic').perPath.synthetic.latencyNs.mean;
    const e = light('emulated').perPath.emulated.latencyNs.mean;
    expect(s).toBeLessThan(y);
    expect(y).toBeLessThan(e);
  });

  it('synthetic costs root CPU in the 2.5–3.3 µs per packet range (§9.4 ratios)', () => {
    const m = light('synthetic');
    const perPacket = m.perPath.synthetic.rootCycles / 3 / m.perPath.synthetic.packets;
    expect(perPacket).toBeGreaterThan(1_500);
    expect(perPacket).toBeLessThan(4_000);
  });
});

describe('vRSS and VMMQ lift one VM past one core (cost-model §9.2, Q3; facts §6)', () => {
  /** One VM (8 vCPUs, 16 LPs) receiving 16 flows, ≈18 Gb/s offered at 25 GbE. */
  const heavy = (patch: Partial<SimConfig>) => {
    const c = host(['synthetic'], Array.from({ length: 16 }, (_, i) => flow(`rx${i}`, 'external-to-vm', 'vm1', 1_500_000 / 16)), { logicalProcessors: 16, nic: { vmqQueues: 8, vfCount: 0, linkGbps: 25 }, ...patch });
    c.vms[0]!.vcpus = 8;
    return run(c, 8_000_000);
  };
  const busyLps = (m: ReturnType<typeof run>) => m.perLp.filter((l) => (l.byPartition.root ?? 0) > 0.2 * m.perLp.reduce((a, x) => Math.max(a, x.byPartition.root ?? 0), 0)).length;

  it('without them the vNIC’s receive work sits on one LP: 3–5 Gb/s', () => {
    const m = heavy({});
    expect(m.perPath.synthetic.throughputBps / 1e9).toBeLessThan(5);
    expect(m.perLp[1]?.utilisation).toBeGreaterThan(0.95);
    expect(busyLps(m)).toBe(1);
  });

  it('vRSS (software, from the VMQ queue’s LP) spreads the switching and copy and lifts throughput', () => {
    const none = heavy({}).perPath.synthetic.throughputBps;
    const m = heavy({ vrss: true });
    expect(busyLps(m)).toBeGreaterThan(3);
    expect(m.perPath.synthetic.throughputBps).toBeGreaterThan(1.5 * none);
  });

  it('VMMQ (the NIC spreads over 8 queues) lifts it further, past 3 host cores’ worth', () => {
    const none = heavy({}).perPath.synthetic.throughputBps;
    const soft = heavy({ vrss: true }).perPath.synthetic.throughputBps;
    const m = heavy({ vrss: true, vmmq: true });
    expect(m.perPath.synthetic.throughputBps).toBeGreaterThan(soft);
    expect(m.perPath.synthetic.throughputBps).toBeGreaterThan(3 * none);
    expect(busyLps(m)).toBeGreaterThanOrEqual(8);
  });
});

describe('offloads (issue 11; model/offloads.ts)', () => {
  const one = (a: SimConfig['vms'][number]['adapter'], dir: FlowConfig['direction'], nic: NonNullable<SimConfig['vms'][number]['nic']>, rate: number, patch: Partial<SimConfig> = {}) => {
    const c = host([a], [flow('f', dir, 'vm1', rate)], { nic: { vmqQueues: 8, vfCount: a === 'sriov' ? 4 : 0, linkGbps: 25 }, sriov: a === 'sriov', ...patch });
    return run({ ...c, vms: c.vms.map((v) => ({ ...v, nic })) }, 8_000_000);
  };
  /** Gb/s one core could move at this cost per byte (3 GHz reference clock). */
  const gbpsPerCore = (cycles: number, bytes: number) => (3e9 / (cycles / bytes)) * 8 / 1e9;

  it('LSO: a synthetic UDP sender moves several times more Gb/s per guest core and per root core', () => {
    const off = one('synthetic', 'vm-to-external', {}, 100_000).perPath.synthetic;
    const lso = one('synthetic', 'vm-to-external', { lso: true }, 100_000).perPath.synthetic;
    expect(gbpsPerCore(lso.guestCycles, lso.bytes)).toBeGreaterThan(5 * gbpsPerCore(off.guestCycles, off.bytes));
    expect(gbpsPerCore(lso.rootCycles, lso.bytes)).toBeGreaterThan(5 * gbpsPerCore(off.rootCycles, off.bytes));
    expect(lso.throughputBps).toBeGreaterThan(0.9 * off.throughputBps); // same offered load gets through
  });

  it('LSO under overload: one vNIC sends past the one-core ceiling of 3–5 Gb/s', () => {
    expect(one('synthetic', 'vm-to-external', {}, 1_500_000).perPath.synthetic.throughputBps / 1e9).toBeLessThan(5);
    expect(one('synthetic', 'vm-to-external', { lso: true }, 1_500_000).perPath.synthetic.throughputBps / 1e9).toBeGreaterThan(10);
  });

  it('RSC: fewer guest interrupts and VMBus packets per byte received, less guest CPU per byte', () => {
    const off = one('synthetic', 'external-to-vm', {}, 100_000).perPath.synthetic;
    const rsc = one('synthetic', 'external-to-vm', { rsc: true }, 100_000).perPath.synthetic;
    expect(rsc.interrupts / rsc.bytes).toBeLessThan((off.interrupts / off.bytes) / 5);
    expect(rsc.guestCycles / rsc.bytes).toBeLessThan((off.guestCycles / off.bytes) / 5);
    expect(rsc.rootCycles / rsc.bytes).toBeLessThan(off.rootCycles / off.bytes); // the copy stays per byte
  });

  it('checksum offload off costs the guest more per byte', () => {
    const on = one('synthetic', 'vm-to-external', {}, 50_000).perPath.synthetic;
    const sw = one('synthetic', 'vm-to-external', { checksum: false }, 50_000).perPath.synthetic;
    expect(sw.guestCycles / sw.bytes).toBeGreaterThan(1.1 * (on.guestCycles / on.bytes));
  });

  it('the emulated 21140 has no LSO or RSC, and the SR-IOV path is unchanged (no root CPU either way)', () => {
    const all = { lso: true, rsc: true, checksum: true };
    const e0 = one('emulated', 'vm-to-external', {}, 5_000).perPath.emulated;
    const e1 = one('emulated', 'vm-to-external', all, 5_000).perPath.emulated;
    expect([e1.packets, e1.guestCycles, e1.rootCycles, e1.vmExits]).toEqual([e0.packets, e0.guestCycles, e0.rootCycles, e0.vmExits]);
    const s0 = one('sriov', 'external-to-vm', {}, 50_000).perPath.sriov;
    const s1 = one('sriov', 'external-to-vm', all, 50_000).perPath.sriov;
    expect([s1.packets, s1.guestCycles, s1.rootCycles]).toEqual([s0.packets, s0.guestCycles, 0]);
  });
});
