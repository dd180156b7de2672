/**
 * The engine's configuration functions as the store uses them, in one place, so a change in the
 * engine's export shapes touches one file. Scenarios are looked up on the module namespace so the
 * app still builds and runs (with the default configuration) if an engine build has none. The
 * engine's validation is not here: urlParse.ts adds it (zod) for a page that reads a link.
 */
import * as engine from '../engine';
import type { SimConfig } from '../engine/types';
import type { EngineConfigApi } from './urlConfig';

type ScenarioFn = (name: string, opts: { vms?: number; packets?: number }) => SimConfig;
const ns = engine as unknown as { SCENARIOS?: unknown; scenarioConfig?: ScenarioFn };

/** Scenario names, whatever shape the engine's SCENARIOS table has (record or list). */
export function scenarioNames(): string[] {
  const s = ns.SCENARIOS;
  if (!s) return [];
  if (Array.isArray(s)) return s.map((x: unknown) => (typeof x === 'string' ? x : String((x as { name?: unknown }).name)));
  return Object.keys(s as Record<string, unknown>);
}

export const engineApi: EngineConfigApi = {
  defaultConfig: engine.defaultConfig,
  scenarioConfig: (name, opts) => {
    if (!ns.scenarioConfig) throw new Error(`scenario “${name}” is not available in this build`);
    return ns.scenarioConfig(name, opts);
  },
};
