import { useEffect } from 'react';
import { LESSONS, lessonById } from '../../lessons/lessons';
import { useSim } from '../../store/simStore';
import { parseViewParams } from '../../store/url';
import { lessonRunner, useLessons } from '../lessons/lessonController';
import { useTeachingUi } from '../lessons/teachingUi';
import { initialSearch, pageKind } from './pageMode';

/** Put the open lesson step into the address bar (`lesson`, `step` 1-based), or remove it. */
function writeLessonToUrl() {
  const p = useLessons.getState().position;
  try {
    const url = new URL(window.location.href);
    if (p && lessonById(p.lessonId)) {
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
 */
let started = false;

export function useViewParams() {
  useEffect(() => {
    const { view, issues } = parseViewParams(initialSearch, { lessons: LESSONS.map((l) => l.id) });
    // Once per page (StrictMode runs effects twice in development).
    if (!started && issues.length) useSim.getState().setIssues([...useSim.getState().issues, ...issues]);
    if (!started && view.lesson) {
      lessonRunner().goTo(view.lesson, (view.step ?? 1) - 1);
      if (pageKind === 'app') useTeachingUi.getState().setOpen(true);
    }
    started = true;
    return useLessons.subscribe((s, prev) => {
      if (s.position !== prev.position) writeLessonToUrl();
    });
  }, []);
}
