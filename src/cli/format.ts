/**
 * The trace and summary formats of `npm run sim`, shared with the browser's "export trace" and
 * "export summary" so both produce identical bytes for the same configuration and seed.
 *
 * Pure: no Node APIs, no DOM, no wall clock. Only type imports from the engine.
 */
import type { CpuCharge, Metrics, SimConfig, TraceEvent } from '../engine/types';

/** Keys every JSONL line starts with, in this order. Any other key of the event follows them. */
export const JSONL_KEYS = ['t', 'seq', 'kind', 'packet', 'from', 'to', 'path', 'cpu', 'detail'] as const;
const FIXED_KEYS: ReadonlySet<string> = new Set(JSONL_KEYS);

/** Keys of `cpu` in this order; other keys of the charge (e.g. `vp`) follow them. */
export const CPU_KEYS = ['partition', 'lp', 'cycles'] as const;
const FIXED_CPU_KEYS: ReadonlySet<string> = new Set(CPU_KEYS);

/** JSON for a number; NaN and ±Infinity become null, as JSON.stringify does. */
const num = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');

/** Component ids, kinds and details repeat endlessly: quote each distinct string once. */
const quoted = new Map<string, string>();
function str(s: string): string {
  let q = quoted.get(s);
  if (q === undefined) {
    q = JSON.stringify(s);
    // Bounded so that free-text details cannot grow the cache without limit.
    if (quoted.size < 50_000) quoted.set(s, q);
  }
  return q;
}

/** Append `,"key":value` for each own key not in `fixed`, in the object's own key order. */
function rest(o: object, fixed: ReadonlySet<string>): string {
  let s = '';
  for (const k in o) {
    if (fixed.has(k) || !Object.prototype.hasOwnProperty.call(o, k)) continue;
    const v: unknown = (o as Record<string, unknown>)[k];
    if (v === undefined || typeof v === 'function') continue;
    s += ',' + str(k) + ':' + JSON.stringify(v);
  }
  return s;
}

function cpuJson(c: CpuCharge | null): string {
  if (c === null || c === undefined) return 'null';
  return '{"partition":' + str(c.partition) + ',"lp":' + num(c.lp) + ',"cycles":' + num(c.cycles) + rest(c, FIXED_CPU_KEYS) + '}';
}

/**
 * One trace event as one JSON line (without the newline). Keys, in order: `t` (ns), `seq`, `kind`,
 * `packet` (id or null), `from`, `to`, `path`, `cpu` (`{partition, lp, cycles, …}` or null),
 * `detail`; then the event's other keys (`dur`, `vm`, `cost`, …) in the engine's order.
 */
export function eventToJsonl(e: TraceEvent): string {
  return (
    '{"t":' +
    num(e.t) +
    ',"seq":' +
    num(e.seq) +
    ',"kind":' +
    str(e.kind) +
    ',"packet":' +
    (e.packet === null || e.packet === undefined ? 'null' : num(e.packet)) +
    ',"from":' +
    str(e.from) +
    ',"to":' +
    str(e.to) +
    ',"path":' +
    str(e.path) +
    ',"cpu":' +
    cpuJson(e.cpu) +
    ',"detail":' +
    (e.detail === null || e.detail === undefined ? 'null' : str(e.detail)) +
    rest(e, FIXED_KEYS) +
    '}'
  );
}

/** Several events as JSONL text: one line each, every line ending in `\n`. */
export function eventsToJsonl(events: readonly TraceEvent[]): string {
  let s = '';
  for (const e of events) s += eventToJsonl(e) + '\n';
  return s;
}

export interface SummaryInput {
  /** Scenario name, file path, or `default`. */
  scenario: string;
  seed: number;
  durationNs: number;
  config: SimConfig;
  metrics: Metrics;
}

/**
 * The summary object: what ran (scenario, seed, duration, the host and VMs) and what came out
 * (accounting, per-path and per-VM metrics, CPU per LP and per partition, the event count).
 * Key order is fixed so that two runs with the same seed serialise identically.
 */
export function buildSummary(input: SummaryInput) {
  const { config, metrics } = input;
  return {
    scenario: input.scenario,
    seed: input.seed,
    durationNs: input.durationNs,
    host: {
      vms: config.vms.length,
      adapters: config.vms.map((v) => v.adapter),
      vmq: config.vmq,
      sriov: config.sriov,
      nic: config.nic,
      logicalProcessors: config.logicalProcessors,
      flows: config.flows.length,
      // Issue 11: present only when set (older summaries unchanged).
      ...(config.vrss !== undefined ? { vrss: config.vrss } : {}),
      ...(config.vmmq !== undefined ? { vmmq: config.vmmq } : {}),
      ...(config.vms.some((v) => v.nic?.queues !== undefined) ? { queues: config.vms.map((v) => v.nic?.queues ?? null) } : {}),
      // Present only for load-generator scenarios (stress): contention off, hops stretched.
      ...(config.loadGenerator ? { loadGenerator: config.loadGenerator } : {}),
    },
    simTimeNs: metrics.simTimeNs,
    accounting: metrics.accounting,
    perPath: metrics.perPath,
    perVm: metrics.perVm,
    perLp: metrics.perLp,
    perPartition: metrics.perPartition,
    events: metrics.events,
  };
}

/** The summary as pretty-printed JSON text ending in a newline. */
export function summaryToJson(input: SummaryInput): string {
  return JSON.stringify(buildSummary(input), null, 2) + '\n';
}
