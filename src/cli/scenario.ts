/**
 * Turns `--scenario <name|file.json>` into a validated configuration. File access is injected
 * (`readText`), so everything here except that one call is pure and unit-tested.
 */
import { SCENARIOS, defaultConfig, scenarioConfig } from '../engine';
import { parseConfig } from '../engine/configSchema';
import type { SimConfig } from '../engine/types';
import { MAX_DURATION_US, MAX_SEED } from './args';

export interface ResolvedScenario {
  /** The name, the file path as given, or `default`. */
  label: string;
  config: SimConfig;
  /** Seed stored in the file or the scenario, if any. */
  seed?: number;
  /** Run length stored in the file or the scenario, if any. */
  durationNs?: number;
}

export type ResolveResult = { ok: true; scenario: ResolvedScenario } | { ok: false; error: string };

export interface ScenarioIo {
  /** Read a UTF-8 file; throws like `fs.readFileSync` when it cannot. */
  readText(path: string): string;
}

/** Names of the built-in scenarios, sorted. */
export const scenarioNames = (): string[] => Object.keys(SCENARIOS).sort();

/** A validation error path as `config.vms[0].adapter`, whether the engine gives a string or segments. */
export function formatPath(path: unknown, prefix = ''): string {
  let p: string;
  if (Array.isArray(path)) {
    p = '';
    for (const seg of path) {
      if (typeof seg === 'number') p += `[${seg}]`;
      else p += (p === '' ? '' : '.') + String(seg);
    }
  } else {
    p = path === undefined || path === null ? '' : String(path);
  }
  if (prefix === '') return p === '' ? '(root)' : p;
  return p === '' ? prefix : p.startsWith('[') ? prefix + p : `${prefix}.${p}`;
}

/** The first validation problem, with its path, and how many more there are. */
export function describeErrors(errors: readonly { path: unknown; message: string }[], prefix = ''): string {
  const first = errors[0];
  if (!first) return 'invalid configuration';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  return `${formatPath(first.path, prefix)}: ${first.message}${more}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isWholeIn = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;

/** Read a scenario object: a configuration, or `{ config, seed?, durationUs? }` around one. */
export function scenarioFromJson(json: unknown, label: string): ResolveResult {
  const where = `scenario file '${label}'`;
  let body: unknown = json;
  let prefix = '';
  let seed: number | undefined;
  let durationNs: number | undefined;
  if (isRecord(json) && 'config' in json) {
    body = json.config;
    prefix = 'config';
    if (json.seed !== undefined) {
      if (!isWholeIn(json.seed, 0, MAX_SEED)) return { ok: false, error: `${where} is invalid: seed: expected a whole number 0…${MAX_SEED}` };
      seed = json.seed;
    }
    if (json.durationUs !== undefined) {
      if (!isWholeIn(json.durationUs, 1, MAX_DURATION_US)) return { ok: false, error: `${where} is invalid: durationUs: expected a whole number ≥ 1` };
      durationNs = json.durationUs * 1000;
    }
  }
  const parsed = parseConfig(body);
  if (!parsed.ok) return { ok: false, error: `${where} is invalid: ${describeErrors(parsed.errors, prefix)}` };
  return { ok: true, scenario: { label, config: parsed.config, seed, durationNs } };
}

const looksLikeFile = (spec: string) => /\.json$/i.test(spec) || spec.includes('/') || spec.includes('\\');

function errorText(err: unknown): string {
  if (isRecord(err) && typeof err.code === 'string') {
    const code = err.code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES') return 'permission denied';
    if (code === 'EISDIR') return 'it is a directory';
    return code;
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * Resolve `--scenario`. `vms` goes to scenarios that size themselves (`stress`), so their
 * traffic scales with the VM count instead of being repeated.
 */
export function resolveScenario(spec: string | undefined, opts: { vms?: number }, io: ScenarioIo): ResolveResult {
  if (spec === undefined) return { ok: true, scenario: { label: 'default', config: defaultConfig() } };

  if (Object.prototype.hasOwnProperty.call(SCENARIOS, spec)) {
    const entry = SCENARIOS[spec] as unknown as Record<string, unknown>;
    const config = spec === 'stress' ? scenarioConfig(spec, opts.vms === undefined ? {} : { vms: opts.vms }) : scenarioConfig(spec);
    const seed = isWholeIn(entry.seed, 0, MAX_SEED) ? entry.seed : undefined;
    const durationNs = isWholeIn(entry.durationNs, 1, Number.MAX_SAFE_INTEGER) ? entry.durationNs : undefined;
    return { ok: true, scenario: { label: spec, config, seed, durationNs } };
  }

  if (!looksLikeFile(spec)) {
    return { ok: false, error: `unknown scenario '${spec}' (known: ${scenarioNames().join(', ')}; or give a path to a .json file)` };
  }

  let text: string;
  try {
    text = io.readText(spec);
  } catch (err) {
    return { ok: false, error: `cannot read scenario file '${spec}': ${errorText(err)}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `scenario file '${spec}' is not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  return scenarioFromJson(json, spec);
}
