/**
 * What the export menu does, apart from React: build each artefact from the running app's state
 * (the engine host and the store) and hand back a Blob, or load a scenario into the store.
 *
 * Long work (trace, capture) replays the run from t = 0 headless, in slices with a yield between
 * them (see `export/replay.ts`), with progress and cancellation.
 */
import { createSimulation } from '../../engine';
import type { ConfigChange, SimConfig } from '../../engine/types';
import { capturePointId, type CapturePoint } from '../../export/capture';
import { captureFile, MAX_CAPTURE_FRAMES } from '../../export/captureFile';
import { engineConfigValidator } from '../../export/engineConfig';
import { macrotaskYield } from '../../export/replay';
import { createSavedScenarios, MemoryStorage, type StorageLike } from '../../export/savedScenarios';
import { makeScenario, parseScenarioFile, scenarioFileName, serializeScenario, type ScenarioFile } from '../../export/scenarioFile';
import { exportFileName, exportTraceJsonl, summaryOf } from '../../export/summary';
import type { Problem } from '../../export/problems';
import { host } from '../../store/engineHost';
import { useSim } from '../../store/simStore';

export interface Progress {
  onProgress?: (fraction: number) => void;
  signal?: { readonly aborted: boolean };
}

export interface Artefact {
  blob: Blob;
  fileName: string;
  /** Extra facts for the status line (events, frames, truncated). */
  info: Record<string, string | number | boolean>;
}

/** Name of the scenario file last loaded (the store's `scenario` is only for named scenarios). */
let loadedName: string | null = null;

/** The label of the current run for file names and the summary (`scenario` field). */
export function runLabel(): string {
  return useSim.getState().scenario?.name ?? loadedName ?? 'custom';
}

/** The current run as a replay plan: configuration, seed, changes so far, up to now. */
export function currentPlan() {
  return { config: host.config, seed: host.seed, changes: host.changes.map((c) => ({ atNs: c.atNs, change: c.change })), untilNs: host.sim.now() };
}

export async function traceArtefact(p: Progress = {}, maxEvents?: number): Promise<Artefact> {
  const plan = currentPlan();
  const r = await exportTraceJsonl(createSimulation, plan, { yieldFn: macrotaskYield, onProgress: p.onProgress, signal: p.signal, maxEvents });
  return {
    blob: new Blob(r.chunks, { type: 'application/x-ndjson' }),
    fileName: exportFileName(runLabel(), plan.seed, plan.untilNs, 'jsonl'),
    info: { events: r.events, truncated: r.truncated, cancelled: r.status === 'cancelled' },
  };
}

export function summaryArtefact(): Artefact {
  const sim = host.sim;
  const text = summaryOf(sim, runLabel(), sim.now());
  return { blob: new Blob([text], { type: 'application/json' }), fileName: exportFileName(runLabel(), sim.seed, sim.now(), 'summary.json'), info: {} };
}

/** Frames seen at the capture points over the whole run so far, as pcapng (same bytes as the CLI's). */
export async function captureArtefact(points: CapturePoint[], p: Progress = {}, maxFrames = MAX_CAPTURE_FRAMES): Promise<Artefact> {
  const plan = currentPlan();
  const r = await captureFile(createSimulation, plan, points, { yieldFn: macrotaskYield, onProgress: p.onProgress, signal: p.signal, maxFrames });
  const where = points.length === 1 ? capturePointId(points[0] as CapturePoint).replace(':', '-') : 'ports';
  return {
    blob: new Blob([r.bytes as BlobPart], { type: 'application/x-pcapng' }),
    fileName: exportFileName(`${runLabel()}-${where}`, plan.seed, plan.untilNs, 'pcapng'),
    info: { frames: r.frames, truncated: r.truncated > 0, cancelled: r.status === 'cancelled' },
  };
}

/** The current state as a scenario file object. */
export function currentScenario(name: string, lesson: { lessonId: string; step: number } | null): ScenarioFile {
  const sim = host.sim;
  return makeScenario({
    name,
    seed: host.seed,
    config: host.config,
    changes: host.changes.map((c) => ({ atNs: c.atNs, change: c.change })),
    atNs: sim.now(),
    durationUs: Math.max(1, Math.ceil(sim.now() / 1000)),
    lesson,
    savedAt: new Date(),
  });
}

export function scenarioArtefact(s: ScenarioFile): Artefact {
  return { blob: new Blob([serializeScenario(s)], { type: 'application/json' }), fileName: scenarioFileName(s.name), info: {} };
}

export type LoadOutcome = { ok: true; scenario: ScenarioFile } | { ok: false; problems: Problem[] };

/** Check a scenario file's text. Nothing is applied. */
export function checkScenarioText(text: string): LoadOutcome {
  return parseScenarioFile(text, engineConfigValidator);
}

/**
 * Put a checked scenario into the app: load its configuration and seed at t = 0, replay its
 * changes at their times through the store (so they are recorded as the run's changes), then go
 * to the saved position. A failure part-way (the engine refusing a change) restores what was
 * running before and is reported; the app is never left half-loaded.
 */
export function applyScenario(s: ScenarioFile): { ok: true } | { ok: false; problems: Problem[] } {
  const store = useSim.getState();
  const before = { config: host.config as SimConfig, seed: host.seed, changes: host.changes.map((c) => ({ ...c })), atNs: host.sim.now(), scenario: store.scenario };
  try {
    // A file is not a named scenario: `null` keeps the address bar describing the configuration.
    store.load(s.config, s.seed, 0, null);
    for (const c of s.changes) {
      useSim.getState().seek(c.atNs);
      useSim.getState().apply(c.change as ConfigChange);
    }
    useSim.getState().seek(s.atNs ?? 0);
    loadedName = s.name;
    return { ok: true };
  } catch (err) {
    try {
      useSim.getState().load(before.config, before.seed, 0, before.scenario);
      for (const c of before.changes) {
        useSim.getState().seek(c.atNs);
        useSim.getState().apply(c.change);
      }
      useSim.getState().seek(before.atNs);
    } catch {
      // the previous state replayed once already; if it fails now, the load above stands
    }
    return { ok: false, problems: [{ path: '(file)', key: 'scenarios.problem.rule', params: { detail: err instanceof Error ? err.message : String(err) } }] };
  }
}

/** localStorage when the browser allows it, else an in-memory store for this page. */
let fallback: MemoryStorage | null = null;
export function browserStorage(): StorageLike {
  try {
    const s = window.localStorage;
    const probe = '__hvv_probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    fallback ??= new MemoryStorage();
    return fallback;
  }
}

export const savedScenarios = createSavedScenarios(() => browserStorage(), { validateConfig: engineConfigValidator });

/** Start a browser download of a blob. */
export function download(a: Artefact) {
  const url = URL.createObjectURL(a.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = a.fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
