/**
 * The lesson runner: where the learner is, how to move (next / prev / goTo), what each move does
 * to the simulation, and waiting for engine events.
 *
 * Two layers, both free of React and of the real store:
 * - pure functions (`nextPosition`, `prevPosition`, `resolvePosition`, `planStep`) that compute
 *   positions and the list of store operations a step needs;
 * - `createLessonRunner`, a small object that applies those operations through injected ports
 *   (`SimPort`, `EventPort`, `StorageLike`) and remembers progress. The app wires the ports to
 *   the zustand store and the engine host (see `lessonStore.ts`); tests wire fakes.
 *
 * Presenter and embed modes drive the runner through `next()`, `prev()` and `goTo(lesson, step)`;
 * every move lands on a state that depends only on the target step (jumps and backward moves
 * rebuild the step's scene from scratch, deterministically).
 */
import type { ConfigChange, SimConfig, TraceEvent } from '../engine/types';
import { expandIds, matchesEvent } from './predicates';
import {
  clearProgress,
  emptyProgress,
  loadProgress,
  saveProgress,
  type Position,
  type Progress,
  type StorageLike,
} from './progress';
import type { WalkSegment } from './scenes';
import type { Lesson, LessonQuestion, LessonStep, LessonWait } from './types';

export type { Position, Progress } from './progress';

// ---------------------------------------------------------------------------------------------
// Pure position arithmetic
// ---------------------------------------------------------------------------------------------

export function findLesson(lessons: readonly Lesson[], id: string): Lesson | undefined {
  return lessons.find((l) => l.id === id);
}

/**
 * Validate a requested position. `step` is 0-based and may equal `steps.length` (the completion
 * screen); out-of-range steps are clamped, unknown lessons give null.
 */
export function resolvePosition(lessons: readonly Lesson[], lessonId: string, step: number): Position | null {
  const lesson = findLesson(lessons, lessonId);
  if (!lesson || !Number.isFinite(step)) return null;
  return { lessonId, step: Math.max(0, Math.min(lesson.steps.length, Math.trunc(step))) };
}

/** Next step; from the completion screen, the first step of the next lesson (null after the last). */
export function nextPosition(lessons: readonly Lesson[], p: Position): Position | null {
  const i = lessons.findIndex((l) => l.id === p.lessonId);
  const lesson = lessons[i];
  if (!lesson) return null;
  if (p.step < lesson.steps.length) return { lessonId: p.lessonId, step: p.step + 1 };
  const following = lessons[i + 1];
  return following ? { lessonId: following.id, step: 0 } : null;
}

/** Previous step; from a first step, the previous lesson's last step (null before the first). */
export function prevPosition(lessons: readonly Lesson[], p: Position): Position | null {
  if (p.step > 0) return { lessonId: p.lessonId, step: p.step - 1 };
  const i = lessons.findIndex((l) => l.id === p.lessonId);
  const previous = i > 0 ? lessons[i - 1] : undefined;
  return previous ? { lessonId: previous.id, step: previous.steps.length - 1 } : null;
}

// ---------------------------------------------------------------------------------------------
// What entering a step does to the simulation
// ---------------------------------------------------------------------------------------------

export type StoreOp =
  | { op: 'load'; config: SimConfig; seed: number; atNs: number }
  /** Run forward to a time (the store replays deterministically). */
  | { op: 'seek'; atNs: number }
  | { op: 'apply'; change: ConfigChange }
  | { op: 'speed'; speed: number }
  | { op: 'play' }
  | { op: 'pause' }
  /** Component id patterns (`*` wildcards); the runner expands them against the topology. */
  | { op: 'highlight'; patterns: string[] | null }
  /** Ask a question: the question loads its own host (see `SimPort.showQuestion`). */
  | { op: 'question'; id: string; question: LessonQuestion };

/** Index of the step whose scene `step` runs in (the nearest step at or before it with a scene). */
export function sceneIndex(lesson: Lesson, step: number): number {
  for (let i = Math.min(step, lesson.steps.length - 1); i >= 0; i--) {
    if (lesson.steps[i]?.scene) return i;
  }
  return -1;
}

/**
 * Finds where the waits of the steps walked through are satisfied (see `locateWaits` in
 * scenes.ts, which runs the engine headlessly). Returns one time per segment, null where the
 * segment has no wait or its event never came.
 */
export type Locate = (
  scene: { config: SimConfig; seed: number; atNs: number },
  segments: readonly WalkSegment[],
) => (number | null)[];

/**
 * The operations that take the simulation to `step` of `lesson`.
 * `continuing` is true when the learner moves forward by one step inside the same lesson: then a
 * step without a scene keeps the running simulation and only applies its own changes. Any other
 * move rebuilds the scene and replays every step from the scene up to the target: each step's
 * changes, and (with `locate`) a seek to where each step's wait was satisfied. So "go to step N"
 * always produces the state a learner who walked there would see, deterministically.
 */
export function planStep(lesson: Lesson, step: number, continuing: boolean, locate?: Locate): StoreOp[] {
  const target = lesson.steps[step];
  if (!target) return [{ op: 'pause' }, { op: 'highlight', patterns: null }];
  if (target.question) return [{ op: 'question', id: `${lesson.id}.${target.id}`, question: target.question }];
  const ops: StoreOp[] = [];
  const sceneAt = sceneIndex(lesson, step);
  const rebuild = !continuing || target.scene !== undefined;
  let speed: number | undefined;
  if (rebuild && sceneAt >= 0) {
    const scene = lesson.steps[sceneAt]?.scene;
    let times: (number | null)[] = [];
    if (scene) {
      const config = scene.config();
      const seed = scene.seed ?? 1;
      const at = typeof scene.startNs === 'function' ? scene.startNs(config, seed) : (scene.startNs ?? 0);
      const atNs = Math.max(0, Math.round(at));
      ops.push({ op: 'load', config, seed, atNs });
      const segments: WalkSegment[] = lesson.steps
        .slice(sceneAt, step)
        .map((s) => ({ changes: s.changes ?? [], wait: s.waitFor?.predicate ?? null }));
      if (locate && segments.some((x) => x.wait)) times = locate({ config, seed, atNs }, segments);
    }
    for (let i = sceneAt; i <= step; i++) {
      const s = lesson.steps[i] as LessonStep;
      for (const change of s.changes ?? []) ops.push({ op: 'apply', change });
      const t = times[i - sceneAt];
      if (i < step && t !== null && t !== undefined) ops.push({ op: 'seek', atNs: t + 1 });
      if (s.speed !== undefined) speed = s.speed;
    }
  } else {
    for (const change of target.changes ?? []) ops.push({ op: 'apply', change });
    speed = target.speed;
  }
  if (speed !== undefined) ops.push({ op: 'speed', speed });
  ops.push({ op: 'highlight', patterns: target.highlight });
  ops.push(target.play === false ? { op: 'pause' } : { op: 'play' });
  return ops;
}

// ---------------------------------------------------------------------------------------------
// The runner object
// ---------------------------------------------------------------------------------------------

/** What the runner needs from the simulation store. */
export interface SimPort {
  load(config: SimConfig, seed: number, atNs: number): void;
  /** Run forward to `atNs` (never called with a time before now). */
  seek(atNs: number): void;
  apply(change: ConfigChange): void;
  play(): void;
  pause(): void;
  setSpeed(speed: number): void;
  setHighlight(ids: string[] | null): void;
  /** Ids of the components of the current topology (for expanding highlight patterns). */
  componentIds(): string[];
  /** Show a lesson's question (load its host, paused, ready to answer). Optional. */
  showQuestion?(id: string, question: LessonQuestion): void;
  /** The learner left a question step. Optional. */
  leaveQuestion?(): void;
  /** Simulated time now, ns. Optional (without it, waits report no progress). */
  now?(): number;
  /**
   * Run the simulation ahead until an event matches (stopping just after it) or `limitNs` of
   * simulated time have passed; returns the event, or null. Optional (without it, Next during a
   * wait rebuilds the next step, which seeks past the wait).
   */
  runUntilEvent?(match: (e: TraceEvent) => boolean, limitNs: number): TraceEvent | null;
}

/**
 * Engine events as they happen. Listeners must be called outside the engine's own callback
 * (the app's port defers them to the next animation frame), because the runner reacts by
 * changing the simulation.
 */
export interface EventPort {
  subscribe(listener: (e: TraceEvent) => void): () => void;
}

export interface RunnerState {
  /** Null when no lesson is open. */
  position: Position | null;
  /** The wait of the current step while its event has not happened yet. */
  waiting: LessonWait | null;
  /** Simulated time when the current wait began, ns (null without a wait or without `SimPort.now`). */
  waitFromNs?: number | null;
  /** The event that ended the last wait (shown as "it happened" until the learner moves). */
  reached: TraceEvent | null;
  progress: Progress;
}

export interface LessonRunner {
  getState(): RunnerState;
  subscribe(listener: (s: RunnerState) => void): () => void;
  /** Open a lesson at its first step (or `step`). Returns false for an unknown lesson. */
  start(lessonId: string, step?: number): boolean;
  /**
   * Returns false when there is nothing after the current position. While the step waits for an
   * event, Next first runs the simulation to that event, so the next step's text (which may claim
   * the state the event brings, "vm1 is on the VF again") and its live numbers agree.
   */
  next(): boolean;
  /**
   * When the current step's wait will be satisfied, ns of simulated time, found by running the
   * step's scene headlessly (`RunnerOptions.locate`); null when unknown. Computed once per step.
   */
  waitTargetNs(): number | null;
  /** Skip ahead to the awaited event (then move on, as the event itself would). False if it never comes. */
  skipWait(): boolean;
  /** Returns false when there is nothing before the current position. */
  prev(): boolean;
  /** Go to a step (0-based; `steps.length` = completion screen). False for an unknown lesson. */
  goTo(lessonId: string, step: number): boolean;
  /** Close the lesson; the simulation keeps its state, the highlight is cleared. */
  exit(): void;
  /** Forget all progress (the open lesson stays open). */
  resetProgress(): void;
  dispose(): void;
}

export interface RunnerOptions {
  lessons: readonly Lesson[];
  sim: SimPort;
  events: EventPort;
  storage: StorageLike | null;
  /** Advance by itself when a step's event happens (default true). */
  autoAdvance?: boolean;
  /** Locates earlier steps' events when jumping (default: none, jumps start at the scene). */
  locate?: Locate;
}

/** How far past its expected time a skip runs to find a wait's event, ns of simulated time. */
const SKIP_LIMIT_NS = 50_000_000;

/** When the wait of `step` is satisfied, walking from its scene (null: no wait, or it never comes). */
export function locateStepWait(lesson: Lesson, step: number, locate: Locate): number | null {
  const sceneAt = sceneIndex(lesson, step);
  const scene = lesson.steps[sceneAt]?.scene;
  if (!scene || !lesson.steps[step]?.waitFor) return null;
  const config = scene.config();
  const seed = scene.seed ?? 1;
  const at = typeof scene.startNs === 'function' ? scene.startNs(config, seed) : (scene.startNs ?? 0);
  const segments: WalkSegment[] = lesson.steps
    .slice(sceneAt, step + 1)
    .map((s) => ({ changes: s.changes ?? [], wait: s.waitFor?.predicate ?? null }));
  const times = locate({ config, seed, atNs: Math.max(0, Math.round(at)) }, segments);
  return times[times.length - 1] ?? null;
}

export function createLessonRunner(opts: RunnerOptions): LessonRunner {
  const { lessons, sim, events, storage } = opts;
  const autoAdvance = opts.autoAdvance ?? true;
  const known = new Map(lessons.map((l) => [l.id, l.steps.length]));
  let state: RunnerState = { position: null, waiting: null, reached: null, progress: loadProgress(storage, known) };
  const listeners = new Set<(s: RunnerState) => void>();
  let unwait: (() => void) | null = null;
  /** Bumped on every move, so a late event for a step we left is ignored. */
  let generation = 0;
  /** `waitTargetNs` of the current step: [generation, value]. */
  let target: [number, number | null] | null = null;

  const set = (patch: Partial<RunnerState>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l(state);
  };

  const stopWaiting = () => {
    unwait?.();
    unwait = null;
  };

  const record = (p: Position): Progress => {
    const lesson = findLesson(lessons, p.lessonId);
    if (!lesson) return state.progress;
    const before = state.progress.lessons[p.lessonId] ?? { reached: 0, done: false };
    const reached = Math.max(before.reached, Math.min(p.step + 1, lesson.steps.length));
    const done = before.done || p.step >= lesson.steps.length;
    const progress: Progress = {
      lessons: { ...state.progress.lessons, [p.lessonId]: { reached, done } },
      last: p,
    };
    saveProgress(storage, progress);
    return progress;
  };

  const runOps = (ops: StoreOp[]) => {
    for (const o of ops) {
      switch (o.op) {
        case 'load':
          sim.load(o.config, o.seed, o.atNs);
          break;
        case 'seek':
          sim.seek(o.atNs);
          break;
        case 'apply':
          sim.apply(o.change);
          break;
        case 'speed':
          sim.setSpeed(o.speed);
          break;
        case 'play':
          sim.play();
          break;
        case 'pause':
          sim.pause();
          break;
        case 'highlight':
          sim.setHighlight(o.patterns ? expandIds(o.patterns, sim.componentIds()) : null);
          break;
        case 'question':
          sim.showQuestion?.(o.id, o.question);
          break;
      }
    }
  };

  const enter = (to: Position, continuing: boolean) => {
    const lesson = findLesson(lessons, to.lessonId);
    if (!lesson) return false;
    stopWaiting();
    const gen = ++generation;
    const from = state.position ? findLesson(lessons, state.position.lessonId)?.steps[state.position.step] : undefined;
    if (from?.question) sim.leaveQuestion?.();
    runOps(planStep(lesson, to.step, continuing, opts.locate));
    const wait = lesson.steps[to.step]?.waitFor ?? null;
    set({ position: to, waiting: wait, waitFromNs: wait && sim.now ? sim.now() : null, reached: null, progress: record(to) });
    if (wait) {
      unwait = events.subscribe((e) => {
        if (gen !== generation || !matchesEvent(wait.predicate, e)) return;
        reach(to, e);
      });
    }
    return true;
  };

  /** The current step's event happened (live, or because we ran ahead to it). */
  const reach = (at: Position, e: TraceEvent, advance = autoAdvance) => {
    stopWaiting();
    if (advance && move(nextPosition(lessons, at), true)) set({ reached: e });
    else set({ waiting: null, waitFromNs: null, reached: e });
  };

  /** Run ahead to the current wait's event; the event, or null when it does not come. */
  const runToWait = (): TraceEvent | null => {
    const wait = state.waiting;
    if (!wait || !sim.runUntilEvent) return null;
    const now = sim.now?.() ?? 0;
    const eta = waitTargetNs();
    // Far enough for any lesson wait (they are tested to end within 40 s at their speed).
    const limit = Math.max(SKIP_LIMIT_NS, eta !== null ? eta - now + SKIP_LIMIT_NS : 0);
    return sim.runUntilEvent((e) => matchesEvent(wait.predicate, e), limit);
  };

  const waitTargetNs = (): number | null => {
    if (target && target[0] === generation) return target[1];
    let value: number | null = null;
    const p = state.position;
    const lesson = p ? findLesson(lessons, p.lessonId) : undefined;
    if (p && lesson && state.waiting && opts.locate) value = locateStepWait(lesson, p.step, opts.locate);
    target = [generation, value];
    return value;
  };

  const move = (to: Position | null, forward: boolean): boolean => {
    if (!to) return false;
    const from = state.position;
    const continuing = forward && from !== null && from.lessonId === to.lessonId && to.step === from.step + 1;
    return enter(to, continuing);
  };

  return {
    getState: () => state,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    start(lessonId, step = 0) {
      const p = resolvePosition(lessons, lessonId, step);
      return p ? enter(p, false) : false;
    },
    next() {
      const at = state.position;
      if (!at) return false;
      if (state.waiting) {
        const e = runToWait();
        if (e) {
          reach(at, e, true);
          return true;
        }
        // The event did not come (or cannot be run to): rebuild the next step, which seeks past it.
        return move(nextPosition(lessons, at), false);
      }
      return move(nextPosition(lessons, at), true);
    },
    waitTargetNs,
    skipWait() {
      const at = state.position;
      if (!at || !state.waiting) return false;
      const e = runToWait();
      if (!e) return false;
      reach(at, e);
      return true;
    },
    prev() {
      return state.position ? move(prevPosition(lessons, state.position), false) : false;
    },
    goTo(lessonId, step) {
      const p = resolvePosition(lessons, lessonId, step);
      return p ? enter(p, false) : false;
    },
    exit() {
      stopWaiting();
      generation++;
      const from = state.position ? findLesson(lessons, state.position.lessonId)?.steps[state.position.step] : undefined;
      if (from?.question) sim.leaveQuestion?.();
      sim.setHighlight(null);
      set({ position: null, waiting: null, waitFromNs: null, reached: null });
    },
    resetProgress() {
      clearProgress(storage);
      set({ progress: emptyProgress() });
    },
    dispose() {
      stopWaiting();
      generation++;
      listeners.clear();
    },
  };
}
