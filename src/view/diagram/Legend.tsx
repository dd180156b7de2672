import { useTranslation } from 'react-i18next';
import { PATH_KINDS } from '../../engine/types';
import { useDiagramUi } from './diagramStore';
import { PathGlyph } from './PathGlyph';
import { pageKind } from '../presenter/pageMode';

/**
 * Which colour and shape is which path, and which line style is data, signal and control.
 * A single strip along the bottom of the pane (the diagram's fit leaves room for it).
 */
export function Legend({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  // On a phone the full app's "Lessons and quiz" pill sits over the pane's bottom-right corner.
  const roomForPill = pageKind === 'app' ? 'max-sm:max-w-[calc(100%-14rem)]' : '';
  const open = useDiagramUi((s) => s.legendOpen);
  const setOpen = useDiagramUi((s) => s.setLegendOpen);
  return (
    <aside
      className={`absolute bottom-2 left-2 z-[6] flex max-w-[calc(100%-1rem)] ${roomForPill} flex-wrap items-center rounded-md border border-line bg-panel/95 text-ink shadow-sm ${
        compact ? 'gap-x-2 gap-y-0.5 px-2 py-1 text-[11px]' : 'gap-x-3 gap-y-1 px-2.5 py-1.5 text-[12px]'
      }`}
      aria-label={t('legend.title')}
      data-testid="diagram-legend"
    >
      <button
        type="button"
        className="font-semibold text-muted hover:text-ink"
        aria-expanded={open}
        aria-label={open ? t('legend.hide') : t('legend.show')}
        title={open ? t('legend.hide') : t('legend.show')}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden>{open ? '▾ ' : '▸ '}</span>
        {t('legend.title')}
      </button>
      {open ? (
        <>
          <ul className={`flex flex-wrap items-center ${compact ? 'gap-x-2' : 'gap-x-2.5'} gap-y-1`} aria-label={t('legend.packetsHeading')}>
            {PATH_KINDS.map((p) => (
              <li key={p} className="flex items-center gap-1.5 whitespace-nowrap" title={t(`legend.pathLong.${p}`)}>
                <PathGlyph path={p} size={11} />
                {t(compact ? `legend.short.${p}` : `legend.path.${p}`)}
              </li>
            ))}
            <li className={`${compact ? 'hidden' : 'flex'} items-center gap-1.5 whitespace-nowrap`}>
              <svg width={13} height={13} aria-hidden className="shrink-0">
                <circle cx={6.5} cy={6.5} r={5.2} fill="none" stroke="var(--color-focus)" strokeWidth={2.2} />
                <circle cx={6.5} cy={6.5} r={2.2} fill="var(--color-focus)" />
              </svg>
              {t('legend.selected')}
            </li>
          </ul>
          <span aria-hidden className="h-4 w-px bg-line" />
          <ul className={`flex flex-wrap items-center ${compact ? 'gap-x-2' : 'gap-x-3'} gap-y-1`} aria-label={t('legend.linksHeading')}>
            {(['data', 'signal', 'control'] as const).map((k) => (
              <li key={k} className="flex items-center gap-1.5 whitespace-nowrap" title={t(`legend.linkLong.${k}`)}>
                <svg width={compact ? 18 : 24} height={8} aria-hidden className="shrink-0">
                  <line x1={1} y1={4} x2={23} y2={4} className={`hvv-link hvv-link-${k}`} />
                </svg>
                {t(`legend.link.${k}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </aside>
  );
}
