/**
 * SCORM 1.2 run-time pieces that need no app: finding the LMS's API object, the CMITimespan of
 * `cmi.core.session_time`, the score of a lesson's questions and the learner's place in
 * `cmi.suspend_data`. Pure functions over plain objects, unit-tested (scorm12.test.ts);
 * scormSession.ts wires them to the lesson runner.
 */

/** The SCORM 1.2 API an LMS puts on a window as `window.API` (all values are strings). */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
}

/** The parts of a window the search reads (a test passes plain objects). */
export interface ApiWindow {
  API?: unknown;
  parent?: ApiWindow | null;
  opener?: ApiWindow | null;
}

const isApi = (v: unknown): v is Scorm12Api =>
  typeof v === 'object' && v !== null && typeof (v as Scorm12Api).LMSInitialize === 'function' && typeof (v as Scorm12Api).LMSSetValue === 'function';

/** The SCORM 1.2 RTE's own limit on how many parents to climb. */
const MAX_TRIES = 7;

/** `win.API`, or the first `API` found climbing its parents (at most 7); null when none. */
function searchUp(win: ApiWindow | null | undefined): Scorm12Api | null {
  let w = win;
  for (let tries = 0; w && tries <= MAX_TRIES; tries++) {
    try {
      if (isApi(w.API)) return w.API;
      if (!w.parent || w.parent === w) return null;
      w = w.parent;
    } catch {
      // A parent of another origin: its API is not reachable from here.
      return null;
    }
  }
  return null;
}

/**
 * Finds the LMS's API as SCORM 1.2 specifies: this window and its parent frames first, then the
 * window that opened this one (an LMS that launches content in a new window) and its parents.
 */
export function findApi(win: ApiWindow): Scorm12Api | null {
  const found = searchUp(win);
  if (found) return found;
  let opener: ApiWindow | null | undefined;
  try {
    opener = win.opener;
  } catch {
    opener = null;
  }
  return opener ? searchUp(opener) : null;
}

/** `cmi.core.session_time` as CMITimespan, `HHHH:MM:SS.SS` (hours 2–4 digits, capped at 9999). */
export function cmiTimespan(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10));
  const h = Math.min(9999, Math.floor(cs / 360_000));
  const m = Math.floor((cs % 360_000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  const frac = cs % 100;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(h)}:${two(m)}:${two(s)}.${two(frac)}`;
}

/** What the package remembers between launches, in `cmi.suspend_data`. */
export interface Suspended {
  /** The open step, 0-based (`steps.length` is the completion screen). */
  step: number;
  /** Question steps answered (0-based index → answered correctly). */
  answers: Record<number, boolean>;
}

/** SCORM 1.2's CMIString4096. */
export const SUSPEND_MAX = 4096;

/** Compact JSON, `{"v":1,"s":4,"q":{"4":1}}`; always within SUSPEND_MAX characters. */
export function encodeSuspend(s: Suspended): string {
  const q: Record<string, 0 | 1> = {};
  for (const [k, v] of Object.entries(s.answers)) q[k] = v ? 1 : 0;
  let out = JSON.stringify({ v: 1, s: s.step, q });
  // A lesson has a handful of questions; should one ever have hundreds, the place is kept first.
  if (out.length > SUSPEND_MAX) out = JSON.stringify({ v: 1, s: s.step, q: {} });
  return out;
}

/**
 * Reads `cmi.suspend_data` written by `encodeSuspend`. Anything else (empty, another package's
 * data, a hand-edited value) gives null; a step outside 0…`steps` or a bad answer entry is dropped.
 */
export function decodeSuspend(raw: string, steps: number): Suspended | null {
  if (!raw) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const d = data as { v?: unknown; s?: unknown; q?: unknown };
  if (d.v !== 1 || typeof d.s !== 'number' || !Number.isInteger(d.s) || d.s < 0 || d.s > steps) return null;
  const answers: Record<number, boolean> = {};
  if (typeof d.q === 'object' && d.q !== null) {
    for (const [k, v] of Object.entries(d.q as Record<string, unknown>)) {
      const i = Number(k);
      if (Number.isInteger(i) && i >= 0 && i < steps && (v === 0 || v === 1)) answers[i] = v === 1;
    }
  }
  return { step: d.s, answers };
}

/**
 * `cmi.core.score.raw` on 0…100: the share of the lesson's questions answered correctly (the
 * latest answer to each counts; an unanswered question counts as wrong). Null for a lesson
 * without questions, which reports completion only.
 */
export function lessonScore(questionSteps: readonly number[], answers: Record<number, boolean>): number | null {
  if (!questionSteps.length) return null;
  const right = questionSteps.filter((i) => answers[i] === true).length;
  return Math.round((100 * right) / questionSteps.length);
}
