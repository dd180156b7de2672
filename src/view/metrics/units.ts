/** Number formatting for the charts: plain numbers with an explicit unit chosen for the range. */

/**
 * Formatters are cached per language and option: building an Intl.NumberFormat costs tens of µs,
 * and the metrics panel formats thousands of numbers a render (heat-strip cell titles), which was
 * ≈10 % of the main thread at 64 VMs with the panel open (issue 13).
 */
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(lang: string, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${lang}|${key}`;
  let f = formatters.get(k);
  if (!f) {
    if (formatters.size > 64) formatters.clear();
    f = new Intl.NumberFormat(lang, options);
    formatters.set(k, f);
  }
  return f;
}

export function fmtNumber(v: number, lang: string, digits = 2): string {
  return formatter(lang, `n${digits}`, { maximumFractionDigits: digits }).format(v);
}

/** Bits per second as Gbit/s, Mbit/s or kbit/s, whichever reads best. */
export function fmtBps(v: number, lang: string): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${fmtNumber(v / 1e9, lang)} Gbit/s`;
  if (a >= 1e6) return `${fmtNumber(v / 1e6, lang)} Mbit/s`;
  if (a >= 1e3) return `${fmtNumber(v / 1e3, lang)} kbit/s`;
  return `${fmtNumber(v, lang, 0)} bit/s`;
}

/** Simulated time: ns below 1 µs, µs below 10 ms, then ms. */
export function fmtNs(v: number, lang: string): string {
  const a = Math.abs(v);
  if (a >= 10_000_000) return `${fmtNumber(v / 1e6, lang)} ms`;
  if (a >= 1_000) return `${fmtNumber(v / 1e3, lang, a >= 100_000 ? 0 : a >= 10_000 ? 1 : 2)} µs`;
  return `${fmtNumber(v, lang, 0)} ns`;
}

/** A time axis in µs or ms (the unit goes in the axis label). */
export function timeAxisUnit(maxNs: number): { unit: 'µs' | 'ms'; div: number } {
  return maxNs >= 5_000_000 ? { unit: 'ms', div: 1e6 } : { unit: 'µs', div: 1e3 };
}

/** Gbit/s or Mbit/s for an axis whose maximum is `maxBps`. */
export function rateAxisUnit(maxBps: number): { unit: 'Gbit/s' | 'Mbit/s' | 'kbit/s'; div: number } {
  if (maxBps >= 1e9) return { unit: 'Gbit/s', div: 1e9 };
  if (maxBps >= 1e6) return { unit: 'Mbit/s', div: 1e6 };
  return { unit: 'kbit/s', div: 1e3 };
}

export const fmtPercent = (v: number, lang: string) => formatter(lang, '%', { style: 'percent', maximumFractionDigits: 0 }).format(v);
