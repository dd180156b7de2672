/**
 * Keys inside an embed (a slide deck's iframe, an LMS page), as a presentation clicker sends them:
 * while a lesson is open, Page Down / → move to the next lesson step and Page Up / ← to the
 * previous one, as in the full app (without a lesson the arrows keep stepping the simulation).
 * Esc, or the visible "Release keyboard" button, hands the keyboard back to the embedding page:
 * the frame gives up its focus, focuses the parent window and tells it (`hvv:keyboardReleased`),
 * so the deck's own keys work again.
 */
import { lessonNext, lessonPrev, useLessons } from '../lessons/lessonController';

/** Give the keyboard back to the page around the frame. */
export function releaseKeyboard(emit?: () => void): void {
  const active = document.activeElement;
  if (active instanceof HTMLElement) active.blur();
  emit?.();
  if (window.parent !== window) {
    try {
      // Allowed across origins (a WindowProxy's focus()); the parent's focused element then gets keys.
      window.parent.focus();
    } catch {
      // A sandboxed frame may not; the message above lets the page do it.
    }
  }
}

/** The embed's key claim (see `claimKeys` in useShortcuts): true when it used the key. */
export function embedKey(e: KeyboardEvent, emitReleased: () => void): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  if (e.key === 'Escape') {
    releaseKeyboard(emitReleased);
    return true;
  }
  if (!useLessons.getState().position) return false;
  if (e.key === 'PageDown' || e.key === 'ArrowRight') {
    lessonNext();
    return true;
  }
  if (e.key === 'PageUp' || e.key === 'ArrowLeft') {
    lessonPrev();
    return true;
  }
  return false;
}
