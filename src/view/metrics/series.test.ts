import { describe, expect, it } from 'vitest';
import type { Metrics, TraceEvent } from '../../engine/types';
import { LatencySamples, MetricsSeries } from './series';

const metrics = (tNs: number, vm1Bytes: number, lp0: number, lp1: number, root: number): Metrics =>
  ({
    simTimeNs: tNs,
    perVm: { vm1: { bytes: vm1Bytes } },
    perLp: [
      { lp: 0, cycles: lp0, utilisation: 0, byPartition: {} },
      { lp: 1, cycles: lp1, utilisation: 0, byPartition: {} },
    ],
    perPartition: { root },
  }) as unknown as Metrics;

const ev = (kind: TraceEvent['kind'], packet: number, t: number, path: TraceEvent['path'] = 'synthetic'): TraceEvent => ({ t, seq: 0, kind, packet, from: 'a', to: 'b', path, cpu: null, detail: '', dur: 0, vm: null, cost: null });

describe('metrics series', () => {
  it('turns cumulative counters into per-interval rates', () => {
    const s = new MetricsSeries();
    expect(s.push(metrics(0, 0, 0, 0, 0))).toBe(true);
    expect(s.intervals).toHaveLength(0);
    s.push(metrics(1_000_000, 125_000, 3_000_000, 300_000, 1_500_000)); // 1 ms
    expect(s.push(metrics(1_000_000, 125_000, 3_000_000, 300_000, 1_500_000))).toBe(false);
    const i = s.intervals[0]!;
    expect(i.dtNs).toBe(1_000_000);
    expect(i.vmBps.get('vm1')).toBe(1e9); // 125 kB in 1 ms = 1 Gbit/s
    expect(i.lpUtil).toEqual([1, 0.1]);
    expect(i.partCores.get('root')).toBe(0.5);
  });

  it('starts over when simulated time goes back, and keeps at most `capacity` intervals', () => {
    const s = new MetricsSeries(3);
    for (let k = 0; k <= 5; k++) s.push(metrics(k * 1000, k * 10, 0, 0, 0));
    expect(s.intervals.map((i) => i.tNs)).toEqual([3000, 4000, 5000]);
    s.push(metrics(500, 0, 0, 0, 0));
    expect(s.intervals).toHaveLength(0);
    s.push(metrics(1500, 10, 0, 0, 0));
    expect(s.intervals).toHaveLength(1);
  });
});

describe('latency samples', () => {
  it('pairs send and deliver per path and forgets drops', () => {
    const l = new LatencySamples(2);
    l.add([ev('send', 1, 100), ev('send', 2, 100, 'emulated'), ev('send', 3, 100), ev('drop', 3, 150)]);
    l.add([ev('deliver', 1, 1100), ev('deliver', 2, 50_100, 'emulated'), ev('deliver', 3, 9999), ev('deliver', 99, 5)]);
    expect(l.samples.synthetic).toEqual([1000]);
    expect(l.samples.emulated).toEqual([50_000]);
    // Bounded: the oldest sample is replaced.
    l.add([ev('send', 4, 0), ev('deliver', 4, 10), ev('send', 5, 0), ev('deliver', 5, 20)]);
    expect(l.samples.synthetic).toEqual([20, 10]);
  });
});
