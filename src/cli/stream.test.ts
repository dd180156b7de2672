import { describe, expect, it } from 'vitest';
import { createSimulation, scenarioConfig } from '../engine';
import { eventToJsonl } from './format';
import { streamTrace } from './stream';

/** The reference: one runUntil, every event collected, start-up events from the snapshot. */
function wholeTrace(name: string, endNs: number, seed = 1): string {
  const sim = createSimulation(scenarioConfig(name), { seed });
  const lines = sim.snapshot().events.map(eventToJsonl);
  sim.subscribe((e) => lines.push(eventToJsonl(e)));
  sim.runUntil(endNs);
  sim.dispose();
  return lines.map((l) => l + '\n').join('');
}

describe('streamTrace', () => {
  it.each(['synthetic', 'vf-failover'])('writes exactly the trace of one runUntil, in whole-line chunks (%s)', async (name) => {
    const endNs = 1_500_000;
    const sim = createSimulation(scenarioConfig(name), { seed: 1 });
    const chunks: string[] = [];
    const r = await streamTrace(sim, endNs, { write: (c) => void chunks.push(c), closed: () => false }, { chunkChars: 4_000, maxSliceNs: 2_000 });
    expect(sim.now()).toBe(endNs);
    const text = chunks.join('');
    expect(text).toBe(wholeTrace(name, endNs));
    expect(r.events).toBe(text.split('\n').length - 1);
    expect(r.missedAtStart).toBe(0);
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks) expect(c.endsWith('\n')).toBe(true);
    // Small slices keep chunks near the aim, far from the whole trace.
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(text.length / 4);
  });

  it('stops at the next chunk once the sink is closed', async () => {
    const sim = createSimulation(scenarioConfig('synthetic'), { seed: 1 });
    let writes = 0;
    await streamTrace(sim, 1_000_000_000, { write: () => void writes++, closed: () => writes >= 3 });
    expect(writes).toBe(3);
    expect(sim.now()).toBeLessThan(1_000_000_000);
  });

  it('awaits a pending write before running on', async () => {
    const sim = createSimulation(scenarioConfig('synthetic'), { seed: 1 });
    const log: string[] = [];
    await streamTrace(
      sim,
      200_000,
      {
        write: () =>
          new Promise<void>((resolve) => {
            log.push(`write@${sim.now()}`);
            setTimeout(() => {
              log.push(`done@${sim.now()}`);
              resolve();
            }, 0);
          }),
        closed: () => false,
      },
      { maxSliceNs: 20_000 },
    );
    // Every write completes before the engine advances again.
    for (let i = 0; i < log.length; i += 2) expect(log[i + 1]?.replace('done', 'write')).toBe(log[i]);
  });
});
