/**
 * `P` pressed before the app's presenter keys attach (index.html's shell is on screen, the app's
 * scripts and the page's language are still loading): remembered here and honoured when they
 * attach (presenterKeys.ts), so the first press is never lost. No imports: src/entry.ts installs it
 * before it fetches the app.
 */
let earlyP = false;

/** Focus owns the key: typing or choosing (the shell has no such field; a slow app's first render may). */
function typing(el: EventTarget | null): boolean {
  return el instanceof HTMLElement && (el.isContentEditable || !!el.closest('input, textarea, select, dialog[open]'));
}

function onEarlyKey(e: KeyboardEvent) {
  if ((e.key === 'p' || e.key === 'P') && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target)) earlyP = !earlyP;
}

/** Called once by src/entry.ts, before the app is imported. */
export function listenForEarlyKeys(): void {
  window.addEventListener('keydown', onEarlyKey, true);
}

/** Stops listening and says whether P was pressed an odd number of times meanwhile. */
export function takeEarlyP(): boolean {
  window.removeEventListener('keydown', onEarlyKey, true);
  const p = earlyP;
  earlyP = false;
  return p;
}
