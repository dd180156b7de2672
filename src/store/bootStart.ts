/**
 * Where a fresh page starts (boot.ts): the first data send and the moment the routes settle. Both
 * are found by running throw-away simulations from t = 0 (engineHost.ts), which was most of the
 * page's first long task on a phone (≈1 s of the Lighthouse mobile profile, issue 12). The answers
 * for what a fresh page opens most (the default configuration and every named scenario, seed 1,
 * as `?scenario=x` without `t` builds them) are precomputed in bootStarts.data.ts; any other
 * configuration or seed runs the probes as before. The table is exact, not an estimate:
 * bootStart.test.ts recomputes every entry with the probes and fails (saying how to regenerate
 * it) when the engine moves one.
 */
import type { SimConfig } from '../engine/types';
import { BOOT_STARTS } from './bootStarts.data';
import { firstDataSendNs, routesSettledNs } from './engineHost';

export interface BootStart {
  /** Time of the first data send (null: none within the probe's limit). */
  first: number | null;
  /** Time every route is the configured one (null: not probed, or not within the limit). */
  settled: number | null;
}

/** The probes themselves: two throw-away simulations from t = 0. */
export function probeBootStart(config: SimConfig, seed: number): BootStart {
  const first = firstDataSendNs(config, seed);
  // …and no earlier than the moment every route is the configured one (an SR-IOV VF is up).
  const settled = first !== null ? routesSettledNs(config, seed) : null;
  return { first, settled };
}

/**
 * The table's key for a configuration and seed: a 53-bit hash (cyrb53) of the seed and the
 * configuration's canonical JSON (keys sorted, so the order a configuration was built in does not
 * matter: defaultConfig() and the validated copy of it are one key), and the JSON's length. A false match needs a 53-bit collision with one of
 * a dozen entries at the same length; anything the table does not know runs the probes.
 */
export function bootStartKey(config: SimConfig, seed: number): string {
  const s = `${seed}|${canonicalJson(config)}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return `${hash.toString(36)}.${s.length.toString(36)}`;
}

/** JSON with every object's keys in sorted order. */
function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}

/** The start a fresh page computes for `config` at `seed`: from the table when it is there. */
export function bootStart(config: SimConfig, seed: number): BootStart {
  const known = BOOT_STARTS[bootStartKey(config, seed)];
  return known ? { first: known[0], settled: known[1] } : probeBootStart(config, seed);
}
