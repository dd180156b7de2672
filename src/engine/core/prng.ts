/**
 * Seeded pseudo-random numbers. The engine never calls Math.random: the same seed gives the same
 * sequence in Node and in every browser (32-bit integer arithmetic only, via Math.imul).
 */

/** mulberry32: a small 32-bit generator, period 2^32, good enough for jitter and miss draws. */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Current internal state (for tests and checkpoints). */
  state(): number;
}

export function createPrng(seed: number): Prng {
  let a = seed >>> 0;
  const nextU32 = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    next: () => nextU32() / 4294967296,
    int: (n: number) => Math.floor((nextU32() / 4294967296) * n),
    state: () => a,
  };
}
