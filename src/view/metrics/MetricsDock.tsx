/**
 * The entry points of this area, as one component for the header: "Metrics" (a side sheet with
 * live charts, non-modal so the diagram keeps moving beside it), "Compare paths" (a modal
 * <dialog>: focus stays inside, Esc closes) and the export menu.
 *
 * Also reachable without the header: `?panel=metrics` / `?panel=compare` open them at start.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportMenu } from '../exports/ExportMenu';
// The header's shared button look, so these sit in the row like the rest.
import { btn } from '../shell/ui';
import { CompareView } from './CompareView';
import { MetricsPanel } from './MetricsPanel';

/**
 * The address bar as the page opened. This module may load lazily, after URL sync has rewritten
 * the address bar; the navigation entry keeps the URL the document was loaded with.
 */
function initialSearch(): string {
  if (typeof window === 'undefined') return '';
  try {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    if (nav?.name) return new URL(nav.name).search;
  } catch {
    // fall through
  }
  return window.location.search;
}
const INITIAL_SEARCH = initialSearch();

function initialPanel(): 'metrics' | 'compare' | null {
  const p = new URLSearchParams(INITIAL_SEARCH).get('panel');
  return p === 'metrics' || p === 'compare' ? p : null;
}

export function MetricsDock() {
  const { t } = useTranslation();
  const [metricsOpen, setMetricsOpen] = useState(() => initialPanel() === 'metrics');
  const [compareOpen, setCompareOpen] = useState(() => initialPanel() === 'compare');
  const dialog = useRef<HTMLDialogElement>(null);
  const dock = useRef<HTMLDivElement>(null);
  // The sheet starts below the header row holding the dock, so the header and these buttons stay usable.
  const [top, setTop] = useState(56);
  useEffect(() => {
    if (!metricsOpen) return;
    const measure = () => {
      const header = dock.current?.closest('header');
      setTop(Math.max(0, header ? Math.round(header.getBoundingClientRect().bottom) : Math.round(dock.current?.getBoundingClientRect().bottom ?? 56) + 4));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [metricsOpen]);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (compareOpen && !d.open) d.showModal();
    if (!compareOpen && d.open) d.close();
  }, [compareOpen]);

  return (
    <div ref={dock} className="flex items-center gap-1.5" data-export-ignore>
      <button type="button" aria-pressed={metricsOpen} className={btn(metricsOpen)} onClick={() => setMetricsOpen((o) => !o)} data-testid="metrics-button">
        {t('metrics.open')}
      </button>
      <button type="button" aria-haspopup="dialog" className={btn(compareOpen)} onClick={() => setCompareOpen(true)} data-testid="compare-button">
        {t('compare.open')}
      </button>
      <ExportMenu />

      {metricsOpen && (
        <aside aria-label={t('metrics.title')} style={{ top }} className="fixed bottom-0 right-0 z-40 w-[min(40rem,96vw)] overflow-y-auto border-l border-line bg-surface shadow-2xl">
          <div className="sticky top-0 z-10 flex items-center justify-between border-b border-line bg-panel px-3 py-2">
            <h2 className="m-0 text-base font-bold">{t('metrics.title')}</h2>
            <button type="button" className={btn(false)} onClick={() => setMetricsOpen(false)}>
              {t('metrics.close')}
            </button>
          </div>
          <MetricsPanel />
        </aside>
      )}

      <dialog ref={dialog} aria-label={t('compare.title')} className="m-auto h-[92vh] w-[min(96rem,96vw)] max-w-none rounded-lg border border-line bg-surface p-0 text-ink backdrop:bg-black/50" onClose={() => setCompareOpen(false)} data-testid="compare-dialog">
        <div className="sticky top-0 z-10 flex items-center justify-between border-b border-line bg-panel px-3 py-2">
          <h2 className="m-0 text-base font-bold">{t('compare.title')}</h2>
          <button type="button" className={btn(false)} onClick={() => setCompareOpen(false)}>
            {t('compare.close')}
          </button>
        </div>
        {compareOpen && <CompareView />}
      </dialog>
    </div>
  );
}
