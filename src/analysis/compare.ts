/**
 * The comparison: one traffic pattern run headless on the four data paths from the same seed,
 * measured the same way. Pure TypeScript (no React, no DOM): the view runs it in chunks with
 * `replay()` so the page never freezes, and unit tests run it in Node.
 *
 * What is measured per run:
 * - a timeline of delivered throughput (bits per simulated second) in equal buckets;
 * - per-packet latency samples (send → deliver) and the engine's own percentiles;
 * - a per-hop cost table: every event that costs CPU or time, grouped by what it is (kind, the
 *   component pair with VM/queue/VF numbers folded, the cost-table row, the partition billed),
 *   with count, ns and cycles per delivered packet and the LPs it ran on;
 * - the same cycles grouped into a few categories that tell the story at a glance (VM exits and
 *   the worker process on the emulated path; nothing in the root on SR-IOV).
 */
import { makeVms } from '../engine/config';
import type { FlowConfig, Metrics, PathKind, SimConfig, Simulation, TraceEvent, VmId } from '../engine/types';
import { runChunked, type ReplayOptions, type SimulationFactory } from '../export/replay';
import { limitOf, wireBusyNs, type Limit, type ResourceLoad } from './limits';

/** The data path each case is meant to measure. */
export const CASE_PATH: Record<string, Exclude<PathKind, 'control'>> = { emulated: 'emulated', synthetic: 'synthetic', vmq: 'synthetic', sriov: 'sriov' };
/** Longest warm-up (channel offers, NVSP/RNDIS init, VF bring-up) before measuring anyway. */
export const MAX_WARMUP_NS = 20_000_000;

/**
 * Traffic patterns the comparison offers, each chosen so one difference shows (rates are UDP or
 * request/response IP packets of `packetBytes`; frames add 18 B):
 * - `current`: the page's own VMs and flows;
 * - `rx-spread`: 4 VMs each receiving 150 kpps × 1,500 B (7.3 Gb/s of frames in all): more than
 *   one LP can switch and copy (≈ 390 kpps, cost-model §8.1) but under the 10 Gb/s link, so
 *   without VMQ every VM's receive work piles on LP0 and with VMQ it spreads over one LP per queue;
 * - `rx-one`: the same 600 kpps into one VM: one vNIC has one queue, so VMQ cannot help (one LP,
 *   ≈ 3–5 Gb/s, facts §6) while SR-IOV bypasses the root;
 * - `light`: 4 VMs, 5 k request/response pairs per second each: nothing saturates, so latency and
 *   CPU per packet tell the paths apart;
 * - `wire`: 8 VMs × 150 kpps × 1,500 B (14.6 Gb/s of frames): more than the 10 Gb/s link.
 */
export const COMPARE_PATTERNS = ['current', 'rx-spread', 'rx-one', 'light', 'wire'] as const;
export type ComparePattern = (typeof COMPARE_PATTERNS)[number];

const rx = (vm: VmId, i: number, ratePps: number): FlowConfig => ({ id: `cmp-rx-${i + 1}`, direction: 'external-to-vm', vm, protocol: 'udp', packetBytes: 1500, ratePps });

/** The base configuration of a pattern: the page's host (NIC, LPs, extensions) with the pattern's VMs and flows. */
export function patternConfig(base: SimConfig, pattern: ComparePattern): SimConfig {
  if (pattern === 'current') return base;
  const n = pattern === 'rx-one' ? 1 : pattern === 'wire' ? 8 : 4;
  const vms = makeVms(n, 'synthetic');
  const ids = vms.map((v) => v.id);
  let flows: FlowConfig[];
  if (pattern === 'rx-spread' || pattern === 'wire') flows = ids.map((vm, i) => rx(vm, i, 150_000));
  else if (pattern === 'rx-one') flows = [rx(ids[0] as VmId, 0, 600_000)];
  else flows = ids.map((vm, i) => ({ id: `cmp-rr-${i + 1}`, direction: 'vm-to-external', vm, protocol: 'tcp', packetBytes: 512, ratePps: 5_000 }));
  return {
    ...base,
    vms,
    flows,
    logicalProcessors: Math.max(base.logicalProcessors, 8),
    nic: { ...base.nic, vmqQueues: Math.max(base.nic.vmqQueues, n), vfCount: Math.max(base.nic.vfCount, n), linkGbps: 10 },
    extensions: { capture: false, filter: { enabled: false, dropRules: [] }, forwarding: false },
    faults: [],
  };
}

export const COMPARE_CASES = ['emulated', 'synthetic', 'vmq', 'sriov'] as const;
export type CompareCase = (typeof COMPARE_CASES)[number];

/** Where a cycle goes, for the stacked "where the time goes" bars; `device` = NIC, DMA and wire time (no CPU). */
export const CATEGORIES = ['guest', 'vmexit', 'worker', 'signal', 'vmbus', 'vswitch', 'pf', 'device'] as const;
export type Category = (typeof CATEGORIES)[number];
/** The categories that cost CPU (the bars). */
export const CPU_CATEGORIES = CATEGORIES.filter((c) => c !== 'device');

/** The configuration of one case: same VMs, traffic and extensions; adapter and switches differ. */
export function caseConfig(base: SimConfig, c: CompareCase): SimConfig {
  const adapter = c === 'emulated' ? 'emulated' : c === 'sriov' ? 'sriov' : 'synthetic';
  const flows = base.flows.length > 0 ? base.flows : defaultFlows(base);
  return {
    ...base,
    vms: base.vms.map((v) => ({ ...v, adapter })),
    vmq: c === 'vmq' || c === 'sriov',
    sriov: c === 'sriov',
    nic: { ...base.nic, vfCount: c === 'sriov' ? Math.min(64, Math.max(base.nic.vfCount, base.vms.length)) : base.nic.vfCount, vmqQueues: c === 'vmq' ? Math.max(base.nic.vmqQueues, 1) : base.nic.vmqQueues },
    flows,
    // Faults would make the four runs differ for another reason than the path: left out.
    faults: [],
  };
}

function defaultFlows(base: SimConfig): SimConfig['flows'] {
  const vm = base.vms[0]?.id ?? 'vm1';
  return [
    { id: 'cmp-out', direction: 'vm-to-external', vm, protocol: 'udp', packetBytes: 1500, ratePps: 5_000 },
    { id: 'cmp-in', direction: 'external-to-vm', vm, protocol: 'udp', packetBytes: 1500, ratePps: 5_000 },
  ];
}

/** Fold instance numbers so the same hop of different VMs/queues/VFs is one row. */
export function foldComponent(id: string): string {
  return id
    .replace(/\bvm\d+\b/g, 'vmN')
    .replace(/^nic\.queue\.\d+$/, 'nic.queue.k')
    .replace(/^nic\.vf\.\d+$/, 'nic.vf.k')
    .replace(/\.vp\.\d+$/, '.vp.n');
}

/** The category of an event's CPU cost. */
export function categorize(e: TraceEvent): Category {
  if (e.kind === 'vmexit') return 'vmexit';
  if (!e.cpu) return 'device';
  const inv = (c: string) => c.startsWith('root.vmwp.') || c === 'root.vid';
  if (inv(e.from) || inv(e.to)) return 'worker';
  if (e.kind === 'hypercall' || e.kind === 'interrupt') return 'signal';
  const sw = (c: string) => c === 'root.vswitch' || c.startsWith('root.vswitch.');
  if (sw(e.from) || sw(e.to)) return 'vswitch';
  const vmbus = (c: string) => c.startsWith('root.netvsp.') || c === 'root.vmbus' || /\.vmbus(\.|$)/.test(c);
  if (vmbus(e.from) || vmbus(e.to)) return 'vmbus';
  if (e.cpu && e.cpu.partition !== 'root' && e.cpu.partition !== 'hv') return 'guest';
  if (e.from === 'root.pf' || e.to === 'root.pf') return 'pf';
  return e.cpu?.partition === 'root' ? 'pf' : 'signal';
}

export interface HopRow {
  key: string;
  kind: TraceEvent['kind'];
  from: string;
  to: string;
  /** Cost-table row id, or null. */
  cost: string | null;
  /** Who pays: `root`, `hv`, `guest`, or null for device/wire time. */
  partition: 'root' | 'hv' | 'guest' | null;
  lps: number[];
  count: number;
  totalNs: number;
  totalCycles: number;
  category: Category;
}

export interface Bucket {
  startNs: number;
  packets: number;
  /** Ethernet frame bytes (header + payload + FCS) delivered in the bucket. */
  bytes: number;
}

export interface CaseResult {
  case: CompareCase;
  config: SimConfig;
  durationNs: number;
  /** Simulated time spent bringing the paths up before measuring (not measured). */
  warmupNs: number;
  /** The engine's cumulative metrics at the end (warm-up included). */
  metrics: Metrics;
  buckets: Bucket[];
  bucketNs: number;
  /** Latency samples, ns (data packets, send → deliver), at most `maxSamples`. */
  latencies: number[];
  hops: HopRow[];
  delivered: number;
  /** Cycles per delivered packet by category. */
  perPacketByCategory: Record<Category, number>;
  /** Cycles per delivered packet by partition kind. */
  perPacket: { root: number; hv: number; guest: number; vmExits: number; hypercalls: number; interrupts: number; copies: number };
  events: number;
  status: 'done' | 'cancelled' | 'stopped';
  /** Utilisation of each LP over the measured window, 0…1 (cycles ÷ (duration × 3 GHz)). */
  lpUtil: number[];
  /** Share of the measured window the physical link was busy serialising, per direction. */
  wire: { rx: number; tx: number };
  /** Data packets sent, delivered and dropped while measuring (request and reply). */
  sent: number;
  dropped: number;
  /** Drops while measuring by engine reason. */
  dropsByReason: Record<string, number>;
  /** In flight at the end minus at the start of the measured window. */
  backlogGrowth: number;
  /** Every resource's busy share while measuring. */
  loads: ResourceLoad[];
  /** Which resource limited this run, from the figures above. */
  limit: Limit;
}

const partitionKind = (p: string | undefined): HopRow['partition'] => (p === undefined ? null : p === 'root' ? 'root' : p === 'hv' ? 'hv' : 'guest');

/** Accumulates one run's measurements from its events. */
export class CaseRecorder {
  readonly buckets: Bucket[];
  readonly latencies: number[] = [];
  private readonly sendAt = new Map<number, number>();
  private readonly hops = new Map<string, HopRow>();
  events = 0;
  /** Data-path VM exits, hypercalls, interrupts and copies seen while measuring. */
  readonly counts = { vmExits: 0, hypercalls: 0, interrupts: 0, copies: 0 };
  /** Busy ns of the link per direction and of each VM's emulated NIC (100 Mb/s device model). */
  readonly busy = { wireRx: 0, wireTx: 0 };
  readonly emulatedBusy = new Map<string, { rx: number; tx: number }>();
  sent = 0;
  dropped = 0;
  readonly dropsByReason: Record<string, number> = {};

  constructor(
    readonly durationNs: number,
    readonly bucketCount = 40,
    readonly maxSamples = 20_000,
    /** Simulated time measuring starts at (after the warm-up); bucket 0 starts here. */
    readonly startNs = 0,
    /**
     * The path the case measures: events of another data path are bring-up packets still in
     * flight when measuring started (e.g. an SR-IOV VM's last synthetic frames), not counted.
     */
    readonly path: Exclude<PathKind, 'control'> | null = null,
  ) {
    const bucketNs = this.bucketNs;
    this.buckets = Array.from({ length: bucketCount }, (_, i) => ({ startNs: i * bucketNs, packets: 0, bytes: 0 }));
  }

  get bucketNs() {
    return Math.max(1, Math.ceil(this.durationNs / this.bucketCount));
  }

  add(e: TraceEvent, sim: Pick<Simulation, 'packet'>) {
    this.events++;
    if (e.path === 'control') return;
    if (this.path !== null && e.path !== this.path) return;
    if (e.kind === 'vmexit') this.counts.vmExits++;
    else if (e.kind === 'hypercall') this.counts.hypercalls++;
    else if (e.kind === 'interrupt') this.counts.interrupts++;
    else if (e.kind === 'copy') this.counts.copies++;
    if (e.kind === 'send' && e.packet !== null) {
      this.sent++;
      this.sendAt.set(e.packet, e.t);
      return;
    }
    if (e.kind === 'deliver' && e.packet !== null) {
      const b = this.buckets[Math.min(this.bucketCount - 1, Math.max(0, Math.floor((e.t - this.startNs) / this.bucketNs)))];
      const frame = sim.packet(e.packet)?.frame;
      if (b) {
        b.packets++;
        b.bytes += frame?.frameBytes ?? 0;
      }
      const s = this.sendAt.get(e.packet);
      if (s !== undefined) {
        this.sendAt.delete(e.packet);
        if (this.latencies.length < this.maxSamples) this.latencies.push(e.t + e.dur - s);
      }
      return;
    }
    if (e.kind === 'drop' && e.packet !== null) {
      this.dropped++;
      this.dropsByReason[e.detail] = (this.dropsByReason[e.detail] ?? 0) + 1;
      this.sendAt.delete(e.packet);
      return;
    }
    if (e.cost === 'H10') this.addBusy(e);
    else if (e.kind === 'copy' && e.cost === 'E1' && e.from.startsWith('root.vmwp.') && e.to.endsWith('.legacy')) this.emulated(e.to.slice(0, -'.legacy'.length)).rx += e.dur;
    if (!e.cpu && e.dur <= 0) return;
    const from = foldComponent(e.from);
    const to = foldComponent(e.to);
    const partition = partitionKind(e.cpu?.partition);
    const key = `${e.kind}|${from}>${to}|${e.cost ?? ''}|${partition ?? ''}`;
    let row = this.hops.get(key);
    if (!row) {
      row = { key, kind: e.kind, from, to, cost: e.cost, partition, lps: [], count: 0, totalNs: 0, totalCycles: 0, category: categorize(e) };
      this.hops.set(key, row);
    }
    row.count++;
    row.totalNs += e.dur;
    if (e.cpu) {
      row.totalCycles += e.cpu.cycles;
      if (!row.lps.includes(e.cpu.lp)) row.lps.push(e.cpu.lp);
    }
  }

  private emulated(vm: string) {
    let b = this.emulatedBusy.get(vm);
    if (!b) this.emulatedBusy.set(vm, (b = { rx: 0, tx: 0 }));
    return b;
  }

  /** H10 hops: the physical link (wire ↔ nic) or the emulated NIC's 100 Mb/s send (VMWP → vSwitch). */
  private addBusy(e: TraceEvent) {
    if (e.from === 'wire') this.busy.wireRx += wireBusyNs(e.dur);
    else if (e.to === 'wire') this.busy.wireTx += wireBusyNs(e.dur);
    else if (e.from.startsWith('root.vmwp.')) this.emulated(e.from.slice('root.vmwp.'.length)).tx += e.dur;
  }

  /** Hop rows, most cycles first, then most time. */
  hopRows(): HopRow[] {
    return [...this.hops.values()].map((r) => ({ ...r, lps: [...r.lps].sort((a, b) => a - b) })).sort((a, b) => b.totalCycles - a.totalCycles || b.totalNs - a.totalNs || (a.key < b.key ? -1 : 1));
  }
}

/** Summarise a recorder and the run's final metrics. */
export function finishCase(c: CompareCase, config: SimConfig, rec: CaseRecorder, metrics: Metrics, status: CaseResult['status'], start?: Metrics): CaseResult {
  const hops = rec.hopRows();
  const span = Math.max(1, metrics.simTimeNs - (start?.simTimeNs ?? rec.startNs));
  const lpUtil = metrics.perLp.map((l, i) => Math.min(1, Math.max(0, l.cycles - (start?.perLp[i]?.cycles ?? 0)) / (span * 3)));
  const wire = { rx: Math.min(1, rec.busy.wireRx / span), tx: Math.min(1, rec.busy.wireTx / span) };
  const loads: ResourceLoad[] = [
    ...lpUtil.map((u, lp) => ({ kind: 'lp' as const, id: `lp.${lp}`, utilisation: u, lp })),
    { kind: 'wire', id: 'wire', utilisation: wire.rx, direction: 'rx' },
    { kind: 'wire', id: 'wire', utilisation: wire.tx, direction: 'tx' },
    ...[...rec.emulatedBusy].flatMap(([vm, b]) => [
      { kind: 'emulated-nic' as const, id: `${vm}.legacy`, utilisation: Math.min(1, b.rx / span), direction: 'rx' as const, vm },
      { kind: 'emulated-nic' as const, id: `${vm}.legacy`, utilisation: Math.min(1, b.tx / span), direction: 'tx' as const, vm },
    ]),
  ];
  const backlogGrowth = metrics.accounting.inFlight - (start?.accounting.inFlight ?? 0);
  const delivered = rec.buckets.reduce((a, b) => a + b.packets, 0);
  const per = (x: number) => (delivered > 0 ? x / delivered : 0);
  const byCat = Object.fromEntries(CATEGORIES.map((k) => [k, 0])) as Record<Category, number>;
  const byPart = { root: 0, hv: 0, guest: 0 };
  for (const h of hops) {
    byCat[h.category] += h.totalCycles;
    if (h.partition) byPart[h.partition] += h.totalCycles;
  }
  return {
    case: c,
    config,
    durationNs: rec.durationNs,
    warmupNs: rec.startNs,
    metrics,
    buckets: rec.buckets,
    bucketNs: rec.bucketNs,
    latencies: rec.latencies,
    hops,
    delivered,
    perPacketByCategory: Object.fromEntries(CATEGORIES.map((k) => [k, per(byCat[k])])) as Record<Category, number>,
    perPacket: { root: per(byPart.root), hv: per(byPart.hv), guest: per(byPart.guest), vmExits: per(rec.counts.vmExits), hypercalls: per(rec.counts.hypercalls), interrupts: per(rec.counts.interrupts), copies: per(rec.counts.copies) },
    events: rec.events,
    status,
    lpUtil,
    wire,
    sent: rec.sent,
    dropped: rec.dropped,
    dropsByReason: { ...rec.dropsByReason },
    backlogGrowth,
    loads,
    limit: limitOf({ loads, drops: rec.dropsByReason, sent: rec.sent, delivered, backlogGrowth }),
  };
}

export interface CompareOptions extends Pick<ReplayOptions, 'signal' | 'yieldFn' | 'budgetMs' | 'clock'> {
  seed: number;
  durationNs: number;
  cases?: readonly CompareCase[];
  /** Traffic pattern (default `current`: the configuration as given). */
  pattern?: ComparePattern;
  bucketCount?: number;
  /** Overall progress 0…1 and the case being run. */
  onProgress?: (fraction: number, running: CompareCase) => void;
}

/**
 * Has every VM reached the path this case measures? (Channels open and NVSP ready for
 * synthetic; the VF data path switched for SR-IOV.) Measuring starts then, so bring-up traffic
 * (e.g. an SR-IOV VM's first packets, which go the synthetic way until its VF is up) is not
 * counted against the path.
 */
export function isSteady(sim: Pick<Simulation, 'snapshot'>, c: CompareCase): boolean {
  const want = CASE_PATH[c];
  const vms = sim.snapshot().vms;
  return vms.length > 0 && vms.every((v) => v.activePath === want && (want !== 'synthetic' || v.nvsp === 'ready'));
}

/** Run every case one after the other (each in chunks). Stops early when cancelled. */
export async function runComparison(create: SimulationFactory, base: SimConfig, opts: CompareOptions): Promise<CaseResult[]> {
  const cases = opts.cases ?? COMPARE_CASES;
  const pbase = patternConfig(base, opts.pattern ?? 'current');
  const out: CaseResult[] = [];
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i] as CompareCase;
    const config = caseConfig(pbase, c);
    const sim = create(config, { seed: opts.seed });
    try {
      // Warm-up in 10 µs steps until the path is up (bounded), yielding like the measured run.
      const clock = opts.clock ?? Date.now;
      const budget = opts.budgetMs ?? 25;
      while (!isSteady(sim, c) && sim.now() < MAX_WARMUP_NS && !opts.signal?.aborted) {
        const started = clock();
        do sim.runUntil(sim.now() + 10_000);
        while (!isSteady(sim, c) && sim.now() < MAX_WARMUP_NS && clock() - started < budget);
        if (opts.yieldFn) await opts.yieldFn();
      }
      const rec = new CaseRecorder(opts.durationNs, opts.bucketCount ?? 40, 20_000, sim.now(), CASE_PATH[c] ?? null);
      const start = sim.metrics();
      const off = sim.subscribe((e) => rec.add(e, sim));
      let status: CaseResult['status'];
      try {
        status = opts.signal?.aborted
          ? 'cancelled'
          : await runChunked(sim, rec.startNs + opts.durationNs, [], {
              onProgress: (f) => opts.onProgress?.((i + f) / cases.length, c),
              signal: opts.signal,
              yieldFn: opts.yieldFn,
              budgetMs: opts.budgetMs,
              clock: opts.clock,
            });
      } finally {
        off();
      }
      out.push(finishCase(c, config, rec, sim.metrics(), status, start));
      if (status === 'cancelled') break;
    } finally {
      sim.dispose();
    }
  }
  return out;
}

/** Percentile of sorted samples (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

/** LPs as short text: `0`, `0–3`, `1, 4, 6`. */
export function formatLps(lps: readonly number[]): string {
  if (lps.length === 0) return '—';
  const s = [...lps].sort((a, b) => a - b);
  const contiguous = s.every((x, i) => i === 0 || x === (s[i - 1] as number) + 1);
  if (contiguous && s.length > 2) return `${s[0]}–${s[s.length - 1]}`;
  return s.join(', ');
}
