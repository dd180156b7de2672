/**
 * What each comparison run was limited by, and how busy each LP was: the table cells and the
 * per-LP chart. Figures come from `src/analysis/compare.ts` (`CaseResult.lpUtil`, `limit`).
 */
import { useTranslation } from 'react-i18next';
import type { CaseResult, CompareCase } from '../../analysis/compare';
import type { Limit, ResourceLoad } from '../../analysis/limits';
import { localizeDropReason } from '../text/engineText';
import { Figure, GroupedBars, Legend } from './charts';
import { fmtNumber, fmtPercent } from './units';

type T = ReturnType<typeof useTranslation>['t'];

/** Bar fill per case: the path colours; VMQ in the signal colour so it differs clearly from no VMQ (same order in every group). */
export const CASE_FILL: Record<CompareCase, string> = {
  emulated: 'var(--color-path-emulated)',
  synthetic: 'var(--color-path-synthetic)',
  vmq: 'var(--color-path-signal)',
  sriov: 'var(--color-path-sriov)',
};

/** "LP0", "the wire, into the host", "vm1's emulated NIC (100 Mb/s)". */
export function resourceName(r: ResourceLoad, t: T): string {
  if (r.kind === 'lp') return t('compare.limit.res.lp', { lp: r.lp });
  if (r.kind === 'wire') return t(`compare.limit.res.wire.${r.direction ?? 'rx'}`);
  if (r.kind === 'emulated-nic') return t('compare.limit.res.emulated', { vm: r.vm ?? '' });
  return t(`compare.limit.res.${r.kind}`);
}

/** One sentence: what limited the run, in numbers. */
export function limitText(l: Limit, t: T, lang: string): string {
  if (l.kind === 'none') {
    return l.busiest ? t('compare.limit.none', { busiest: resourceName(l.busiest, t), util: fmtPercent(l.busiest.utilisation, lang) }) : t('compare.limit.noneIdle');
  }
  let s: string;
  if (l.resource) s = t('compare.limit.saturated', { resource: resourceName(l.resource, t), util: fmtPercent(l.resource.utilisation, lang) });
  else s = t(`compare.limit.dropsAt.${l.kind}`, { n: fmtNumber(l.drops, lang, 0), reason: localizeDropReason(l.dropReason ?? '', t) });
  const also = l.saturated.filter((r) => r !== l.resource);
  if (also.length === 1) s += ` ${t('compare.limit.also', { list: `${resourceName(also[0] as ResourceLoad, t)} ${fmtPercent((also[0] as ResourceLoad).utilisation, lang)}` })}`;
  else if (also.length > 1) s += ` ${t('compare.limit.alsoN', { n: also.length })}`;
  if (l.resource && l.drops > 0) s += ` ${t('compare.limit.drops', { n: fmtNumber(l.drops, lang, 0), reason: localizeDropReason(l.dropReason ?? '', t) })}`;
  return s;
}

/** The busiest LPs of a run as short text, busiest first: "LP0 100 % · LP4 45 %". */
export function LpCell({ r }: { r: CaseResult }) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const top = r.lpUtil
    .map((u, lp) => ({ u, lp }))
    .filter((x) => x.u >= 0.05)
    .sort((a, b) => b.u - a.u || a.lp - b.lp)
    .slice(0, 4);
  return (
    <td data-col="lps" className="whitespace-nowrap">
      {top.length === 0
        ? '—'
        : top.map((x, i) => (
            <span key={x.lp} data-lp={x.lp} data-util={Math.round(x.u * 100)} className={x.u >= 0.9 ? 'font-bold text-danger' : ''}>
              {i > 0 && <span className="text-muted"> · </span>}
              LP{x.lp} {fmtPercent(x.u, lang)}
            </span>
          ))}
    </td>
  );
}

export function LimitCell({ r }: { r: CaseResult }) {
  const { t, i18n } = useTranslation();
  return (
    <td data-col="limit" data-limit={r.limit.kind} data-resource={r.limit.resource?.id ?? ''} className={`font-sans ${r.limit.kind === 'none' ? '' : 'font-semibold'}`}>
      {r.limit.kind !== 'none' && (
        <span aria-hidden="true" className="mr-1 text-danger">
          ▲
        </span>
      )}
      {limitText(r.limit, t, i18n.language)}
    </td>
  );
}

/** Utilisation of every LP, one bar per configuration. */
export function LpChart({ results, width }: { results: CaseResult[]; width: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const lps = Math.max(0, ...results.map((r) => r.lpUtil.length));
  const groups = Array.from({ length: lps }, (_, lp) => ({
    key: `LP${lp}`,
    label: `LP${lp}`,
    bars: results.map((r) => ({
      id: r.case,
      label: t(`compare.case.${r.case}`),
      value: (r.lpUtil[lp] ?? 0) * 100,
      color: CASE_FILL[r.case],
      title: t('compare.lp.bar', { case: t(`compare.case.${r.case}`), lp, util: fmtPercent(r.lpUtil[lp] ?? 0, lang) }),
    })),
  }));
  const description = results
    .map((r) => t('compare.lp.row', { case: t(`compare.case.${r.case}`), list: r.lpUtil.map((u, lp) => `LP${lp} ${fmtPercent(u, lang)}`).join(', ') }))
    .join('; ');
  return (
    <Figure
      title={t('compare.lp.title')}
      testId="compare-lp"
      legend={
        <>
          <Legend items={results.map((r) => ({ label: t(`compare.case.${r.case}`), color: CASE_FILL[r.case] }))} />
          <p className="m-0 mt-1 text-xs text-muted">{t('compare.lp.note')}</p>
        </>
      }
    >
      <GroupedBars groups={groups} width={Math.max(300, width - 30)} height={190} xLabel={t('compare.lp.x')} yLabel={t('compare.lp.y')} yFormat={(v) => fmtNumber(v, lang, 0)} description={description} />
    </Figure>
  );
}
