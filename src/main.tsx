import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { detectLanguage, initI18n } from './i18n';
import { App, openInitialPanels } from './view/shell/App';
import { boot } from './store/boot';
import { listenForEarlyKeys } from './view/presenter/presenterKeys';

// The page's language is fetched while the simulation boots; the first render waits for it.
const ready = initI18n(detectLanguage(window.location.search, navigator.languages ?? [navigator.language]));
boot(window.location.search);
listenForEarlyKeys();

void ready.then(() => {
  openInitialPanels();
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
