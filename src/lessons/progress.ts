/**
 * Progress through lessons, remembered in the browser. Storage is injected (a `Storage`-like
 * object) so tests and embeds can use their own; anything unreadable in it is ignored rather than
 * trusted, and a storage that throws (private mode, quota) only loses the remembering.
 */

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface LessonProgress {
  /** How many steps the learner has reached (1 = saw the first step). */
  reached: number;
  /** Went past the last step. */
  done: boolean;
}

export interface Position {
  lessonId: string;
  /** 0-based step; `steps.length` is the "lesson complete" screen. */
  step: number;
}

export interface Progress {
  lessons: Record<string, LessonProgress>;
  /** Where the learner was, to offer "continue". */
  last: Position | null;
}

export const PROGRESS_KEY = 'hvv.lessons.progress.v1';

export const emptyProgress = (): Progress => ({ lessons: {}, last: null });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10_000;

/**
 * Parse stored progress. Only lessons in `knownLessons` (id → step count) are kept, counts are
 * clamped to the lesson's length, and every malformed part is dropped on its own.
 */
export function parseProgress(raw: string | null, knownLessons: ReadonlyMap<string, number>): Progress {
  const out = emptyProgress();
  if (!raw) return out;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return out;
  }
  if (!isObject(data)) return out;
  if (isObject(data.lessons)) {
    for (const [id, v] of Object.entries(data.lessons)) {
      const steps = knownLessons.get(id);
      if (steps === undefined || !isObject(v)) continue;
      const reached = isCount(v.reached) ? Math.min(v.reached, steps) : 0;
      const done = v.done === true;
      out.lessons[id] = { reached: done ? steps : reached, done };
    }
  }
  if (isObject(data.last) && typeof data.last.lessonId === 'string' && isCount(data.last.step)) {
    const steps = knownLessons.get(data.last.lessonId);
    if (steps !== undefined) out.last = { lessonId: data.last.lessonId, step: Math.min(data.last.step, steps) };
  }
  return out;
}

export function loadProgress(storage: StorageLike | null, knownLessons: ReadonlyMap<string, number>): Progress {
  if (!storage) return emptyProgress();
  try {
    return parseProgress(storage.getItem(PROGRESS_KEY), knownLessons);
  } catch {
    return emptyProgress();
  }
}

export function saveProgress(storage: StorageLike | null, p: Progress): void {
  if (!storage) return;
  try {
    storage.setItem(PROGRESS_KEY, JSON.stringify(p));
  } catch {
    // Remembering is best-effort; the lesson itself goes on.
  }
}

export function clearProgress(storage: StorageLike | null): void {
  if (!storage) return;
  try {
    storage.removeItem(PROGRESS_KEY);
  } catch {
    // As above.
  }
}

/** The browser's localStorage when it can be used, else null (sandboxed iframes throw on access). */
export function browserStorage(): StorageLike | null {
  try {
    const s = globalThis.localStorage;
    return s ?? null;
  } catch {
    return null;
  }
}
