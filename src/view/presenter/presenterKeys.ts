import { useEffect } from 'react';
import { useSim } from '../../store/simStore';
import { useTheme } from '../../store/theme';
import { useUi } from '../../store/uiStore';
import { loadedLessonController } from '../lessons/lessonsLazy';
import { leavePresenter, togglePresenter } from './presenter';
import { takeEarlyP } from './earlyKeys';

/** Focus owns the key: typing, choosing, sliding, or a widget that moves its own selection. */
function ownsKey(el: EventTarget | null, key: string): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el.closest('input, textarea, select')) return true;
  if (el.closest('dialog[open]')) return true;
  const arrows = key.startsWith('Arrow') || key === 'PageDown' || key === 'PageUp';
  if (arrows && el.closest('[data-owns-arrows], [role="slider"], [role="tablist"], [role="listbox"], [role="tree"]')) return true;
  return false;
}

/** Next / previous lesson step when a lesson is open; otherwise step the simulation. */
export function presenterNext() {
  const lessons = loadedLessonController();
  if (lessons?.useLessons.getState().position) lessons.lessonNext();
  else useSim.getState().step();
}

export function presenterPrev() {
  const lessons = loadedLessonController();
  if (lessons?.useLessons.getState().position) lessons.lessonPrev();
  else useSim.getState().stepBack();
}

export function toggleBlank() {
  const t = useTheme.getState();
  t.setBlanked(!t.blanked);
}

/**
 * Presenter keys, on window in the capture phase so they win over the global shortcuts and the
 * lessons panel's own keys (one press = one move):
 * - anywhere (not embedded): `P` toggles presenter mode;
 * - in presenter mode: PageDown / → next step, PageUp / ← previous step (lesson open), or step
 *   the simulation (no lesson); `B` blanks the screen; `.` pauses (again: plays); Esc leaves.
 */
export function usePresenterKeys() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const theme = useTheme.getState();
      if (theme.embed || useUi.getState().shortcutsOpen || ownsKey(e.target, e.key)) return;
      const key = e.key;
      let handled = true;
      if (key === 'p' || key === 'P') togglePresenter();
      else if (!theme.presenter) handled = false;
      else if (key === 'PageDown' || key === 'ArrowRight') presenterNext();
      else if (key === 'PageUp' || key === 'ArrowLeft') presenterPrev();
      else if (key === 'b' || key === 'B') toggleBlank();
      else if (key === '.') useSim.getState().togglePlay();
      else if (key === 'Escape') leavePresenter();
      else handled = false;
      if (!handled) return;
      e.preventDefault();
      // The global shortcuts also listen on window in the capture phase (registered after this
      // one, by the parent shell): one press must do one thing.
      e.stopImmediatePropagation();
    };
    // P pressed while the page was loading (earlyKeys.ts, installed by src/entry.ts).
    if (takeEarlyP() && !useTheme.getState().embed) togglePresenter();
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
