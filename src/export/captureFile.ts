/**
 * One capture file from a run: replay the plan from t = 0, collect the frames seen at the capture
 * points, write pcapng. The browser's export menu and `npm run sim -- --format pcapng` both call
 * this, so for the same configuration, seed, changes and end time the bytes are identical.
 *
 * Pure (the simulation factory and the yield are injected).
 */
import { CaptureCollector, type CapturePoint } from './capture';
import { buildPcapng } from './pcapng';
import { replay, type ReplayOptions, type ReplayPlan, type SimulationFactory } from './replay';

export interface CaptureFileOptions extends Pick<ReplayOptions, 'onProgress' | 'signal' | 'yieldFn' | 'budgetMs'> {
  /** Frames recorded at most (over all points); later ones are counted in `truncated`. */
  maxFrames?: number;
}

export interface CaptureFile {
  bytes: Uint8Array;
  frames: number;
  truncated: number;
  status: 'done' | 'cancelled' | 'stopped';
}

/** Default frame limit of an export (the browser's menu and the CLI). */
export const MAX_CAPTURE_FRAMES = 200_000;

export async function captureFile(create: SimulationFactory, plan: ReplayPlan, points: readonly CapturePoint[], opts: CaptureFileOptions = {}): Promise<CaptureFile> {
  let collector: CaptureCollector | null = null;
  const { maxFrames = MAX_CAPTURE_FRAMES, ...replayOpts } = opts;
  const r = await replay(create, plan, {
    ...replayOpts,
    onEvent: (e, sim) => {
      collector ??= new CaptureCollector(points, (id) => sim.packet(id)?.frame ?? null, { maxFrames });
      collector.add(e);
    },
  });
  r.sim.dispose();
  const c: CaptureCollector = collector ?? new CaptureCollector(points, () => null);
  return { bytes: buildPcapng(c.interfaces, c.sorted()), frames: c.records.length, truncated: c.truncated, status: r.status };
}
