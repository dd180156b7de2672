import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { figureSources, sourcesTitle, type FigureId, type SourceLine } from './figureSources';
import { localizeSourceLine } from '../text/engineText';

/**
 * "Sources" disclosure for a figure: hover shows every cost-table row behind it (title), and a
 * click or Enter opens the list, each row with its source word for word and a "model estimate"
 * or "unverified" tag where the table says so. Memoised: the metrics panel re-renders on every
 * poll, and the rows (cost-table text, localised) do not change with the data.
 */
export const SourceNote = memo(function SourceNote({ figure, lines }: { figure?: FigureId; lines?: SourceLine[] }) {
  const { t } = useTranslation();
  const rows = (lines ?? (figure ? figureSources(figure) : [])).map((l) => localizeSourceLine(l, t));
  if (rows.length === 0) return null;
  return (
    <details className="relative text-xs font-normal" data-testid={figure ? `sources-${figure}` : undefined}>
      <summary className="cursor-pointer list-none rounded border border-line bg-raised px-1.5 py-0.5 text-muted" title={sourcesTitle(rows)}>
        <span aria-hidden="true">ⓘ </span>
        {t('metrics.sources')}
      </summary>
      <div className="absolute right-0 z-30 mt-1 max-h-80 w-[28rem] max-w-[80vw] overflow-auto rounded-md border border-line bg-panel p-2 shadow-lg">
        <p className="mb-1 text-muted">{t('metrics.sourcesIntro')}</p>
        <ul className="m-0 list-none p-0">
          {rows.map((r) => (
            <li key={r.id} className="border-t border-line py-1">
              <span className="font-mono font-bold">{r.id}</span> {r.hop}
              <div className="text-muted">
                {r.source}
                {r.modelEstimate && <span className="ml-1 rounded bg-raised px-1 text-warn">{t('metrics.modelEstimate')}</span>}
                {r.unverified && <span className="ml-1 rounded bg-raised px-1 text-warn">{t('metrics.unverified')}</span>}
              </div>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
});
