/**
 * A link holds a time, and reopening it replays every event up to and including that time. So
 * wherever playback stops (a step, a run to an event), the state there must equal a fresh run to
 * the same time. Real engine, no mock: the instants with several events are the engine's own.
 */
import { installPageGlobals } from './testing/pageGlobals';
import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(() => installPageGlobals());

describe('a stop is a whole instant', () => {
  it('after each of 80 steps, a fresh run to the same time has the same engine state', { timeout: 30_000 }, async () => {
    const { useSim } = await import('./simStore');
    const { boot } = await import('./boot');
    const { stats } = await import('./automation');
    await boot('?vms=2&adapter=synthetic&traffic=udp-out&t=200000&play=0');
    // Mixed adapters give instants where several components act at once.
    useSim.getState().apply({ kind: 'set-adapter', vm: 'vm2', adapter: 'emulated' });
    let mismatches = 0;
    for (let i = 0; i < 80; i++) {
      useSim.getState().step();
      const here = stats();
      useSim.getState().seek(0);
      useSim.getState().seek(here.simTimeNs);
      if (JSON.stringify(stats()) !== JSON.stringify(here)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('runUntilEvent stops with its instant finished, too', { timeout: 30_000 }, async () => {
    const { useSim } = await import('./simStore');
    const { stats } = await import('./automation');
    let mismatches = 0;
    for (let i = 0; i < 50; i++) {
      const found = useSim.getState().runUntilEvent((e) => e.kind === 'hop', 1_000_000);
      expect(found).not.toBeNull();
      const here = stats();
      useSim.getState().seek(0);
      useSim.getState().seek(here.simTimeNs);
      if (JSON.stringify(stats()) !== JSON.stringify(here)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});
