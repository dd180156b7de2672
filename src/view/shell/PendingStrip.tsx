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

/** VMs waiting for the same step towards the same route, in order of first appearance. */
export function groupPending(pending: readonly PendingEffect[]): PendingEffect[][] {
  const groups = new Map<string, PendingEffect[]>();
  for (const p of pending) {
    const key = `${p.step}|${p.target}`;
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  return [...groups.values()];
}

/** "vm2 and vm3", "vm3, vm4, vm5 and 59 more": at most three names, then a count. */
function vmList(vms: string[], t: (k: string, o?: Record<string, unknown>) => string, lang: string): string {
  if (vms.length > 3) return t('pending.vmsMore', { list: vms.slice(0, 3).join(t('pending.vmsSep')), count: vms.length - 3 });
  return new Intl.ListFormat(lang, { type: 'conjunction' }).format(vms);
}

/** One line for a group of VMs waiting for the same step (the single-VM line when it is one). */
export function pendingGroupLine(g: PendingEffect[], t: (k: string, o?: Record<string, unknown>) => string, lang: string): string {
  const first = g[0] as PendingEffect;
  if (g.length === 1) return pendingLine(first, t);
  const vms = vmList(g.map((p) => p.vm), t, lang);
  const step = t(`pending.step.${first.step}`);
  return first.step === 'vmqQueue' || first.step === 'vmqRelease'
    ? t('pending.lineQueueMany', { vms, step })
    : t('pending.lineMany', { vms, step, path: t(`path.${first.target}`) });
}

/**
 * "Pending" under the playback bar: which VMs wait for which step (VF bring-up, vPCI offer, data
 * path switch, VMQ queue allocation) and a button that runs simulated time ahead to the moment the
 * new route starts. Shown from the frame a change is made, so a flip never looks like nothing.
 */
export function PendingStrip({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const pending = useSim(selectors.pending);
  if (pending.length === 0) return null;
  // One line per step, not per VM: at 64 VMs a flip makes one line, not a wall over the diagram.
  const groups = groupPending(pending);
  const shown = groups.slice(0, compact ? 1 : 2);
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
        {shown.map((g) => (
          <li key={`${g[0]?.step}:${g[0]?.target}`} className="truncate" data-step={g[0]?.step}>
            {pendingGroupLine(g, t, i18n.language)}
          </li>
        ))}
        {groups.length > shown.length && <li className="text-muted">+{groups.length - shown.length}</li>}
      </ul>
      <button type="button" className={btn()} title={t('pending.skipHelp')} onClick={() => useSim.getState().skipToRoute()}>
        <span aria-hidden="true">» </span>
        {t('pending.skip')}
      </button>
    </div>
  );
}
