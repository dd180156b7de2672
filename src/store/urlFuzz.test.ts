/**
 * Fuzz, headless: hundreds of random and mutated addresses booted through the store and the real
 * engine (src/store/testing/urlArb.ts, seeded). Each must boot without throwing into a running
 * simulation whose counters keep the accounting identity, and every problem must name its
 * parameter. The browser fuzz (e2e/fuzz.spec.ts) loads a sample of the same queries as pages, for
 * the banner and the rendering; this is where the volume is.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { installPageGlobals } from './testing/pageGlobals';
import { FUZZ_SEED, queryArb } from './testing/urlArb';
import { URL_PARAMS, VIEW_PARAMS } from './url';

beforeAll(() => installPageGlobals());

const KNOWN = new Set<string>([...URL_PARAMS, ...VIEW_PARAMS, 'config']);

describe('random and mutated addresses (real engine)', () => {
  it('each boots into a running simulation with the accounting identity, and every issue names a parameter', async () => {
    const { boot } = await import('./boot');
    const { useSim } = await import('./simStore');
    const { host } = await import('./engineHost');
    const queries = fc.sample(queryArb, { seed: FUZZ_SEED + 10, numRuns: 240 });
    let withIssues = 0;
    for (const q of queries) {
      useSim.getState().pause();
      await boot(`?${q}`, { autoplay: () => {} });
      const sim = host.sim;
      sim.runUntil(sim.now() + 20_000);
      const a = sim.metrics().accounting;
      expect(a.sent, q).toBe(a.delivered + a.dropped + a.inFlight);
      for (const v of [a.sent, a.delivered, a.dropped, a.inFlight]) expect(Number.isFinite(v), q).toBe(true);
      const issues = useSim.getState().issues;
      if (issues.length) withIssues++;
      for (const i of issues) expect(KNOWN.has(i.param), `${q}: ${i.param}`).toBe(true);
    }
    // The generator must reach both outcomes.
    expect(withIssues).toBeGreaterThan(40);
    expect(withIssues).toBeLessThan(queries.length);
  }, 120_000);
});
