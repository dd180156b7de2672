import { lazy, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, languageName, LANGUAGES, withAllText } from '../../i18n';
import { HeaderTools } from '../presenter/HeaderTools';
import { useUi } from '../../store/uiStore';
import { btn, iconBtn, selectCls, separator } from './ui';
import { ViewMenu } from './ViewMenu';

const MetricsDock = lazy(withAllText(() => import('../metrics/MetricsDock').then((m) => ({ default: m.MetricsDock }))));

/**
 * Holds the place of the lazily loaded Metrics, Compare paths and Export buttons (same labels,
 * same box) until they arrive, so nothing in the header or below it moves after first paint.
 */
function MetricsDockPlaceholder() {
  const { t } = useTranslation();
  return (
    <div aria-hidden="true" className="invisible flex items-center gap-1.5" data-testid="metrics-placeholder">
      {[t('metrics.open'), t('compare.open'), t('export.menu')].map((label) => (
        <span key={label} className={btn(false)}>
          {label}
        </span>
      ))}
    </div>
  );
}

/** A short upright rule between groups of header controls. */
function Divider({ className = '' }: { className?: string }) {
  return <span aria-hidden="true" className={`${separator} mx-1 h-5 w-px max-lg:hidden ${className}`} />;
}

/**
 * One row: the product name; Metrics, Compare paths and Export / Save; Share, Copy link and
 * Presenter mode; the View menu (panels, component list, reduce motion, theme); the language and
 * the shortcuts button. Below 1280 px Share, Copy link and Presenter mode move into the View menu.
 */
export function Header() {
  const { t, i18n } = useTranslation();
  const langId = useId();

  return (
    <header className="flex min-h-12 flex-wrap items-center gap-x-1.5 gap-y-1 border-b border-line bg-panel px-4 py-2 max-lg:px-3">
      <div className="mr-auto flex min-w-0 items-baseline gap-3 pr-2">
        <h1 className="whitespace-nowrap text-lg font-bold leading-tight max-lg:text-base">{t('app.title')}</h1>
        <p className="hidden min-w-0 truncate text-sm text-muted min-[1700px]:block">{t('app.tagline')}</p>
      </div>
      <Suspense fallback={<MetricsDockPlaceholder />}>
        <MetricsDock />
      </Suspense>
      <Divider />
      <HeaderTools />
      <Divider className="max-xl:hidden" />
      <ViewMenu />
      <label htmlFor={langId} className="sr-only">
        {t('language.label')}
      </label>
      <select
        id={langId}
        className={selectCls}
        value={isLanguage(i18n.language) ? i18n.language : 'en'}
        onChange={(e) => void i18n.changeLanguage(e.target.value)}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {languageName(l)}
          </option>
        ))}
      </select>
      <button
        type="button"
        aria-label={t('header.shortcuts')}
        title={t('header.shortcuts')}
        aria-keyshortcuts="?"
        className={`${iconBtn()} text-base`}
        onClick={() => useUi.getState().setShortcutsOpen(true)}
      >
        ?
      </button>
    </header>
  );
}
