import { describe, expect, it } from 'vitest';
import { createSimulation, defaultConfig } from '../engine';
import { OFFLOAD_CASES, OFFLOAD_CASE_ROWS, runOffloadComparison } from './offloadCompare';
import { COSTS } from '../engine/costs';

describe('offload comparison: what each offload saves per byte', () => {
  it('LSO and RSC cut guest CPU, VMBus packets and interrupts per byte; checksum offload off costs guest CPU', async () => {
    const r = await runOffloadComparison(createSimulation, defaultConfig(), { seed: 1, durationNs: 2_000_000 });
    expect(r.map((x) => x.case)).toEqual([...OFFLOAD_CASES]);
    const [none, lso, rsc, sw] = r as [(typeof r)[0], (typeof r)[0], (typeof r)[0], (typeof r)[0]];
    for (const x of r) expect(x.bytes).toBeGreaterThan(0);
    expect(lso.guestNsPerKB).toBeLessThan(none.guestNsPerKB * 0.75);
    expect(lso.rootNsPerKB).toBeLessThan(none.rootNsPerKB * 0.75);
    expect(lso.vmbusPacketsPerMB).toBeLessThan(none.vmbusPacketsPerMB * 0.75);
    expect(rsc.interruptsPerMB).toBeLessThan(none.interruptsPerMB * 0.75);
    expect(rsc.guestNsPerKB).toBeLessThan(none.guestNsPerKB * 0.75);
    expect(sw.guestNsPerKB).toBeGreaterThan(none.guestNsPerKB);
    expect(Math.abs(sw.rootNsPerKB - none.rootNsPerKB)).toBeLessThan(none.rootNsPerKB * 0.02); // the root does not checksum
  });

  it('names cost rows that exist', () => {
    for (const c of OFFLOAD_CASES) for (const id of OFFLOAD_CASE_ROWS[c]) expect(COSTS[id], id).toBeDefined();
  });
});
