import { useTranslation } from 'react-i18next';
import { selectors, useSim } from '../../store/simStore';
import type { PendingEffect } from '../../store/pending';
import { btn } from './ui';

/** One line per VM whose route waits for a step in simulated time. */
export function pendingLine(p: PendingEffect, t: (k: string, o?: Record<string, unknown>) => string): string {
  const step = t(`pending.step.${p.step}`);
  const base =
    p.step === 'vmqQueue' || p.step === 'vmqRelease'
      ? t('pending.lineQueue', { vm: p.vm, step })
      : t('pending.line', { vm: p.vm, step, path: t(`path.${p.target}`) });
  return p.last ? `${base} (${t('pending.last', { msg: p.last })})` : base;
}

/**
 * "Pending" under the playback bar: which VM waits for which step (VF bring-up, vPCI offer, data
 * path switch, VMQ queue allocation) and a button that runs simulated time ahead to the moment the
 * new route starts. Shown from the frame a change is made, so a flip never looks like nothing.
 */
export function PendingStrip({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const pending = useSim(selectors.pending);
  if (pending.length === 0) return null;
  const shown = pending.slice(0, compact ? 1 : 3);
  return (
    <div
      role="status"
      aria-label={t('pending.region')}
      data-testid="pending-strip"
      className="absolute inset-x-0 top-0 z-20 flex flex-wrap items-center gap-x-3 gap-y-1 border-b-2 border-dashed border-warn bg-raised/95 px-3 py-1 text-sm shadow-sm"
    >
      <span className="font-bold text-warn">
        <span aria-hidden="true">… </span>
        {t('pending.title')}
      </span>
      <ul className="flex min-w-0 flex-1 flex-col">
        {shown.map((p) => (
          <li key={`${p.vm}:${p.step}`} className="truncate" data-step={p.step}>
            {pendingLine(p, t)}
          </li>
        ))}
        {pending.length > shown.length && <li className="text-muted">+{pending.length - shown.length}</li>}
      </ul>
      <button type="button" className={btn()} title={t('pending.skipHelp')} onClick={() => useSim.getState().skipToRoute()}>
        <span aria-hidden="true">» </span>
        {t('pending.skip')}
      </button>
    </div>
  );
}
