/**
 * The engine's configuration functions as the store uses them, in one place, so a change in the
 * engine's export shapes touches one file.
 */
import { defaultConfig, parseConfig, SCENARIOS, scenarioConfig } from '../engine';
import type { SimConfig } from '../engine/types';
import type { EngineConfigApi } from './urlConfig';

/** Scenario names, whatever shape the engine's SCENARIOS table has (record or list). */
export function scenarioNames(): string[] {
  const s = SCENARIOS as unknown;
  if (Array.isArray(s)) return s.map((x: unknown) => (typeof x === 'string' ? x : String((x as { name?: unknown }).name)));
  return Object.keys(s as Record<string, unknown>);
}

export const engineApi: EngineConfigApi = {
  defaultConfig,
  scenarioConfig: (name, opts) => scenarioConfig(name as never, opts) as SimConfig,
  parseConfig: (input) => {
    const r = parseConfig(input) as { ok: true; config: SimConfig } | { ok: false; errors: { path: string; message: string }[] };
    return r;
  },
};
