/** Frame statistics for bench/ui.bench.ts (pure, so they can be checked by eye in isolation). */

export interface FrameSummary {
  frames: number;
  /** 1000 ÷ median frame interval. */
  fpsMedian: number;
  /** Frames ÷ seconds. */
  fpsMean: number;
  p95: number;
  p99: number;
  /** Frames longer than 25 ms. */
  over25: number;
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** Nearest-rank percentile (0 for an empty list). */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[rank] as number;
}

export function summarizeFrames(intervals: readonly number[]): FrameSummary {
  const total = intervals.reduce((a, b) => a + b, 0);
  const med = median(intervals);
  return {
    frames: intervals.length,
    fpsMedian: med > 0 ? 1000 / med : 0,
    fpsMean: total > 0 ? (intervals.length * 1000) / total : 0,
    p95: percentile(intervals, 95),
    p99: percentile(intervals, 99),
    over25: intervals.filter((x) => x > 25).length,
  };
}
