/**
 * Wiring of the pure lesson runner and the quiz to the app: the simulation store (`useSim`), the
 * engine host's events, and the browser's localStorage.
 *
 * `useLessons` and `useQuiz` are the stores the panels render. Presenter and embed modes use the
 * same objects: `lessonRunner()` exposes next / prev / goTo(lessonId, step) (0-based steps), and
 * `useQuiz.getState().answerWithComponent(id)` answers a component question from a diagram click.
 */
import { create } from 'zustand';
import type { Simulation, TraceEvent } from '../../engine/types';
import { LESSONS, lessonById } from '../../lessons/lessons';
import { browserStorage } from '../../lessons/progress';
import { locateWaits } from '../../lessons/scenes';
import {
  buildQuestion,
  generateQuestion,
  gradeQuestion,
  type Grade,
  type Question,
  type QuestionKind,
} from '../../lessons/questions';
import { createLessonRunner, type EventPort, type LessonRunner, type RunnerState, type SimPort } from '../../lessons/runner';
import { host } from '../../store/engineHost';
import { onFrame, SPEEDS, useSim } from '../../store/simStore';

// ---------------------------------------------------------------------------------------------
// Ports
// ---------------------------------------------------------------------------------------------

/** The highlight of the open lesson step (restored when a diagram selection is cleared). */
let lessonHighlight: string[] | null = null;

/** The catalogue, for code that reaches the lessons through lessonsLazy.ts. */
export { LESSONS, lessonById };
export const LESSON_IDS: readonly string[] = LESSONS.map((l) => l.id);

export const simPort: SimPort = {
  load: (config, seed, atNs) => useSim.getState().load(config, seed, atNs, null),
  seek: (atNs) => useSim.getState().seek(atNs),
  apply: (change) => useSim.getState().apply(change),
  play: () => useSim.getState().play(),
  pause: () => useSim.getState().pause(),
  setSpeed: (speed) => useSim.getState().setSpeed(speed),
  setHighlight: (ids) => {
    lessonHighlight = ids;
    useSim.getState().setHighlight(ids);
  },
  componentIds: () => useSim.getState().topology.components.map((c) => c.id),
  showQuestion: (id, question) => useQuiz.getState().startLessonQuestion(buildQuestion({ id, ...question })),
  leaveQuestion: () => useQuiz.getState().leaveLessonQuestion(),
  now: () => host.sim?.now() ?? 0,
  runUntilEvent: (match, limitNs) => useSim.getState().runUntilEvent(match, limitNs),
};

/**
 * Engine events, delivered once per animation frame (never inside the engine's own callback, so
 * listeners may load or change the simulation). Subscribes to the current `host.sim` and follows
 * it when a load or replay replaces it; events of a replaced simulation are not delivered.
 */
export function createHostEventPort(): EventPort {
  const listeners = new Set<(e: TraceEvent) => void>();
  let sim: Simulation | null = null;
  let offSim: (() => void) | null = null;
  let offFrame: (() => void) | null = null;
  let pending: TraceEvent[] = [];

  /** Follow host.sim; true when it changed (and the frame's events predate our subscription). */
  const attach = (): boolean => {
    if (host.sim === sim) return false;
    offSim?.();
    sim = host.sim ?? null;
    pending = [];
    offSim = sim ? sim.subscribe((e) => pending.push(e)) : null;
    return true;
  };

  const flush = () => {
    const changed = attach();
    const batch = changed ? host.frameEvents.slice() : pending;
    if (!changed) pending = [];
    const batchSim = sim;
    for (const e of batch) {
      // A listener may have loaded a new simulation: the rest of this batch belongs to the old one.
      if (sim !== batchSim || listeners.size === 0) break;
      for (const l of [...listeners]) l(e);
    }
  };

  const teardown = () => {
    offFrame?.();
    offFrame = null;
    offSim?.();
    offSim = null;
    sim = null;
    pending = [];
  };

  return {
    subscribe(l) {
      if (listeners.size === 0) {
        attach();
        pending = [];
        offFrame = onFrame(flush);
      }
      listeners.add(l);
      return () => {
        listeners.delete(l);
        if (listeners.size === 0) teardown();
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Lessons
// ---------------------------------------------------------------------------------------------

let runner: LessonRunner | null = null;

/** The app's lesson runner (created on first use). */
export function lessonRunner(): LessonRunner {
  if (!runner) {
    runner = createLessonRunner({
      lessons: LESSONS,
      sim: simPort,
      events: createHostEventPort(),
      storage: browserStorage(),
      locate: locateWaits,
    });
    runner.subscribe((s) => useLessons.setState(s, true));
    useLessons.setState(runner.getState(), true);
  }
  return runner;
}

export const useLessons = create<RunnerState>()(() => ({
  position: null,
  waiting: null,
  reached: null,
  progress: { lessons: {}, last: null },
}));

/** Navigation state the runner does not own: Next pressed on a question nobody answered. */
export const useLessonNav = create<{ confirmSkip: boolean }>()(() => ({ confirmSkip: false }));

/** True while the open step is a question still waiting for its answer. */
function unansweredQuestion(): boolean {
  const p = useLessons.getState().position;
  const step = p ? LESSONS.find((l) => l.id === p.lessonId)?.steps[p.step] : undefined;
  const q = useQuiz.getState();
  return !!step?.question && q.inLesson && q.phase === 'asking';
}

/**
 * Next, as every control calls it (button, Page Down and arrows in the panel, presenter keys, the
 * embed's line): on a question nobody answered, the first press asks whether to skip it and a
 * second press (or "Skip the question") skips, so a clicker never silently skips a question.
 */
export function lessonNext(): boolean {
  if (unansweredQuestion() && !useLessonNav.getState().confirmSkip) {
    useLessonNav.setState({ confirmSkip: true });
    return true;
  }
  useLessonNav.setState({ confirmSkip: false });
  return lessonRunner().next();
}

export function lessonPrev(): boolean {
  useLessonNav.setState({ confirmSkip: false });
  return lessonRunner().prev();
}

/** "Answer it": close the question's skip prompt. */
export function cancelSkip() {
  useLessonNav.setState({ confirmSkip: false });
}

// Any move (or an answer) clears a pending skip prompt.
useLessons.subscribe((s, prev) => {
  if (s.position !== prev.position && useLessonNav.getState().confirmSkip) useLessonNav.setState({ confirmSkip: false });
});

// ---------------------------------------------------------------------------------------------
// Quiz
// ---------------------------------------------------------------------------------------------

export type QuizPhase = 'idle' | 'asking' | 'result' | 'finished';

export interface QuizAnswer {
  questionId: string;
  answer: string;
  expected: string | null;
  correct: boolean;
}

export interface QuizState {
  seed: number;
  count: number;
  /** Restrict the kinds asked (a lesson's "check yourself" asks one kind). */
  kinds: readonly QuestionKind[] | null;
  index: number;
  question: Question | null;
  phase: QuizPhase;
  grade: Grade | null;
  answers: QuizAnswer[];
  error: string | null;
  /** The open question belongs to a lesson step (the lesson's Next moves on, not the quiz's). */
  inLesson: boolean;
  /**
   * While a component question is open: the component ids that answer it. The diagram may show
   * them as clickable; selecting one of them on the diagram (or calling `answerWithComponent`)
   * answers the question.
   */
  answerMode: { choices: string[] } | null;

  start(seed: number, opts?: { count?: number; kinds?: readonly QuestionKind[] }): void;
  /** Ask one given question for a lesson step. */
  startLessonQuestion(q: Question): void;
  /** The lesson moved on: forget its question without touching the simulation. */
  leaveLessonQuestion(): void;
  answer(choiceId: string): void;
  answerWithComponent(componentId: string): boolean;
  /** Replay the graded packet again. */
  watchAgain(): void;
  nextQuestion(): void;
  exit(): void;
}

/** Simulated time shown before the question's packet starts, ns. */
const LEAD_NS = 2_000;
/** Wall-clock seconds we want the packet's trip to take on screen. */
const WATCH_SECONDS = 6;

/** The slowest playback speed that shows a trip of `ns` in about WATCH_SECONDS. */
export function watchSpeed(tripNs: number): number {
  const want = Math.max(1, tripNs) / WATCH_SECONDS;
  return SPEEDS.find((s) => s >= want) ?? SPEEDS[SPEEDS.length - 1] ?? 5_000;
}

function showQuestion(q: Question) {
  const sim = useSim.getState();
  sim.load(q.config, q.seed, Math.max(0, q.packetAtNs - LEAD_NS), null);
  sim.pause();
  const ids = new Set(useSim.getState().topology.components.map((c) => c.id));
  const mine = [...ids].filter((id) => id.startsWith(`${q.vm}.`) || id.endsWith(`.${q.vm}`));
  sim.setHighlight(q.kind === 'component' ? q.choices.map((c) => c.id).filter((id) => ids.has(id)) : mine);
}

let stopWatching: (() => void) | null = null;
const events = createHostEventPort();

function watch(q: Question, g: Grade) {
  stopWatching?.();
  stopWatching = null;
  const sim = useSim.getState();
  sim.load(q.config, q.seed, Math.max(0, q.packetAtNs - LEAD_NS), null);
  sim.setSpeed(watchSpeed(g.outcome.endNs - q.packetAtNs + LEAD_NS));
  sim.setHighlight(g.outcome.route.length ? g.outcome.route : null);
  const packet = g.outcome.packetId;
  if (packet !== null) {
    const off = events.subscribe((e) => {
      if (e.packet === packet && (e.kind === 'deliver' || e.kind === 'drop')) {
        off();
        stopWatching = null;
        useSim.getState().pause();
      }
    });
    stopWatching = off;
  }
  sim.play();
}

const initialQuiz = {
  seed: 1,
  count: 5,
  kinds: null,
  index: 0,
  question: null,
  phase: 'idle' as QuizPhase,
  grade: null,
  answers: [] as QuizAnswer[],
  error: null,
  answerMode: null,
  inLesson: false,
};

export const useQuiz = create<QuizState>()((set, get) => {
  const ask = (index: number, q: Question) => {
    set({
      index,
      question: q,
      phase: 'asking',
      grade: null,
      error: null,
      answerMode: q.kind === 'component' ? { choices: q.choices.map((c) => c.id) } : null,
    });
    showQuestion(q);
  };
  const fail = (err: unknown) =>
    set({ error: err instanceof Error ? err.message : String(err), phase: 'idle', question: null, answerMode: null });
  const open = (index: number) => {
    const { seed, kinds } = get();
    try {
      const kind = kinds?.length ? kinds[index % kinds.length] : undefined;
      ask(index, generateQuestion(seed, index, kind ? { kind } : {}));
    } catch (err) {
      fail(err);
    }
  };

  return {
    ...initialQuiz,
    start(seed, opts = {}) {
      stopWatching?.();
      set({
        ...initialQuiz,
        seed: Math.max(1, Math.trunc(Number.isFinite(seed) ? seed : 1)),
        count: opts.count ?? 5,
        kinds: opts.kinds ?? null,
      });
      open(0);
    },
    startLessonQuestion(q) {
      stopWatching?.();
      stopWatching = null;
      set({ ...initialQuiz, count: 1, inLesson: true });
      try {
        ask(0, q);
      } catch (err) {
        fail(err);
      }
    },
    leaveLessonQuestion() {
      if (!get().inLesson) return;
      stopWatching?.();
      stopWatching = null;
      set({ ...initialQuiz, seed: get().seed });
    },
    answer(choiceId) {
      const { question: q, phase } = get();
      if (!q || phase !== 'asking' || !q.choices.some((c) => c.id === choiceId)) return;
      const g = gradeQuestion(q, choiceId);
      set((s) => ({
        phase: 'result',
        grade: g,
        answerMode: null,
        answers: [...s.answers, { questionId: q.id, answer: choiceId, expected: g.expected, correct: g.correct }],
      }));
      watch(q, g);
    },
    answerWithComponent(componentId) {
      const mode = get().answerMode;
      if (!mode || !mode.choices.includes(componentId)) return false;
      get().answer(componentId);
      return true;
    },
    watchAgain() {
      const { question: q, grade: g } = get();
      if (q && g) watch(q, g);
    },
    nextQuestion() {
      stopWatching?.();
      stopWatching = null;
      const { index, count } = get();
      if (index + 1 >= count) {
        set({ phase: 'finished', question: null, grade: null, answerMode: null });
        useSim.getState().setHighlight(null);
      } else open(index + 1);
    },
    exit() {
      stopWatching?.();
      stopWatching = null;
      set({ ...initialQuiz, seed: get().seed });
      useSim.getState().setHighlight(null);
    },
  };
});

// A click on a highlighted candidate in the diagram selects it; while a component question is
// open, that selection is the answer. Selecting replaces the highlight with the selection; when
// the selection is cleared during a lesson, the step's highlight comes back.
useSim.subscribe((s, prev) => {
  if (s.selection === prev.selection) return;
  if (s.selection?.kind === 'component') {
    useQuiz.getState().answerWithComponent(s.selection.id);
  } else if (s.selection === null && s.highlight === null && lessonHighlight && useLessons.getState().position) {
    useSim.getState().setHighlight(lessonHighlight);
  }
});
