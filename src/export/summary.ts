/**
 * Trace (JSONL) and summary (JSON) exports. Both reuse the CLI's formatter (`src/cli/format.ts`),
 * so the browser's files are byte-for-byte what `npm run sim -- --format jsonl|summary` prints
 * for the same configuration, seed and duration.
 *
 * The trace is rebuilt by a replay from t = 0 (the app's event log is bounded), in chunks of text
 * that the caller turns into a Blob without building one giant string.
 */
import { eventToJsonl, summaryToJson, type SummaryInput } from '../cli/format';
import type { Simulation } from '../engine/types';
import { replay, type ReplayOptions, type ReplayPlan, type ReplayResult, type SimulationFactory } from './replay';

export { eventsToJsonl, eventToJsonl, buildSummary, summaryToJson } from '../cli/format';
export type { SummaryInput } from '../cli/format';

/** Default cap on exported trace lines (≈ 200 MB of text). */
export const DEFAULT_MAX_TRACE_EVENTS = 1_000_000;
const CHUNK_CHARS = 1 << 20;

export interface TraceExport {
  /** JSONL text in chunks; concatenated they are the file. */
  chunks: string[];
  events: number;
  /** True when `maxEvents` stopped the export before `untilNs`. */
  truncated: boolean;
  status: ReplayResult['status'];
  /** Simulated time the trace covers, ns. */
  reachedNs: number;
}

/**
 * Replay the plan and format every event as one JSONL line. Stops after `maxEvents` lines (the
 * file is then a prefix of the full trace, and `truncated` says so).
 */
export async function exportTraceJsonl(
  create: SimulationFactory,
  plan: ReplayPlan,
  opts: Omit<ReplayOptions, 'onEvent' | 'stopWhen'> & { maxEvents?: number } = {},
): Promise<TraceExport> {
  const max = opts.maxEvents ?? DEFAULT_MAX_TRACE_EVENTS;
  const chunks: string[] = [];
  let buf = '';
  let events = 0;
  let truncated = false;
  const r = await replay(create, plan, {
    ...opts,
    onEvent: (e) => {
      if (events >= max) {
        truncated = true;
        return;
      }
      buf += eventToJsonl(e) + '\n';
      events++;
      if (buf.length >= CHUNK_CHARS) {
        chunks.push(buf);
        buf = '';
      }
    },
    stopWhen: () => truncated,
  });
  r.sim.dispose();
  if (buf.length > 0) chunks.push(buf);
  return { chunks, events, truncated, status: r.status, reachedNs: r.reachedNs };
}

/** The summary of a simulation at its current time (same text as the CLI's `--format summary`). */
export function summaryOf(sim: Simulation, scenario: string, durationNs = sim.now()): string {
  const input: SummaryInput = { scenario, seed: sim.seed, durationNs, config: sim.config as SummaryInput['config'], metrics: sim.metrics() };
  return summaryToJson(input);
}

/** File names: `hyperv-<scenario>-seed<seed>-<t>us.<ext>`, safe on every OS. */
export function exportFileName(scenario: string, seed: number, timeNs: number, ext: string): string {
  const slug = scenario.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'scenario';
  return `hyperv-${slug}-seed${seed}-${Math.floor(timeNs / 1000)}us.${ext}`;
}
