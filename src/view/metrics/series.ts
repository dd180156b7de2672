/**
 * Time series for the live metrics panel, built from polled `Metrics` (a few times a second) and
 * from the trace events of each frame. Pure TypeScript: the panel's hook feeds it, tests feed it
 * by hand.
 *
 * Each poll adds a sample of cumulative counters; a chart point is the difference between two
 * consecutive samples over the simulated time between them. Going back in simulated time (a seek
 * or a restart) clears everything: the series never mixes two runs.
 */
import type { Metrics, PathKind, TraceEvent, VmId } from '../../engine/types';

/** Cycles per ns at the model's 3.0 GHz reference clock (cost-model §0). */
export const CYCLES_PER_NS = 3;

export type DataPath = Exclude<PathKind, 'control'>;
export const DATA_PATHS: readonly DataPath[] = ['synthetic', 'emulated', 'sriov'];

interface Sample {
  tNs: number;
  vmBytes: Map<VmId, number>;
  lpCycles: number[];
  partCycles: Map<string, number>;
}

export interface Interval {
  /** End of the interval, simulated ns. */
  tNs: number;
  dtNs: number;
  /** Goodput per VM over the interval, bits per simulated second. */
  vmBps: Map<VmId, number>;
  /** Utilisation per LP over the interval, 0…1. */
  lpUtil: number[];
  /** CPU per partition over the interval, in cores' worth (cycles / (dt × 3)). */
  partCores: Map<string, number>;
}

export class MetricsSeries {
  private last: Sample | null = null;
  readonly intervals: Interval[] = [];
  /** Bumped on every change, so a view can memoise on it. */
  version = 0;

  constructor(readonly capacity = 120) {}

  clear() {
    this.last = null;
    this.intervals.length = 0;
    this.version++;
  }

  /** Add a poll of the simulation's metrics. Returns false when nothing new happened. */
  push(m: Metrics): boolean {
    const s: Sample = {
      tNs: m.simTimeNs,
      vmBytes: new Map(Object.entries(m.perVm).map(([vm, x]) => [vm as VmId, x.bytes])),
      lpCycles: m.perLp.map((l) => l.cycles),
      partCycles: new Map(Object.entries(m.perPartition).map(([p, c]) => [p, c ?? 0])),
    };
    const prev = this.last;
    if (prev && s.tNs === prev.tNs) return false;
    if (!prev || s.tNs < prev.tNs) {
      // First sample, or a jump back in time (new run): start over from here.
      if (prev) this.intervals.length = 0;
      this.last = s;
      this.version++;
      return true;
    }
    this.last = s;
    const dt = s.tNs - prev.tNs;
    const vmBps = new Map<VmId, number>();
    for (const [vm, b] of s.vmBytes) vmBps.set(vm, (Math.max(0, b - (prev.vmBytes.get(vm) ?? 0)) * 8 * 1e9) / dt);
    const lpUtil = s.lpCycles.map((c, i) => Math.min(1, Math.max(0, c - (prev.lpCycles[i] ?? 0)) / (dt * CYCLES_PER_NS)));
    const partCores = new Map<string, number>();
    for (const [p, c] of s.partCycles) partCores.set(p, Math.max(0, c - (prev.partCycles.get(p) ?? 0)) / (dt * CYCLES_PER_NS));
    this.intervals.push({ tNs: s.tNs, dtNs: dt, vmBps, lpUtil, partCores });
    if (this.intervals.length > this.capacity) this.intervals.splice(0, this.intervals.length - this.capacity);
    this.version++;
    return true;
  }
}

/**
 * Latency samples per path from trace events: a data packet's `send` time is remembered until
 * its `deliver` (or `drop`). Bounded: at most `capacity` samples per path (oldest replaced) and
 * at most `maxPending` packets remembered (oldest forgotten).
 */
export class LatencySamples {
  private readonly pending = new Map<number, number>();
  readonly samples: Record<DataPath, number[]> = { synthetic: [], emulated: [], sriov: [] };
  private readonly next: Record<DataPath, number> = { synthetic: 0, emulated: 0, sriov: 0 };
  version = 0;

  constructor(
    readonly capacity = 2000,
    readonly maxPending = 50_000,
  ) {}

  clear() {
    this.pending.clear();
    for (const p of DATA_PATHS) {
      this.samples[p] = [];
      this.next[p] = 0;
    }
    this.version++;
  }

  add(events: readonly TraceEvent[]) {
    let changed = false;
    for (const e of events) {
      if (e.packet === null || e.path === 'control') continue;
      if (e.kind === 'send') {
        if (this.pending.size >= this.maxPending) {
          const oldest = this.pending.keys().next();
          if (!oldest.done) this.pending.delete(oldest.value);
        }
        this.pending.set(e.packet, e.t);
      } else if (e.kind === 'deliver') {
        const s = this.pending.get(e.packet);
        if (s === undefined) continue;
        this.pending.delete(e.packet);
        const arr = this.samples[e.path];
        const v = e.t + e.dur - s;
        if (arr.length < this.capacity) arr.push(v);
        else {
          arr[this.next[e.path]] = v;
          this.next[e.path] = (this.next[e.path] + 1) % this.capacity;
        }
        changed = true;
      } else if (e.kind === 'drop') {
        this.pending.delete(e.packet);
      }
    }
    if (changed) this.version++;
  }
}
