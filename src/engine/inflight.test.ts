import { describe, expect, it } from 'vitest';
import { createInFlightBuffer, createSimulation, PATH_KINDS, scenarioConfig } from './index';
import type { ScenarioName } from './scenarios';

describe('fillInFlight', () => {
  // A packet waiting between hops (busy LP, parked in a ring, held by interrupt moderation) must
  // stay on screen where it waits, so the diagram never shows fewer packets than are in flight.
  it.each(['synthetic', 'emulated', 'sriov', 'vmq', 'mixed', 'vm-to-vm'] as ScenarioName[])(
    'lists waiting packets too (%s)',
    (name) => {
      const sim = createSimulation(scenarioConfig(name), { seed: 3 });
      const buf = createInFlightBuffer(64);
      let listed = 0;
      let accounted = 0;
      let waiting = 0;
      for (let t = 100_000; t < 2_000_000; t += 13_337) {
        sim.runUntil(t);
        sim.fillInFlight(buf);
        for (let i = 0; i < buf.count; i++) {
          if (PATH_KINDS[buf.path[i] as number] === 'control') continue;
          listed++;
          const p = buf.progress[i] as number;
          if (p === 0 || p === 1) waiting++;
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
        accounted += sim.snapshot().accounting.inFlight;
      }
      expect(accounted).toBeGreaterThan(0);
      expect(listed).toBeGreaterThanOrEqual(accounted * 0.85);
      expect(waiting).toBeGreaterThan(0);
    },
  );
});
