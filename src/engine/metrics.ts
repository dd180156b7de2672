/**
 * Counters behind `Simulation.metrics()`: accounting, per-path and per-VM figures, CPU per LP and
 * per partition. Updated in the hot loop with typed-array writes only; `metrics()` builds the plain
 * objects on demand.
 *
 * Units: ns of simulated time, cycles at 3.0 GHz, bytes of Ethernet frame (header + payload + FCS).
 * Throughput and utilisation use a sliding window of WINDOW_BUCKETS × BUCKET_NS simulated time.
 */
import type { LatencyStats, PathMetrics } from './types';

export const BUCKET_NS = 1_000_000;
export const WINDOW_BUCKETS = 10;

/** Log-linear histogram: 32 sub-buckets per power of two (≈2 % resolution), values in ns. */
export class LatencyHistogram {
  private counts = new Float64Array(64 * 32);
  count = 0;
  sum = 0;
  max = 0;

  add(v: number): void {
    const x = v < 1 ? 1 : v;
    const i = Math.min(this.counts.length - 1, Math.floor(Math.log2(x) * 32));
    this.counts[i] = (this.counts[i] as number) + 1;
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
  }

  quantile(q: number): number {
    if (this.count === 0) return 0;
    const target = q * this.count;
    let acc = 0;
    for (let i = 0; i < this.counts.length; i++) {
      acc += this.counts[i] as number;
      if (acc >= target) return Math.min(this.max, Math.round(2 ** ((i + 0.5) / 32)));
    }
    return this.max;
  }

  stats(): LatencyStats {
    // One pass for the three quantiles.
    const qs = [0.5, 0.9, 0.99];
    const out = [0, 0, 0];
    if (this.count > 0) {
      let acc = 0;
      let k = 0;
      for (let i = 0; i < this.counts.length && k < 3; i++) {
        acc += this.counts[i] as number;
        while (k < 3 && acc >= (qs[k] as number) * this.count) {
          out[k] = Math.min(this.max, Math.round(2 ** ((i + 0.5) / 32)));
          k++;
        }
      }
    }
    return {
      count: this.count,
      p50: out[0] as number,
      p90: out[1] as number,
      p99: out[2] as number,
      max: this.max,
      mean: this.count ? Math.round(this.sum / this.count) : 0,
    };
  }
}

/** Counters of one path or one VM. */
export class PathCounters {
  packets = 0;
  bytes = 0;
  vmExits = 0;
  hypercalls = 0;
  interrupts = 0;
  copies = 0;
  rootCycles = 0;
  guestCycles = 0;
  hvCycles = 0;
  drops = 0;
  ringOutPeak = 0;
  ringInPeak = 0;
  readonly latency = new LatencyHistogram();
  /** Delivered bytes per window bucket (ring indexed by bucket number). */
  readonly windowBytes = new Float64Array(WINDOW_BUCKETS);

  toPathMetrics(windowNs: number, bucketIndex: number): PathMetrics {
    let bytes = 0;
    const n = Math.min(WINDOW_BUCKETS, bucketIndex + 1);
    for (let k = 0; k < n; k++) bytes += this.windowBytes[(bucketIndex - k + WINDOW_BUCKETS) % WINDOW_BUCKETS] as number;
    return {
      packets: this.packets,
      bytes: this.bytes,
      throughputBps: windowNs > 0 ? (bytes * 8 * 1e9) / windowNs : 0,
      latencyNs: this.latency.stats(),
      vmExits: this.vmExits,
      hypercalls: this.hypercalls,
      interrupts: this.interrupts,
      copies: this.copies,
      rootCycles: this.rootCycles,
      guestCycles: this.guestCycles,
      hvCycles: this.hvCycles,
    };
  }
}
