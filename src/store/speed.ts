/**
 * Playback speeds, in simulated nanoseconds per wall-clock second, and their labels.
 *
 * The slowest step is slow motion: a 500 ns hop (a ring write plus the other core seeing it) takes
 * 2.5 s to cross at 0.2 µs/s. The fastest, 1 ms/s, shows seconds of traffic as a blur of packets.
 */
export const SPEEDS = [200, 1_000, 5_000, 20_000, 100_000, 1_000_000] as const;
/**
 * 20 µs/s: a synthetic send (≈ 10–20 µs from guest stack to wire) crosses the screen in about a
 * second, and the default configuration's two 20 kpps flows start a packet every ~1.3 s: calm, but
 * visibly moving. Slower steps are for following single hops.
 */
export const DEFAULT_SPEED = 20_000;
export const MIN_SPEED = SPEEDS[0];
export const MAX_SPEED = SPEEDS[SPEEDS.length - 1] as number;

/** Index of the step nearest to `speed` (on a log scale). */
export function speedIndex(speed: number): number {
  let best = 0;
  let bestD = Infinity;
  SPEEDS.forEach((s, i) => {
    const d = Math.abs(Math.log(s) - Math.log(Math.max(1, speed)));
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

export function slower(speed: number): number {
  return SPEEDS[Math.max(0, speedIndex(speed) - 1)] as number;
}

export function faster(speed: number): number {
  return SPEEDS[Math.min(SPEEDS.length - 1, speedIndex(speed) + 1)] as number;
}

/** `5000` → `5 µs/s`, `1000000` → `1 ms/s`, `200` → `0.2 µs/s`. Units are not translated. */
export function formatSpeed(nsPerSecond: number): string {
  if (nsPerSecond >= 1_000_000) return `${trim(nsPerSecond / 1_000_000)} ms/s`;
  if (nsPerSecond >= 100) return `${trim(nsPerSecond / 1_000)} µs/s`;
  return `${trim(nsPerSecond)} ns/s`;
}

/** URL form: `5us`, `1ms`, `0.2us`, `50ns`. */
export function speedToParam(nsPerSecond: number): string {
  if (nsPerSecond >= 1_000_000 && nsPerSecond % 1_000_000 === 0) return `${nsPerSecond / 1_000_000}ms`;
  if (nsPerSecond >= 100) return `${trim(nsPerSecond / 1_000)}us`;
  return `${nsPerSecond}ns`;
}

/** Accepts `5000`, `5000ns`, `5us`, `5µs`, `0.2us`, `1ms` (per second of wall time). */
export function parseSpeedParam(v: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(ns|us|µs|ms)?(?:\/s)?$/i.exec(v.trim());
  if (!m) return null;
  const unit = (m[2] ?? 'ns').toLowerCase();
  const mult = unit === 'ms' ? 1e6 : unit === 'us' || unit === 'µs' ? 1e3 : 1;
  const ns = Number(m[1]) * mult;
  return Number.isFinite(ns) ? Math.round(ns) : null;
}

function trim(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

/** Simulated time for the readout: `0 ns`, `812 ns`, `12.345 µs`, `3.456789 ms`. */
export function formatSimTime(ns: number): string {
  if (ns < 1_000) return `${ns} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(3)} µs`;
  if (ns < 1_000_000_000) return `${(ns / 1_000_000).toFixed(6)} ms`;
  return `${(ns / 1_000_000_000).toFixed(9)} s`;
}

/** Short duration for tables: `150 ns`, `1.2 µs`, `10.0 µs`, `1.23 ms`. */
export function formatDuration(ns: number): string {
  if (ns < 1_000) return `${Math.round(ns)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(ns < 10_000 ? 2 : 1)} µs`;
  return `${(ns / 1_000_000).toFixed(2)} ms`;
}
