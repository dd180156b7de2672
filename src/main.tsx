import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { detectLanguage, initI18n } from './i18n';
import { App } from './view/shell/App';
import { boot } from './store/boot';

initI18n(detectLanguage(window.location.search, navigator.languages ?? [navigator.language]));
boot(window.location.search);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
