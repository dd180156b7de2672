import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * A modal <dialog> driven by a boolean: showModal() when `open` turns true (the rest of the page
 * becomes inert), close() when it turns false. Returns the props for the <dialog>: Esc and a click
 * on the backdrop call `onDismiss`, Tab cycles inside, and focus returns to what opened it.
 */
export function useModalDialog(open: boolean, onDismiss: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<Element | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      returnTo.current = document.activeElement;
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  return {
    ref,
    onClose() {
      onDismiss();
      if (returnTo.current instanceof HTMLElement) returnTo.current.focus();
    },
    onClick(e: MouseEvent<HTMLDialogElement>) {
      if (e.target === ref.current) onDismiss();
    },
    onKeyDown(e: KeyboardEvent<HTMLDialogElement>) {
      // Keep Tab inside the dialog (the browser would otherwise move to its own UI).
      if (e.key !== 'Tab' || !ref.current) return;
      const f = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !(el as HTMLButtonElement).disabled);
      const first = f[0];
      const last = f[f.length - 1];
      if (!first || !last) return;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    },
  };
}
