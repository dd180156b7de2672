/**
 * Live overload: which components cannot keep up with the offered load right now, in numbers, and
 * each flow's offered vs delivered rate. Fed with polled engine metrics (a few times a second of
 * wall time); pure TypeScript (no React, DOM or store), so tests feed it by hand.
 *
 * What counts as a bottleneck (every figure from the configuration or the engine's counters):
 * - the wire, when the flows offer more frame time than the link has (`wireOffer`, cost W1);
 * - an emulated NIC, when the frames offered to or by its VM need more than its 100 Mb/s;
 * - an LP at ≥ LP_BUSY utilisation over the engine's window while the flows deliver less than
 *   SHORT_OF_OFFER of their offer (packets wait for it), with the partitions that used it and the
 *   VMs whose receive work the root does there;
 * - a ring or queue that dropped frames in the window (VMBus ring full, NIC/VF queue full, the
 *   emulated NIC's descriptor ring overrun).
 *
 * Rates: Ethernet frames (header + payload + FCS, no preamble or gap), request direction of a
 * flow; a flow's replies are not in its rates.
 */
import { MODEL } from '../engine/costs';
import { guest, nic } from '../engine/ids';
import type { FlowConfig, Metrics, SimConfig, VmState } from '../engine/types';
import { flowOfferedBps, wireOffer, type ResourceKind } from './limits';

/**
 * LP utilisation from which an LP is called a bottleneck: the same 90 % as limits.ts SATURATED.
 * Since hypervisor time occupies its LP (fidelity audit D1) the engine's figure is never above
 * 100 %, and over a window that still holds the VMs' bring-up a saturated LP reads ≈93 %.
 */
export const LP_BUSY = 0.9;
/** Delivered below this share of the offer counts as falling short. */
export const SHORT_OF_OFFER = 0.9;
/** Longest window of simulated time the rates are measured over, ns. */
export const RATE_WINDOW_NS = 10_000_000;

export interface FlowRate {
  id: string;
  direction: FlowConfig['direction'];
  vm: string;
  peerVm?: string;
  protocol: FlowConfig['protocol'];
  packetBytes: number;
  offeredPps: number;
  /** Offered frame bits per second. */
  offeredBps: number;
  /** Measured over the window; null until the window holds a measurement. */
  deliveredPps: number | null;
  deliveredBps: number | null;
  droppedPps: number | null;
}

export interface Bottleneck {
  kind: ResourceKind;
  /** Diagram component to mark (`wire`, `lp.0`, `vm2.legacy`, `nic.queue.default`, `vm3.vmbus.in`). */
  componentId: string;
  direction?: 'rx' | 'tx';
  /** Offered ÷ capacity (wire, emulated NIC) or busy share (LP). */
  utilisation: number;
  offeredBps?: number;
  capacityBps?: number;
  lp?: number;
  vm?: string;
  /** LP: VMs whose receive work the root does on this LP, and each partition kind's share of its cycles (sums to 1). */
  rxVms?: string[];
  byPartition?: { root: number; hv: number; guest: number };
  /** NIC receive queue number (0 = the default queue) of a `nic-queue-full` bottleneck. */
  queue?: number;
  /** Ring/queue: drops in the window and their reason. */
  drops?: number;
  reason?: string;
}

export interface OverloadReport {
  bottlenecks: Bottleneck[];
  flows: FlowRate[];
  /** Simulated time the measured rates cover, ns (0 before two polls). */
  windowNs: number;
}

interface Sample {
  t: number;
  flows: Metrics['perFlow'];
  drops: Record<string, number>;
  vmDrops: Record<string, number>;
  lpPart: Metrics['perLp'];
}

/** Keeps recent metrics polls and reports over a sliding window of simulated time. */
export class OverloadTracker {
  private samples: Sample[] = [];

  clear(): void {
    this.samples = [];
  }

  push(m: Metrics): void {
    const last = this.samples[this.samples.length - 1];
    if (last && m.simTimeNs < last.t) this.samples = []; // a seek back or a new run
    if (last && m.simTimeNs === last.t) return;
    this.samples.push({
      t: m.simTimeNs,
      flows: m.perFlow?.map((f) => ({ ...f })),
      drops: { ...m.accounting.dropsByReason },
      vmDrops: Object.fromEntries(Object.entries(m.perVm).map(([vm, v]) => [vm, v.drops])),
      lpPart: m.perLp,
    });
    // Keep one sample at or before the window's start, drop older ones.
    while (this.samples.length > 2 && (this.samples[1] as Sample).t <= m.simTimeNs - RATE_WINDOW_NS) this.samples.shift();
  }

  report(config: SimConfig, vms: readonly VmState[], m: Metrics | null): OverloadReport {
    return overloadReport(config, vms, m, this.samples[0] ?? null);
  }
}

const partKind = (p: string) => (p === 'root' ? 'root' : p === 'hv' ? 'hv' : 'guest');

/**
 * The report for the current metrics `m`, with rates over the interval since `from` (an earlier
 * poll of the same run). Without metrics, only the configuration checks (wire, emulated NIC).
 */
export function overloadReport(config: SimConfig, vms: readonly VmState[], m: Metrics | null, from: Pick<Sample, 't' | 'flows' | 'drops' | 'vmDrops' | 'lpPart'> | null): OverloadReport {
  const out: Bottleneck[] = [];
  // The stress scenario's load generator never makes a packet wait (src/engine/README.md): no bottleneck to name.
  if (config.loadGenerator) return { bottlenecks: [], flows: [], windowNs: 0 };
  const byVm = new Map(vms.map((v) => [v.id as string, v]));
  const adapterOf = (vm: string) => byVm.get(vm)?.activePath ?? config.vms.find((v) => v.id === vm)?.adapter ?? 'synthetic';

  // The wire, per direction: a property of the configuration (it holds from the first frame).
  const w = wireOffer(config);
  if (w.rxUtilisation > 1) out.push({ kind: 'wire', componentId: 'wire', direction: 'rx', utilisation: w.rxUtilisation, offeredBps: w.rxBps, capacityBps: w.linkBps });
  if (w.txUtilisation > 1) out.push({ kind: 'wire', componentId: 'wire', direction: 'tx', utilisation: w.txUtilisation, offeredBps: w.txBps, capacityBps: w.linkBps });

  // Emulated NICs: frames offered through a 100 Mb/s device model (cost N1), per VM and direction.
  const emu = new Map<string, { rx: number; tx: number }>();
  for (const f of config.flows) {
    const bps = flowOfferedBps(f);
    const add = (vm: string | undefined, dir: 'rx' | 'tx') => {
      if (!vm || adapterOf(vm) !== 'emulated') return;
      const e = emu.get(vm) ?? { rx: 0, tx: 0 };
      e[dir] += bps;
      emu.set(vm, e);
    };
    const replies = f.protocol === 'tcp' || f.protocol === 'icmp';
    if (f.direction === 'external-to-vm') add(f.vm, 'rx');
    else add(f.vm, 'tx');
    if (f.direction === 'vm-to-vm') add(f.peerVm, 'rx');
    if (replies) {
      if (f.direction === 'external-to-vm') add(f.vm, 'tx');
      else add(f.vm, 'rx');
      if (f.direction === 'vm-to-vm') add(f.peerVm, 'tx');
    }
  }
  const emuBps = MODEL.emulatedGbps * 1e9;
  for (const [vm, e] of emu) {
    for (const dir of ['rx', 'tx'] as const) {
      // Frame time includes preamble and gap (20 B of 1,538 for 1,500-B packets): compare as frames.
      if (e[dir] > emuBps) out.push({ kind: 'emulated-nic', componentId: guest.legacy(vm), direction: dir, vm, utilisation: e[dir] / emuBps, offeredBps: e[dir], capacityBps: emuBps });
    }
  }

  const windowNs = m && from ? m.simTimeNs - from.t : 0;
  const prevFlows = new Map((from?.flows ?? []).map((f) => [f.id, f]));
  const flows: FlowRate[] = config.flows.map((f, i) => {
    const cur = m?.perFlow?.[i];
    const prev = prevFlows.get(f.id);
    const ok = cur && cur.id === f.id && prev && windowNs > 0 && cur.sent >= prev.sent;
    const per = (a: number, b: number) => ((a - b) * 1e9) / windowNs;
    return {
      id: f.id,
      direction: f.direction,
      vm: f.vm,
      ...(f.peerVm ? { peerVm: f.peerVm } : {}),
      protocol: f.protocol,
      packetBytes: f.packetBytes,
      offeredPps: f.ratePps,
      offeredBps: flowOfferedBps(f),
      deliveredPps: ok ? per(cur.delivered, prev.delivered) : null,
      deliveredBps: ok ? per(cur.deliveredBytes, prev.deliveredBytes) * 8 : null,
      droppedPps: ok ? per(cur.dropped, prev.dropped) : null,
    };
  });
  // A busy LP is a bottleneck only while traffic falls short of its offer (so VM bring-up work,
  // which also keeps LPs busy, raises no alarm): the flows that sent in the window delivered less
  // than SHORT_OF_OFFER of what they offer.
  const active = flows.filter((f, i) => f.deliveredPps !== null && (m?.perFlow?.[i]?.sent ?? 0) > (prevFlows.get(f.id)?.sent ?? 0));
  const offeredActive = active.reduce((a, f) => a + f.offeredBps, 0);
  const short = active.length > 0 && active.reduce((a, f) => a + (f.deliveredBps ?? 0), 0) < SHORT_OF_OFFER * offeredActive;
  if (m && short) {
    // LPs: the engine's windowed utilisation; who used them over our window (cumulative cycles).
    for (const l of m.perLp) {
      if (l.utilisation < LP_BUSY) continue;
      const prev = from?.lpPart[l.lp]?.byPartition ?? {};
      // Shares of the LP's cycles in the window (root, hypervisor and guest time each occupy the LP).
      const parts = { root: 0, hv: 0, guest: 0 };
      for (const [p, c] of Object.entries(l.byPartition)) parts[partKind(p)] += (c ?? 0) - (windowNs > 0 ? ((prev as Record<string, number>)[p] ?? 0) : 0);
      const sum = parts.root + parts.hv + parts.guest || 1;
      parts.root /= sum;
      parts.hv /= sum;
      parts.guest /= sum;
      const rxVms = vms.filter((v) => v.activePath === 'synthetic' && v.rxLp === l.lp && config.flows.some((f) => (f.direction === 'external-to-vm' && f.vm === v.id) || (f.direction === 'vm-to-vm' && f.peerVm === v.id))).map((v) => v.id as string);
      out.push({ kind: 'lp', componentId: `lp.${l.lp}`, lp: l.lp, utilisation: l.utilisation, rxVms, byPartition: parts });
    }
  }
  if (m) {
    // Rings and queues that dropped frames in the window.
    if (from && windowNs > 0) {
      const grew = Object.entries(m.accounting.dropsByReason).map(([r, n]) => [r, n - (from.drops[r] ?? 0)] as const).filter(([, n]) => n > 0);
      const vmDrops = Object.entries(m.perVm)
        .map(([vm, v]) => [vm, v.drops - (from.vmDrops[vm] ?? 0)] as const)
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1]);
      for (const [reason, n] of grew) {
        const vm = vmDrops[0]?.[0];
        const st = vm ? byVm.get(vm) : undefined;
        let id: string | null = null;
        let kind: ResourceKind = 'ring';
        let queue: number | undefined;
        if (reason === 'ring-full' && vm) id = guest.ringIn(vm);
        else if (reason === 'legacy-rx-overrun' && vm) id = guest.legacy(vm);
        // The guest's send queue: behind the tulip's TX ring, or behind NetVSC's stopped queue (D4).
        else if (reason === 'tx-queue-full' && vm) id = st?.activePath === 'emulated' ? guest.legacy(vm) : guest.netvsc(vm);
        else if (reason === 'nic-queue-full') {
          kind = 'queue';
          id = nic.queue(st?.vmqQueue ?? 0);
          queue = st?.vmqQueue ?? 0;
        } else if (reason === 'vf-queue-full') {
          kind = 'queue';
          id = st?.vf ? nic.vf(st.vf) : 'nic';
        }
        if (id) out.push({ kind, componentId: id, utilisation: 1, drops: n, reason, ...(vm ? { vm } : {}), ...(queue !== undefined ? { queue } : {}) });
      }
    }
  }

  return { bottlenecks: out, flows, windowNs };
}

/** Consecutive LP bottlenecks folded into ranges for one line of text: [[1, 7], [9, 9]]. */
export function lpRanges(lps: readonly number[]): [number, number][] {
  const s = [...lps].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const x of s) {
    const last = out[out.length - 1];
    if (last && x === last[1] + 1) last[1] = x;
    else out.push([x, x]);
  }
  return out;
}
