import { useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtBps, fmtNs } from '../metrics/units';
import { FlowRates } from './FlowRates';
import { useOverload } from './overloadState';
import { useOverloadWatch } from './overloadStore';
import { bottleneckLines } from './text';

/**
 * The overload note over the diagram: each bottleneck in numbers ("the wire, into the host:
 * offered 121 Gbit/s of frames, link 10 Gbit/s"), the total offered vs delivered, and the flows
 * behind it. Nothing is shown while every component keeps up. The diagram marks the same
 * components (NodeShell → useBottleneckAt). `compact` (the embed): two lines at most and no flow
 * table; `defaultOpen` false starts it folded to its title, for frames too small to give it room.
 */
export function OverloadNote({ compact = false, defaultOpen = true }: { compact?: boolean; defaultOpen?: boolean }) {
  useOverloadWatch();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const report = useOverload((s) => s.report);
  const headId = useId();
  const [open, setOpen] = useState(defaultOpen);
  // Where it covers least: at the pane's bottom right (the top right holds the VMs and a folded
  // group's header), unless a marked bottleneck is down there, then at the top.
  const ref = useRef<HTMLElement>(null);
  const [atTop, setAtTop] = useState(false);
  /** The pane size it last decided folded or open for; and whether the learner chose instead. */
  const decidedFor = useRef<{ w: number; h: number } | null>(null);
  const userChose = useRef(false);
  useLayoutEffect(() => {
    const pane = ref.current?.parentElement;
    if (!pane) return;
    const p = pane.getBoundingClientRect();
    const low = [...pane.querySelectorAll('[data-bottleneck]')].some((el) => {
      const r = el.getBoundingClientRect();
      return r.top + r.height / 2 > p.top + p.height / 2 && r.right > p.left + p.width / 2;
    });
    setAtTop(low);
    // Show less rather than cover the diagram: it starts open only if it covers at most a fifth
    // of the pane (≈8–15 % at 1280×720 and up; presenter type at 1024×768 is over it), and folds
    // when a resized pane (entering presenter mode) makes it too big; never once the learner chose.
    const note = ref.current?.getBoundingClientRect();
    const last = decidedFor.current;
    if (!note || userChose.current || (last && Math.abs(last.w - p.width) < 2 && Math.abs(last.h - p.height) < 2)) return;
    decidedFor.current = { w: p.width, h: p.height };
    if (open && note.width * note.height > 0.2 * p.width * p.height) setOpen(false);
  }, [report, open]);
  if (!report || report.bottlenecks.length === 0) return null;
  const lines = bottleneckLines(report.bottlenecks, t, lang);
  const measured = report.flows.filter((f) => f.deliveredBps !== null);
  const offered = measured.reduce((a, f) => a + f.offeredBps, 0);
  const delivered = measured.reduce((a, f) => a + (f.deliveredBps ?? 0), 0);
  return (
    <section
      ref={ref}
      aria-labelledby={headId}
      data-testid="overload-note"
      data-corner={atTop ? 'top' : 'bottom'}
      // Clicks pass through the text to the diagram (packets, folded VMs) below; the controls take them.
      className={`pointer-events-none absolute right-12 ${atTop ? 'top-2' : compact ? 'bottom-2' : 'bottom-12'} z-[7] max-h-[calc(100%-4rem)] overflow-y-auto rounded-md border-2 border-danger bg-panel/95 px-3 py-2 text-sm text-ink shadow-md ${
        compact ? 'max-w-[min(20rem,calc(100%-4rem))] text-xs' : 'max-w-[min(28rem,calc(100%-4rem))]'
      }`}
    >
      <div className="flex items-start justify-between gap-2">
        <h2 id={headId} className="m-0 text-sm font-bold text-danger">
          <span aria-hidden="true">▲ </span>
          {t('overload.title', { count: lines.length })}
        </h2>
        <button type="button" className="pointer-events-auto shrink-0 rounded border border-line bg-raised px-1.5 text-xs font-semibold" aria-expanded={open} aria-label={open ? t('overload.hide') : t('overload.show')} title={open ? t('overload.hide') : t('overload.show')} onClick={() => {
          userChose.current = true;
          setOpen(!open);
        }}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
        </button>
      </div>
      {open && (
        <>
          <ul className="m-0 mt-1 list-none p-0" data-testid="overload-lines">
            {lines.slice(0, compact ? 2 : 6).map((l) => (
              <li key={l.key} data-kind={l.b.kind} data-component={l.b.componentId} className="mt-0.5">
                {l.text}
              </li>
            ))}
          </ul>
          {measured.length > 0 && (
            <p className="m-0 mt-1 text-muted" data-testid="overload-total">
              {t('overload.total', { offered: fmtBps(offered, lang), delivered: fmtBps(delivered, lang), window: fmtNs(report.windowNs, lang) })}
            </p>
          )}
          {!compact && (
            <details className="pointer-events-auto mt-1">
              <summary className="cursor-pointer font-semibold">{t('overload.flows', { n: report.flows.length })}</summary>
              <FlowRates report={report} limit={12} />
            </details>
          )}
        </>
      )}
    </section>
  );
}
