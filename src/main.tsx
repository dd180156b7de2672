import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { detectLanguage, initI18n } from './i18n';
import { App, openInitialPanels } from './view/shell/App';
import { boot } from './store/boot';

// Read before boot() rewrites the address bar to the canonical configuration.
const search = window.location.search;
/** Runs `fn` when the main thread is next idle (at most `timeout` ms later). */
const whenIdle = (fn: () => void, timeout: number) =>
  'requestIdleCallback' in window ? requestIdleCallback(() => fn(), { timeout }) : setTimeout(fn, 200);

// The page's language is fetched while the simulation boots; the first render waits for it.
const ready = initI18n(detectLanguage(search, navigator.languages ?? [navigator.language]));
// The animation starts once the first render is on screen and the page is idle, not during it.
// An address with parameters boots once its readers are loaded (boot.ts), alongside the locale.
const afterIdle = (f: () => void) => void ready.then(() => whenIdle(f, 1500));
const booted = boot(search, { autoplay: afterIdle, afterFirstPaint: afterIdle });

void Promise.all([ready, booted]).then(() => {
  openInitialPanels(search);
  const root = createRoot(document.getElementById('root') as HTMLElement);
  // A transition: React renders the first tree in slices and yields between them, so the page
  // stays responsive (no single long task) while the diagram and panels are built.
  startTransition(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
  // Installable and offline after the first visit (build/pwa.ts); registered once the page is idle.
  if (import.meta.env.MODE !== 'offline') void import('./view/shell/serviceWorker').then((m) => m.startServiceWorker(search));
  // Launched from an LMS as a SCORM 1.2 package (src/view/scorm): report the lesson to it.
  if (new URLSearchParams(search).has('scorm')) void import('./view/scorm/scormSession').then((m) => m.startScormSession(search));
});
