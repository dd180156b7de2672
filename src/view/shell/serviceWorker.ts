/**
 * The service worker (build/pwa.ts writes it): registered once the page is idle, so it costs the
 * first paint nothing, and only where it makes sense:
 * - a production build served over http(s) (never the dev server, never `file://`);
 * - not the offline single-file copy (`--mode offline` has no worker and drops this code);
 * - not a page that opts out with `?sw=0` (a trainer's test page, or a host that serves other
 *   things under the same folder), and not a SCORM launch (`?scorm=<lesson>`, src/view/scorm):
 *   an LMS's origin is not ours to cache.
 *
 * A new version waits: `updateReady` turns true, the shell shows a quiet prompt, and only the
 * learner's press of "Reload" activates the new worker and reloads. Nothing reloads by itself.
 */
import { useSyncExternalStore } from 'react';
import type { Workbox } from 'workbox-window';

let ready = false;
let wb: Workbox | null = null;
const listeners = new Set<() => void>();
const setReady = (v: boolean) => {
  ready = v;
  for (const l of listeners) l();
};

/** Why this page gets no worker, or null when it does. */
export function whyNoServiceWorker(loc: Pick<Location, 'protocol' | 'search'>): string | null {
  if (!import.meta.env.PROD || import.meta.env.MODE === 'offline') return 'not the production build';
  if (!('serviceWorker' in navigator)) return 'no service worker support';
  if (loc.protocol !== 'https:' && loc.protocol !== 'http:') return `opened from ${loc.protocol}`;
  const params = new URLSearchParams(loc.search);
  if (params.get('sw') === '0') return '?sw=0';
  if (params.has('scorm')) return 'a SCORM launch (the LMS\'s origin is not ours to cache)';
  return null;
}

/**
 * Registers the worker once the page is idle (after the first paint). `search` is the address
 * bar's query as the page opened (boot() later rewrites it to the canonical one, without `sw`).
 */
export function startServiceWorker(search: string): void {
  if (import.meta.env.MODE === 'offline' || whyNoServiceWorker({ protocol: window.location.protocol, search }) !== null) return;
  const go = () => {
    void import('workbox-window').then(({ Workbox }) => {
      // Relative to the page: the build may live under any path, the worker's scope is its folder.
      wb = new Workbox(new URL('sw.js', document.baseURI).href, { scope: './' });
      wb.addEventListener('waiting', () => setReady(true));
      void wb.register();
    });
  };
  if ('requestIdleCallback' in window) requestIdleCallback(go, { timeout: 5000 });
  else setTimeout(go, 2000);
}

/** True once a new version is installed and waiting for the learner's "Reload". */
export function useUpdateReady(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => ready,
  );
}

/** The learner pressed "Reload": the waiting worker takes over, then the page reloads once. */
export function applyUpdate(): void {
  if (!wb) return;
  wb.addEventListener('controlling', () => window.location.reload());
  wb.messageSkipWaiting();
}

/** "Later": the prompt goes; the new version starts on the next visit. */
export function dismissUpdate(): void {
  setReady(false);
}
