import { useEffect } from 'react';
import { useSim } from '../../store/simStore';
import { faster, slower } from '../../store/speed';
import { useUi } from '../../store/uiStore';

/** Elements where keys belong to the element: typing, choosing, sliding. */
function ownsKeys(el: EventTarget | null, key: string): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    // A checkbox or button-like input only owns Space; text-like inputs and sliders own everything.
    if (type === 'checkbox' || type === 'radio' || type === 'button' || type === 'submit') return key === ' ';
    return true;
  }
  // Buttons, switches, summaries and links activate on Space themselves.
  if (key === ' ' && (tag === 'BUTTON' || tag === 'SUMMARY' || tag === 'A' || el.getAttribute('role') === 'switch')) return true;
  // A listbox (the a11y component list) selects its active option with Space.
  if (key === ' ' && el.closest('[role="listbox"]')) return true;
  // The event log list moves its own selection with the arrow keys.
  if ((key === 'ArrowUp' || key === 'ArrowDown') && el.closest('[data-owns-arrows]')) return true;
  // The View menu's popover (data-owns-arrows="all") keeps ← and → from stepping the simulation too.
  if ((key === 'ArrowLeft' || key === 'ArrowRight') && el.closest('[data-owns-arrows="all"]')) return true;
  return false;
}

/**
 * Handlers that may claim a key before the playback keys see it (the embed claims Page Down,
 * Page Up and the arrows while a lesson is open, and Esc). A claim returns true when it used the key.
 */
const claims = new Set<(e: KeyboardEvent) => boolean>();
export function claimKeys(claim: (e: KeyboardEvent) => boolean): () => void {
  claims.add(claim);
  return () => claims.delete(claim);
}

/**
 * Global playback keys: Space play/pause, → step, ← step back, + / - speed, ? shortcuts.
 * They never fire while the focus is in an input, select or text area, or in an open dialog.
 */
export function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (useUi.getState().shortcutsOpen) return;
      if (ownsKeys(e.target, e.key)) return;
      for (const claim of claims) {
        if (claim(e)) {
          e.preventDefault();
          e.stopImmediatePropagation();
          return;
        }
      }
      const s = useSim.getState();
      switch (e.key) {
        case ' ':
          s.togglePlay();
          break;
        case 'ArrowRight':
          s.step();
          break;
        case 'ArrowLeft':
          s.stepBack();
          break;
        case '+':
        case '=':
          s.setSpeed(faster(s.speed));
          break;
        case '-':
        case '_':
          s.setSpeed(slower(s.speed));
          break;
        case '?':
          useUi.getState().setShortcutsOpen(true);
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    // Capture phase: the diagram library binds Space (pan) on the document and would otherwise
    // swallow it. Elements that own a key are excluded by ownsKeys() instead.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
