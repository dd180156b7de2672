/**
 * Structured validation problems: what is wrong, where in the file, as an i18n key with parameters,
 * so the UI can say it in the user's language. Nothing here is English text meant for display,
 * except `detail` (a validator's own message, shown only as a last resort).
 */
import type { core } from 'zod';

/** One problem found in a file or a stored entry. */
export interface Problem {
  /** Where in the file: `config.vms[2].adapter`, `seed`, or `(file)` for the whole file. */
  path: string;
  /** i18n key under `scenarios.problem.*`. */
  key: string;
  /** Parameters of the message; every value is plain text or a number. */
  params: Record<string, string | number>;
}

export type PathSegment = string | number;

/** `['config', 'vms', 2, 'adapter']` → `config.vms[2].adapter`; the empty path is `(file)`. */
export function formatPath(path: readonly PathSegment[] | string): string {
  if (typeof path === 'string') return path === '' ? '(file)' : path;
  let p = '';
  for (const seg of path) {
    if (typeof seg === 'number') p += `[${seg}]`;
    else p += (p === '' ? '' : '.') + seg;
  }
  return p === '' ? '(file)' : p;
}

/** Prefix a path (`config` + `vms[0]` → `config.vms[0]`). */
export function joinPath(prefix: string, path: string): string {
  if (prefix === '' || prefix === '(file)') return path;
  if (path === '' || path === '(file)') return prefix;
  return path.startsWith('[') ? prefix + path : `${prefix}.${path}`;
}

/** JSON type name of a value, as a user reads it: `string`, `number`, `array`, `null`, `missing`. */
export function jsonType(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && !Number.isFinite(v)) return 'NaN';
  return typeof v;
}

/** The value at a path inside parsed JSON, or undefined. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

const show = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}`;
  return String(v);
};

/** A zod issue → a translatable problem. `root` is the parsed input (to say what was found). */
export function problemFromZod(issue: core.$ZodIssue, root: unknown, prefix: readonly PathSegment[] = []): Problem {
  const segs = [...prefix, ...issue.path.filter((s): s is string | number => typeof s !== 'symbol')];
  const path = formatPath(segs);
  const found = valueAt(root, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (found === undefined) return { path, key: 'scenarios.problem.missing', params: { expected: issue.expected } };
      if (issue.expected === 'int' && typeof found === 'number') return { path, key: 'scenarios.problem.notInteger', params: { found: show(found) } };
      return { path, key: 'scenarios.problem.type', params: { expected: issue.expected, found: jsonType(found) } };
    }
    case 'too_small':
      if (issue.origin === 'array') return { path, key: 'scenarios.problem.tooFewItems', params: { min: show(issue.minimum) } };
      if (issue.origin === 'string') return { path, key: 'scenarios.problem.tooShort', params: { min: show(issue.minimum) } };
      return { path, key: 'scenarios.problem.tooSmall', params: { min: show(issue.minimum), found: show(found) } };
    case 'too_big':
      if (issue.origin === 'array') return { path, key: 'scenarios.problem.tooManyItems', params: { max: show(issue.maximum) } };
      if (issue.origin === 'string') return { path, key: 'scenarios.problem.tooLong', params: { max: show(issue.maximum) } };
      return { path, key: 'scenarios.problem.tooBig', params: { max: show(issue.maximum), found: show(found) } };
    case 'invalid_value':
      return { path, key: 'scenarios.problem.oneOf', params: { allowed: issue.values.map(show).join(', '), found: show(found) } };
    case 'unrecognized_keys':
      return { path, key: 'scenarios.problem.unknownKeys', params: { keys: issue.keys.join(', ') } };
    case 'invalid_union': {
      const disc = (issue as { discriminator?: unknown; options?: unknown[] }).discriminator;
      const options = (issue as { options?: unknown[] }).options;
      if (disc !== undefined && Array.isArray(options)) {
        return { path, key: 'scenarios.problem.oneOf', params: { allowed: options.map(show).join(', '), found: show(found) } };
      }
      return { path, key: 'scenarios.problem.union', params: {} };
    }
    case 'invalid_format':
      if (/VM id/.test(issue.message)) return { path, key: 'scenarios.problem.vmId', params: { found: show(found) } };
      return { path, key: 'scenarios.problem.format', params: { format: issue.format, found: show(found) } };
    case 'custom': {
      const params = (issue.params ?? {}) as Record<string, unknown>;
      if (typeof params.key === 'string') {
        const out: Record<string, string | number> = {};
        for (const [k, v] of Object.entries(params)) if (k !== 'key' && (typeof v === 'string' || typeof v === 'number')) out[k] = v;
        return { path, key: params.key, params: out };
      }
      return problemFromMessage(path, issue.message, found);
    }
    default:
      return { path, key: 'scenarios.problem.rule', params: { detail: issue.message } };
  }
}

/**
 * The engine's cross-field rules give English text only; the known ones are recognised and
 * translated, anything else is shown as the validator wrote it (`scenarios.problem.rule`).
 */
const KNOWN_MESSAGES: [RegExp, string, (m: RegExpExecArray, found: unknown) => Record<string, string | number>][] = [
  [/^expected one of (.+)$/, 'scenarios.problem.oneOf', (m, found) => ({ allowed: m[1] as string, found: show(found) })],
  [/^expected (vm\d+) \(ids are/, 'scenarios.problem.vmOrder', (m) => ({ expected: m[1] as string })],
  [/^unknown VM (.+)$/, 'scenarios.problem.unknownVm', (m) => ({ vm: m[1] as string })],
  [/^a vm-to-vm flow needs peerVm$/, 'scenarios.problem.needsPeer', () => ({})],
  [/^peerVm must differ from vm$/, 'scenarios.problem.peerSame', () => ({})],
  [/^stopNs is before startNs$/, 'scenarios.problem.stopBeforeStart', () => ({})],
  [/^duplicate flow id (.+)$/, 'scenarios.problem.duplicateId', (m) => ({ id: m[1] as string })],
  [/^(\S+) needs a vm$/, 'scenarios.problem.needsVm', (m) => ({ kind: m[1] as string })],
];

/** A problem reported as a path and English text (e.g. by the engine's cross-field rules). */
export function problemFromMessage(path: string, detail: string, found?: unknown): Problem {
  for (const [re, key, params] of KNOWN_MESSAGES) {
    const m = re.exec(detail);
    if (m) return { path, key, params: params(m, found) };
  }
  return { path, key: 'scenarios.problem.rule', params: { detail } };
}
