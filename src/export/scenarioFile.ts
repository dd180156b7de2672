/**
 * Scenario files: a saved simulation setup as JSON, versioned.
 *
 * ```json
 * { "schemaVersion": 2, "name": "VMQ demo", "savedAt": "2026-11-25T12:00:00.000Z", "seed": 1,
 *   "config": { …SimConfig: vms, vmq, sriov, nic, logicalProcessors, flows, extensions, faults… },
 *   "changes": [{ "atNs": 250000, "change": { "kind": "set-vmq", "on": true } }],
 *   "atNs": 400000, "durationUs": 1000, "lesson": { "lessonId": "vmq", "step": 3 } }
 * ```
 *
 * - The traffic is `config.flows` and the scheduled faults are `config.faults`: the file's
 *   `config` is a complete `SimConfig`, so `npm run sim -- --scenario file.json` runs the same
 *   setup headless (the CLI reads `config`, `seed` and `durationUs`).
 * - `changes` are the changes made while the simulation ran (toggles, traffic edits, injected
 *   faults) with their simulated time, so loading replays the very same run; `atNs` is where the
 *   user was; `lesson` is the lesson and step they were on.
 *
 * Loading never throws and never half-applies: it returns either the whole scenario or every
 * problem found, each with its path in the file and an i18n key (see `problems.ts`).
 */
import { z } from '../engine/zod';
import type { ConfigChange, SimConfig } from '../engine/types';
import { lessonPositionSchema, timedChangeSchema } from './configSchema';
import { formatPath, joinPath, problemFromZod, type Problem } from './problems';

/**
 * Version 2 (issue 11) added the host's `vrss` and `vmmq` switches, each VM's port settings
 * (`vms[i].nic`: vRSS/VMMQ, queues, offloads, MTU, VLAN mode, ACL, bandwidth limit, mirroring) and
 * the `set-vrss`, `set-vmmq` and `set-vm-nic` changes. All of them are optional, so a version 1
 * file is a valid version 2 file: it loads as is, and is saved again as version 2.
 */
export const SCENARIO_SCHEMA_VERSION = 2;
/** Versions this build reads. */
export const READABLE_SCHEMA_VERSIONS: readonly number[] = [1, 2];
/** Files larger than this are refused before parsing (a scenario is a few KiB). */
export const MAX_SCENARIO_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_SEED = 0xffff_ffff;
export const MAX_CHANGES = 10_000;
export const MAX_NAME_LENGTH = 200;

export interface TimedConfigChange {
  atNs: number;
  change: ConfigChange;
}

export interface LessonPosition {
  lessonId: string;
  step: number;
}

export interface ScenarioFile {
  schemaVersion: typeof SCENARIO_SCHEMA_VERSION;
  name: string;
  /** ISO 8601 time of saving (wall clock; informational only). */
  savedAt: string;
  seed: number;
  config: SimConfig;
  changes: TimedConfigChange[];
  /** Simulated time the user was at, ns. */
  atNs?: number;
  /** Run length for the headless CLI, µs. */
  durationUs?: number;
  lesson?: LessonPosition;
}

/** The engine's configuration check (its `parseConfig`), injected so this module stays testable. */
export type ConfigValidator = (raw: unknown) => { ok: true; config: SimConfig } | { ok: false; problems: Problem[] };

export type LoadResult = { ok: true; scenario: ScenarioFile } | { ok: false; problems: Problem[] };

const fileSchema = z.strictObject({
  schemaVersion: z.literal([1, SCENARIO_SCHEMA_VERSION]),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME_LENGTH)),
  savedAt: z.string().check(z.maxLength(64)),
  seed: z.number().check(z.int(), z.gte(0), z.lte(MAX_SEED)),
  // Checked on its own below, with the paths prefixed by `config`.
  config: z.unknown(),
  changes: z.optional(z.array(timedChangeSchema).check(z.maxLength(MAX_CHANGES))),
  atNs: z.optional(z.number().check(z.int(), z.gte(0), z.lte(Number.MAX_SAFE_INTEGER))),
  durationUs: z.optional(z.number().check(z.int(), z.gte(1), z.lte(Math.floor(Number.MAX_SAFE_INTEGER / 1000)))),
  lesson: z.optional(lessonPositionSchema),
});

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Check an already-parsed JSON value. Every problem is reported, not only the first. */
export function validateScenario(json: unknown, validateConfig: ConfigValidator): LoadResult {
  if (!isRecord(json)) return { ok: false, problems: [{ path: '(file)', key: 'scenarios.problem.notObject', params: { found: Array.isArray(json) ? 'array' : json === null ? 'null' : typeof json } }] };

  // A different schema version is one clear problem, not a list of confusing ones.
  const version = json.schemaVersion;
  if (typeof version !== 'number' || !READABLE_SCHEMA_VERSIONS.includes(version)) {
    if (version === undefined) return { ok: false, problems: [{ path: 'schemaVersion', key: 'scenarios.problem.noVersion', params: { supported: SCENARIO_SCHEMA_VERSION } }] };
    const newer = typeof version === 'number' && Number.isInteger(version) && version > SCENARIO_SCHEMA_VERSION;
    return { ok: false, problems: [{ path: 'schemaVersion', key: newer ? 'scenarios.problem.newerVersion' : 'scenarios.problem.badVersion', params: { found: JSON.stringify(version) ?? String(version), supported: SCENARIO_SCHEMA_VERSION } }] };
  }

  const problems: Problem[] = [];
  const outer = fileSchema.safeParse(json);
  if (!outer.success) for (const issue of outer.error.issues) problems.push(problemFromZod(issue, json));

  let config: SimConfig | null = null;
  if (!('config' in json)) {
    problems.push({ path: 'config', key: 'scenarios.problem.missing', params: { expected: 'object' } });
  } else {
    const checked = validateConfig(json.config);
    if (checked.ok) config = checked.config;
    else for (const p of checked.problems) problems.push({ ...p, path: joinPath('config', p.path) });
  }

  // Changes may only name VMs that exist when they apply (VMs are added as vmN+1).
  if (config !== null && outer.success) {
    let vmCount = config.vms.length;
    (outer.data.changes ?? []).forEach((tc, i) => {
      const c = tc.change as ConfigChange;
      const named: [string, string][] = [];
      if (c.kind === 'set-adapter' || c.kind === 'remove-vm') named.push(['vm', c.vm]);
      if (c.kind === 'fault' && c.fault.vm !== undefined) named.push(['fault.vm', c.fault.vm]);
      if (c.kind === 'set-flows') c.flows.forEach((f, k) => {
        named.push([`flows[${k}].vm`, f.vm]);
        if (f.peerVm !== undefined) named.push([`flows[${k}].peerVm`, f.peerVm]);
      });
      for (const [where, vm] of named) {
        const n = Number(vm.slice(2));
        if (!(n >= 1 && n <= vmCount)) problems.push({ path: joinPath(formatPath(['changes', i, 'change']), where), key: 'scenarios.problem.unknownVm', params: { vm } });
      }
      if (c.kind === 'add-vm') vmCount++;
    });
  }

  if (problems.length > 0 || !outer.success || config === null) {
    return { ok: false, problems: problems.length > 0 ? problems : [{ path: '(file)', key: 'scenarios.problem.rule', params: { detail: 'invalid' } }] };
  }
  const d = outer.data;
  const scenario: ScenarioFile = {
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    name: d.name,
    savedAt: d.savedAt,
    seed: d.seed,
    config,
    changes: (d.changes ?? []) as TimedConfigChange[],
    ...(d.atNs !== undefined ? { atNs: d.atNs } : {}),
    ...(d.durationUs !== undefined ? { durationUs: d.durationUs } : {}),
    ...(d.lesson !== undefined ? { lesson: d.lesson } : {}),
  };
  // Changes must be in time order, as a replay applies them.
  for (let i = 1; i < scenario.changes.length; i++) {
    if ((scenario.changes[i] as TimedConfigChange).atNs < (scenario.changes[i - 1] as TimedConfigChange).atNs) {
      return { ok: false, problems: [{ path: formatPath(['changes', i, 'atNs']), key: 'scenarios.problem.changesOrder', params: {} }] };
    }
  }
  return { ok: true, scenario };
}

/** Parse and check the text of a scenario file. Never throws. */
export function parseScenarioFile(text: string, validateConfig: ConfigValidator): LoadResult {
  if (typeof text !== 'string') return { ok: false, problems: [{ path: '(file)', key: 'scenarios.problem.notText', params: {} }] };
  if (text.length > MAX_SCENARIO_FILE_BYTES) {
    return { ok: false, problems: [{ path: '(file)', key: 'scenarios.problem.tooLarge', params: { max: `${MAX_SCENARIO_FILE_BYTES / 1024 / 1024} MiB` } }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    return { ok: false, problems: [{ path: '(file)', key: 'scenarios.problem.json', params: { detail: err instanceof Error ? err.message : String(err) } }] };
  }
  try {
    return validateScenario(json, validateConfig);
  } catch (err) {
    // A validator bug must not break the page: report it as a problem with the file.
    return { ok: false, problems: [{ path: '(file)', key: 'scenarios.problem.rule', params: { detail: err instanceof Error ? err.message : String(err) } }] };
  }
}

export interface ScenarioInput {
  name: string;
  seed: number;
  config: SimConfig;
  changes?: readonly TimedConfigChange[];
  atNs?: number;
  durationUs?: number;
  lesson?: LessonPosition | null;
  /** Wall clock of saving; injected for determinism in tests. */
  savedAt: Date;
}

/** Build the file object (keys in a fixed order). */
export function makeScenario(input: ScenarioInput): ScenarioFile {
  return {
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    name: input.name.trim().slice(0, MAX_NAME_LENGTH) || 'scenario',
    savedAt: input.savedAt.toISOString(),
    seed: input.seed,
    config: input.config,
    changes: [...(input.changes ?? [])],
    ...(input.atNs !== undefined ? { atNs: Math.max(0, Math.round(input.atNs)) } : {}),
    ...(input.durationUs !== undefined ? { durationUs: input.durationUs } : {}),
    ...(input.lesson ? { lesson: input.lesson } : {}),
  };
}

/** The file's text: pretty JSON ending in a newline. */
export function serializeScenario(s: ScenarioFile): string {
  return JSON.stringify(s, null, 2) + '\n';
}

/** A safe file name from a scenario name: `VMQ demo!` → `vmq-demo.json`. */
export function scenarioFileName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'scenario'}.json`;
}
