import { lazy, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES } from '../../i18n';
import { Icon } from './Icon';
import { HeaderTools } from '../presenter/HeaderTools';
import { currentLink } from '../../store/urlSync';
import { useUi, type PanelName } from '../../store/uiStore';

const MetricsDock = lazy(() => import('../metrics/MetricsDock').then((m) => ({ default: m.MetricsDock })));

const toggleCls = (on: boolean) =>
  `rounded-md border px-2 py-1 text-sm font-semibold ${on ? 'border-accent bg-accent text-accent-ink' : 'border-line bg-raised text-ink'}`;

/** Product name, panel toggles, language, Copy link and the shortcuts button. */
export function Header() {
  const { t, i18n } = useTranslation();
  const panels = useUi((s) => s.panels);
  const langId = useId();

  const copy = async () => {
    const link = currentLink();
    try {
      await navigator.clipboard.writeText(link);
      useUi.getState().setStatus(t('header.copied'));
    } catch {
      // No clipboard (insecure context, denied permission): show the link to copy by hand.
      window.prompt(t('header.copyPrompt'), link);
    }
  };

  return (
    <header className="flex flex-wrap items-center gap-x-2 gap-y-1.5 border-b border-line bg-panel px-4 py-1.5 [&_select]:max-w-36">
      <div className="mr-auto flex items-baseline gap-3">
        <h1 className="text-xl font-bold">{t('app.title')}</h1>
        <p className="hidden text-muted min-[1800px]:block">{t('app.tagline')}</p>
      </div>
      <nav aria-label={t('header.panels')} className="flex gap-1.5">
        {(['controls', 'inspector', 'log'] as PanelName[]).map((p) => (
          <button key={p} type="button" aria-pressed={panels[p]} className={toggleCls(panels[p])} onClick={() => useUi.getState().togglePanel(p)}>
            {/* A mark as well as the colour shows which panels are open. */}
            <span aria-hidden="true" className="inline-block w-3.5">
              {panels[p] ? '✓' : ''}
            </span>
            {t(`header.panel.${p}`)}
          </button>
        ))}
      </nav>
      <Suspense fallback={null}>
        <MetricsDock />
      </Suspense>
      <div className="flex items-center gap-1.5">
        <label htmlFor={langId} className="sr-only">
          {t('language.label')}
        </label>
        <select
          id={langId}
          className="rounded-md border border-line bg-panel px-2 py-1 text-sm"
          value={isLanguage(i18n.language) ? i18n.language : 'en'}
          onChange={(e) => void i18n.changeLanguage(e.target.value)}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {t(`language.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <HeaderTools />
      <button type="button" className="inline-flex items-center gap-1.5 rounded-md border border-line bg-raised px-3 py-1 text-sm font-semibold" onClick={() => void copy()}>
        <Icon name="link" />
        {t('header.copyLink')}
      </button>
      <button
        type="button"
        aria-label={t('header.shortcuts')}
        title={t('header.shortcuts')}
        aria-keyshortcuts="?"
        className="h-8 w-8 rounded-full border border-line bg-raised text-base font-bold"
        onClick={() => useUi.getState().setShortcutsOpen(true)}
      >
        ?
      </button>
    </header>
  );
}
