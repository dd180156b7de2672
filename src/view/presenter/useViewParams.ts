import { useEffect } from 'react';
import { useSim } from '../../store/simStore';
import { parseViewParams } from '../../store/url';
import { loadLessonController } from '../lessons/lessonsLazy';
import { useTeachingUi } from '../lessons/teachingUi';
import { initialSearch, pageKind } from './pageMode';

type Controller = Awaited<ReturnType<typeof loadLessonController>>;

/** Put the open lesson step into the address bar (`lesson`, `step` 1-based), or remove it. */
function writeLessonToUrl(c: Controller) {
  const p = c.useLessons.getState().position;
  try {
    const url = new URL(window.location.href);
    if (p && c.lessonById(p.lessonId)) {
      url.searchParams.set('lesson', p.lessonId);
      url.searchParams.set('step', String(p.step + 1));
    } else {
      url.searchParams.delete('lesson');
      url.searchParams.delete('step');
    }
    const search = url.searchParams.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':');
    if (`?${search}` !== window.location.search) window.history.replaceState(window.history.state, '', `${url.pathname}${search ? `?${search}` : ''}${url.hash}`);
  } catch {
    // Sandboxed frames may refuse replaceState; the Share dialog still builds exact links.
  }
}

/**
 * At start-up: report bad view parameters beside the other URL issues, and open `?lesson=` at
 * `?step=`. Afterwards keep `lesson`/`step` in the address bar in step with the lesson runner.
 * The lessons load after the first paint (lessonsLazy.ts); a page without `?lesson=` still
 * loads them, just after the first render, to keep the address bar in step.
 */
let started = false;

export function useViewParams() {
  useEffect(() => {
    let off: (() => void) | null = null;
    let live = true;
    void loadLessonController().then((c) => {
      if (!live) return;
      const { view, issues } = parseViewParams(initialSearch, { lessons: c.LESSON_IDS });
      // Once per page (StrictMode runs effects twice in development).
      if (!started && issues.length) useSim.getState().setIssues([...useSim.getState().issues, ...issues]);
      if (!started && view.lesson) {
        c.lessonRunner().goTo(view.lesson, (view.step ?? 1) - 1);
        if (pageKind === 'app') useTeachingUi.getState().setOpen(true);
      }
      started = true;
      off = c.useLessons.subscribe((s, prev) => {
        if (s.position !== prev.position) writeLessonToUrl(c);
      });
    });
    return () => {
      live = false;
      off?.();
    };
  }, []);
}
