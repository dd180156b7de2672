import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { detectLanguage, initI18n } from './i18n';
import { App, openInitialPanels } from './view/shell/App';
import { boot } from './store/boot';
import { startServiceWorker } from './view/shell/serviceWorker';

// Read before boot() rewrites the address bar to the canonical configuration.
const search = window.location.search;
// The page's language is fetched while the simulation boots; the first render waits for it.
const ready = initI18n(detectLanguage(window.location.search, navigator.languages ?? [navigator.language]));
boot(window.location.search);

void ready.then(() => {
  openInitialPanels();
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  // Installable and offline after the first visit (build/pwa.ts); registered once the page is idle.
  startServiceWorker();
  // Launched from an LMS as a SCORM 1.2 package (src/view/scorm): report the lesson to it.
  if (new URLSearchParams(search).has('scorm')) void import('./view/scorm/scormSession').then((m) => m.startScormSession(search));
});
