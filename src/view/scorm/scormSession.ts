/**
 * The SCORM 1.2 launch: the package's items open `index.html?scorm=<lessonId>` (see README.md).
 * This module (loaded only on such a page) finds the LMS's API, opens the lesson where the learner
 * left it, and reports to the LMS as the learner goes:
 *
 * - `cmi.core.lesson_status`: `incomplete` from the first launch, `completed` on the lesson's
 *   completion screen (never lowered again);
 * - `cmi.core.score.raw/min/max`: 0…100, the share of the lesson's predict-the-path questions
 *   answered correctly, set on each answer (lessons without a question report no score);
 * - `cmi.core.lesson_location` and `cmi.suspend_data` (`{"v":1,"s":step,"q":{step:0|1}}`, far
 *   below 4,096 characters): the place and the answers, so the next launch resumes;
 * - `cmi.core.session_time` and `cmi.core.exit` (`suspend` until complete), then LMSCommit and
 *   LMSFinish when the page goes away.
 *
 * Without an LMS (no API found, or LMSInitialize refused) the page is the normal app with the lesson
 * open. Any LMS error is logged to the console and never stops the lesson.
 */
import { useSim } from '../../store/simStore';
import { loadLessonController } from '../lessons/lessonsLazy';
import { useTeachingUi } from '../lessons/teachingUi';
import { cmiTimespan, decodeSuspend, encodeSuspend, findApi, lessonScore, type Scorm12Api, type Suspended } from './scorm12';

/** The lesson a SCORM launch asks for (`?scorm=<lessonId>`), or null on any other page. */
export function scormLesson(search: string): string | null {
  const v = new URLSearchParams(search).get('scorm');
  return v === null ? null : v.trim();
}

export async function startScormSession(search: string): Promise<void> {
  const lessonId = scormLesson(search);
  if (lessonId === null) return;
  const c = await loadLessonController();
  const lesson = c.lessonById(lessonId);
  if (!lesson) {
    useSim.getState().setIssues([...useSim.getState().issues, { param: 'scorm', value: lessonId, reason: 'unknown-value', expected: c.LESSON_IDS.join(' | ') }]);
    return;
  }
  const steps = lesson.steps.length;
  const questionSteps = lesson.steps.flatMap((s, i) => (s.question ? [i] : []));
  const api = connect();
  const saved: Suspended = (api && decodeSuspend(api.LMSGetValue('cmi.suspend_data'), steps)) || { step: 0, answers: {} };

  c.lessonRunner().goTo(lessonId, saved.step);
  useTeachingUi.getState().setOpen(true);
  if (!api) return;

  const started = Date.now();
  let complete = ['completed', 'passed'].includes(api.LMSGetValue('cmi.core.lesson_status'));
  const set = (el: string, v: string) => {
    if (api.LMSSetValue(el, v) !== 'true') console.warn(`SCORM: LMSSetValue(${el}) failed: ${api.LMSGetLastError()} ${api.LMSGetErrorString(api.LMSGetLastError())}`);
  };
  const save = () => {
    set('cmi.suspend_data', encodeSuspend(saved));
    set('cmi.core.lesson_location', String(saved.step));
    api.LMSCommit('');
  };
  if (!complete) set('cmi.core.lesson_status', 'incomplete');
  const score = lessonScore(questionSteps, saved.answers);
  if (score !== null) {
    set('cmi.core.score.min', '0');
    set('cmi.core.score.max', '100');
  }
  save();

  const offLessons = c.useLessons.subscribe((s, prev) => {
    const p = s.position;
    if (!p || p === prev.position || p.lessonId !== lessonId) return;
    saved.step = p.step;
    if (p.step >= steps && !complete) {
      complete = true;
      set('cmi.core.lesson_status', 'completed');
    }
    save();
  });
  const offQuiz = c.useQuiz.subscribe((q, prev) => {
    const p = c.useLessons.getState().position;
    if (q.phase !== 'result' || prev.phase === 'result' || !q.inLesson || !q.grade || p?.lessonId !== lessonId) return;
    saved.answers[p.step] = q.grade.correct;
    const raw = lessonScore(questionSteps, saved.answers);
    if (raw !== null) set('cmi.core.score.raw', String(raw));
    save();
  });

  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    offLessons();
    offQuiz();
    set('cmi.core.session_time', cmiTimespan(Date.now() - started));
    set('cmi.core.exit', complete ? '' : 'suspend');
    save();
    api.LMSFinish('');
  };
  // `pagehide` is the last event a frame reliably gets when the LMS closes or replaces it.
  window.addEventListener('pagehide', finish);
  window.addEventListener('beforeunload', finish);
  /** For the LMS side and tests: end the session now (as closing the page would). */
  (window as { hvvScormFinish?: () => void }).hvvScormFinish = finish;
}

/** The LMS's API, initialised; null when there is none (then the page is the normal app). */
function connect(): Scorm12Api | null {
  const api = findApi(window as unknown as Parameters<typeof findApi>[0]);
  if (!api) {
    console.info('SCORM: no LMS API found (window.API in this window, its parents or its opener); running as the normal app.');
    return null;
  }
  if (api.LMSInitialize('') !== 'true') {
    console.warn(`SCORM: LMSInitialize failed (${api.LMSGetLastError()}); running as the normal app.`);
    return null;
  }
  return api;
}
