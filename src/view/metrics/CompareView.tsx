/**
 * Side-by-side comparison: a traffic pattern (the page's own, or one chosen so a difference
 * shows: receive over four VMs, one VM, light request/response, more than the link) run headless
 * on emulated, synthetic without VMQ, synthetic with VMQ and SR-IOV from the same seed. The runs
 * are `src/analysis/compare.ts`; here they are driven in chunks (a macrotask yield between
 * slices) so the page stays responsive, with progress and Cancel.
 *
 * Shows: totals with per-LP utilisation and the resource that limited each run, the utilisation
 * of every LP per run, delivered throughput of the four runs on one timeline, the latency distributions, the
 * cycles per packet by category (where the emulated path spends its time: VM exits and the
 * worker process; what SR-IOV removes: the root's share), totals, and a per-hop cost table
 * (component pair, CPU billed (partition and LPs), ns and cycles per packet, cost-table source).
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildTopology, createSimulation } from '../../engine';
import { macrotaskYield } from '../../export/replay';
import { selectors, useSim } from '../../store/simStore';
import { Figure, LatencyHistogram, Legend, LineChart, PATH_STYLE, StackedBars, useWidth } from './charts';
import { CPU_CATEGORIES, COMPARE_CASES, COMPARE_PATTERNS, formatLps, patternConfig, percentile, runComparison, type CaseResult, type Category, type CompareCase, type ComparePattern } from '../../analysis/compare';
import { LimitCell, LpCell, LpChart } from './CompareLimits';
import { sourceLine } from './figureSources';
import { localizeSourceLine } from '../text/engineText';
import { SourceNote } from './SourceNote';
import { OffloadSavings } from './OffloadSavings';
import { foldedComponentLabel } from './hopLabel';
import { fmtBps, fmtNs, fmtNumber, rateAxisUnit, timeAxisUnit } from './units';

export const DURATIONS_NS = [500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000] as const;

const CASE_STYLE: Record<CompareCase, { color: string; dash: string }> = {
  emulated: PATH_STYLE.emulated!,
  synthetic: PATH_STYLE.synthetic!,
  vmq: { color: 'var(--color-path-synthetic)', dash: '10 3 2 3' },
  sriov: PATH_STYLE.sriov!,
};

const CATEGORY_COLOR: Record<Category, string> = {
  guest: 'var(--color-path-sriov)',
  vmexit: 'var(--color-danger)',
  worker: 'var(--color-path-emulated)',
  signal: 'var(--color-path-signal)',
  vmbus: 'var(--color-path-synthetic)',
  vswitch: 'var(--color-accent)',
  pf: 'var(--color-muted)',
  device: 'var(--color-line)',
};

type RunState = { kind: 'idle' } | { kind: 'running'; fraction: number; current: CompareCase } | { kind: 'done'; results: CaseResult[]; cancelled: boolean } | { kind: 'error'; message: string };

export function CompareView() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const config = useSim(selectors.config);
  const seed = useSim((s) => s.seed);
  const [durationNs, setDurationNs] = useState<number>(2_000_000);
  // A pattern where VMQ's difference shows comes first: the page's own traffic is often too light.
  const [pattern, setPattern] = useState<ComparePattern>('rx-spread');
  const patId = useId();
  const shown = useMemo(() => patternConfig(config, pattern), [config, pattern]);
  const [state, setState] = useState<RunState>({ kind: 'idle' });
  const [detail, setDetail] = useState<CompareCase>('emulated');
  const abort = useRef<{ aborted: boolean } | null>(null);
  const [ref, width] = useWidth<HTMLDivElement>(900);
  const durId = useId();

  useEffect(() => () => void (abort.current && (abort.current.aborted = true)), []);

  const run = async () => {
    if (abort.current) abort.current.aborted = true;
    const signal = { aborted: false };
    abort.current = signal;
    setState({ kind: 'running', fraction: 0, current: COMPARE_CASES[0] });
    try {
      let lastPaint = 0;
      const results = await runComparison(createSimulation, config, {
        seed,
        durationNs,
        pattern,
        signal,
        yieldFn: macrotaskYield,
        budgetMs: 30,
        onProgress: (fraction, current) => {
          const now = performance.now();
          if (now - lastPaint > 120) {
            lastPaint = now;
            setState({ kind: 'running', fraction, current });
          }
        },
      });
      if (abort.current !== signal) return;
      setState({ kind: 'done', results, cancelled: signal.aborted });
    } catch (err) {
      setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    } finally {
      if (abort.current === signal) abort.current = null;
    }
  };

  const cancel = () => {
    if (abort.current) abort.current.aborted = true;
  };

  const results = state.kind === 'done' ? state.results : [];
  const caseLabel = (c: CompareCase) => t(`compare.case.${c}`);

  return (
    <div ref={ref} className="flex flex-col gap-3 p-3" data-testid="compare-view">
      <p className="m-0 text-sm text-muted">{t('compare.intro', { vms: shown.vms.length, flows: shown.flows.length, seed })}</p>
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={patId} className="block text-sm text-muted">
            {t('compare.pattern.label')}
          </label>
          <select id={patId} className="rounded-md border border-line bg-panel px-2 py-1.5 text-ink" value={pattern} onChange={(e) => setPattern(e.target.value as ComparePattern)} disabled={state.kind === 'running'} data-testid="compare-pattern">
            {COMPARE_PATTERNS.map((p) => (
              <option key={p} value={p}>
                {t(`compare.pattern.${p}.label`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={durId} className="block text-sm text-muted">
            {t('compare.duration')}
          </label>
          <select id={durId} className="rounded-md border border-line bg-panel px-2 py-1.5 text-ink" value={durationNs} onChange={(e) => setDurationNs(Number(e.target.value))} disabled={state.kind === 'running'}>
            {DURATIONS_NS.map((d) => (
              <option key={d} value={d}>
                {fmtNs(d, lang)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="rounded-md border border-accent bg-accent px-3 py-1.5 font-semibold text-accent-ink disabled:opacity-50" onClick={() => void run()} disabled={state.kind === 'running'}>
          {state.kind === 'done' ? t('compare.rerun') : t('compare.run')}
        </button>
        {state.kind === 'running' && (
          <>
            <progress className="h-3 w-48" max={1} value={state.fraction} aria-label={t('compare.progress', { case: caseLabel(state.current) })} />
            <span className="text-sm text-muted" aria-live="polite">
              {t('compare.running', { case: caseLabel(state.current), percent: Math.round(state.fraction * 100) })}
            </span>
            <button type="button" className="rounded-md border border-line bg-raised px-3 py-1.5 font-semibold" onClick={cancel}>
              {t('compare.cancel')}
            </button>
          </>
        )}
      </div>
      <p className="m-0 text-sm" data-testid="compare-pattern-about">
        {t(`compare.pattern.${pattern}.about`)}
      </p>
      {state.kind === 'error' && (
        <p role="alert" className="text-danger">
          {t('compare.error', { message: state.message })}
        </p>
      )}
      {state.kind === 'done' && state.cancelled && <p className="text-warn">{t('compare.cancelled')}</p>}
      {results.length > 0 && (
        <>
          <Totals results={results} />
          <LpChart results={results} width={width} />
          <Timeline results={results} width={width} />
          <div className="grid gap-3 xl:grid-cols-2">
            <Latency results={results} width={width >= 1280 ? Math.floor(width / 2) - 20 : width} />
            <Categories results={results} width={width >= 1280 ? Math.floor(width / 2) - 20 : width} />
          </div>
          <HopTable results={results} selected={detail} onSelect={setDetail} />
        </>
      )}
      <OffloadSavings />
    </div>
  );
}

function Totals({ results }: { results: CaseResult[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm [&_td]:px-1.5 [&_th]:px-1.5" data-testid="compare-totals">
        <caption className="mb-1 text-left font-bold">{t('compare.totals.caption')}</caption>
        <thead>
          <tr className="text-left text-muted">
            <th scope="col">{t('compare.totals.case')}</th>
            <th scope="col">{t('compare.totals.delivered')}</th>
            <th scope="col">{t('compare.totals.throughput')}</th>
            <th scope="col">{t('compare.totals.latency')}</th>
            <th scope="col">{t('compare.totals.lps')}</th>
            <th scope="col">{t('compare.totals.limit')}</th>
            <th scope="col">{t('compare.totals.root')}</th>
            <th scope="col">{t('compare.totals.hv')}</th>
            <th scope="col">{t('compare.totals.guest')}</th>
            <th scope="col">{t('compare.totals.exits')}</th>
            <th scope="col">{t('compare.totals.interrupts')}</th>
            <th scope="col">{t('compare.totals.copies')}</th>
          </tr>
        </thead>
        <tbody className="font-mono">
          {results.map((r) => {
            const sorted = [...r.latencies].sort((a, b) => a - b);
            const bytes = r.buckets.reduce((a, b) => a + b.bytes, 0);
            return (
              <tr key={r.case} className="border-t border-line" data-case={r.case}>
                <th scope="row" className="text-left font-sans">
                  {t(`compare.case.${r.case}`)}
                </th>
                <td data-col="delivered">
                  {t('compare.totals.deliveredOf', { delivered: fmtNumber(r.delivered, lang, 0), sent: fmtNumber(r.sent, lang, 0) })}
                  {r.dropped > 0 && <span className="text-danger"> {t('compare.totals.droppedN', { n: fmtNumber(r.dropped, lang, 0) })}</span>}
                </td>
                <td data-col="throughput">{fmtBps((bytes * 8 * 1e9) / Math.max(1, r.durationNs), lang)}</td>
                <td data-col="latency">
                  {fmtNs(percentile(sorted, 50), lang)} / {fmtNs(percentile(sorted, 99), lang)}
                </td>
                <LpCell r={r} />
                <LimitCell r={r} />
                <td data-col="root">{fmtNumber(r.perPacket.root, lang, 0)}</td>
                <td>{fmtNumber(r.perPacket.hv, lang, 0)}</td>
                <td>{fmtNumber(r.perPacket.guest, lang, 0)}</td>
                <td data-col="exits">{fmtNumber(r.perPacket.vmExits, lang)}</td>
                <td>{fmtNumber(r.perPacket.interrupts, lang)}</td>
                <td>{fmtNumber(r.perPacket.copies, lang)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="m-0 mt-1 text-xs text-muted">{t('compare.totals.note')}</p>
    </div>
  );
}

function Timeline({ results, width }: { results: CaseResult[]; width: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const durationNs = results[0]?.durationNs ?? 1;
  const axis = timeAxisUnit(durationNs);
  const maxBps = Math.max(1, ...results.flatMap((r) => r.buckets.map((b) => (b.bytes * 8 * 1e9) / r.bucketNs)));
  const unit = rateAxisUnit(maxBps);
  const series = results.map((r) => ({
    id: r.case,
    label: t(`compare.case.${r.case}`),
    ...CASE_STYLE[r.case],
    points: r.buckets.map((b) => [(b.startNs + r.bucketNs) / axis.div, (b.bytes * 8 * 1e9) / r.bucketNs / unit.div] as [number, number]),
  }));
  return (
    <Figure title={t('compare.timeline.title')} testId="compare-timeline" source={<SourceNote figure="timeline" />} legend={<Legend items={series.map((s) => ({ label: s.label, color: s.color, dash: s.dash }))} />}>
      <LineChart
        series={series}
        width={Math.max(300, width - 30)}
        height={200}
        step
        xDomain={[0, durationNs / axis.div]}
        xLabel={t('metrics.simTime', { unit: axis.unit })}
        yLabel={t('metrics.throughput.y', { unit: unit.unit })}
        xFormat={(v) => fmtNumber(v, lang)}
        yFormat={(v) => fmtNumber(v, lang)}
        description={t('compare.timeline.description')}
      />
    </Figure>
  );
}

function Latency({ results, width }: { results: CaseResult[]; width: number }) {
  const { t } = useTranslation();
  const series = results.filter((r) => r.latencies.length > 0).map((r) => ({ id: r.case, label: t(`compare.case.${r.case}`), ...CASE_STYLE[r.case], valuesNs: r.latencies }));
  return (
    <Figure title={t('compare.latency.title')} testId="compare-latency" source={<SourceNote figure="latency" />} legend={<Legend items={series.map((s) => ({ label: s.label, color: s.color, dash: s.dash }))} />}>
      {series.length === 0 ? <p className="text-sm text-muted">{t('metrics.noData')}</p> : <LatencyHistogram series={series} width={Math.max(280, width - 30)} xLabel={t('metrics.latency.x')} yLabel={t('metrics.latency.y')} description={t('compare.latency.description')} />}
    </Figure>
  );
}

function Categories({ results, width }: { results: CaseResult[]; width: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rows = results.map((r) => ({
    key: r.case,
    label: t(`compare.case.${r.case}`),
    values: r.perPacketByCategory,
    titles: Object.fromEntries(CPU_CATEGORIES.map((c) => [c, t('compare.categories.segment', { category: t(`compare.category.${c}`), cycles: fmtNumber(r.perPacketByCategory[c], lang, 0), ns: fmtNumber(r.perPacketByCategory[c] / 3, lang, 0), case: t(`compare.case.${r.case}`) })])),
  }));
  const segments = CPU_CATEGORIES.map((c) => ({ id: c, label: t(`compare.category.${c}`), color: CATEGORY_COLOR[c] }));
  const desc = results.map((r) => `${t(`compare.case.${r.case}`)}: ${CPU_CATEGORIES.filter((c) => r.perPacketByCategory[c] > 0).map((c) => `${t(`compare.category.${c}`)} ${fmtNumber(r.perPacketByCategory[c], lang, 0)}`).join(', ')}`).join('; ');
  return (
    <Figure title={t('compare.categories.title')} testId="compare-categories" source={<SourceNote figure="categories" />} legend={<Legend items={segments.map((s) => ({ label: s.label, color: s.color }))} />}>
      <StackedBars rows={rows} segments={segments} width={Math.max(280, width - 30)} xLabel={t('compare.categories.x')} xFormat={(v) => fmtNumber(v, lang, 0)} description={desc} />
    </Figure>
  );
}

function HopTable({ results, selected, onSelect }: { results: CaseResult[]; selected: CompareCase; onSelect: (c: CompareCase) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const r = results.find((x) => x.case === selected) ?? results[0];
  const tabsId = useId();
  const rows = useMemo(() => (r ? r.hops.filter((h) => h.totalCycles > 0 || h.totalNs > 0) : []), [r]);
  const topology = useMemo(() => (r ? buildTopology(r.config) : null), [r]);
  if (!r || !topology) return null;
  const name = (id: string) => foldedComponentLabel(t, topology, id);
  const per = (x: number) => (r.delivered > 0 ? x / r.delivered : 0);
  const totalCycles = rows.reduce((a, h) => a + h.totalCycles, 0);
  const totalNs = rows.reduce((a, h) => a + h.totalNs, 0);
  return (
    <section aria-labelledby={tabsId} className="rounded-lg border border-line bg-panel p-3" data-testid="compare-hops">
      <h3 id={tabsId} className="m-0 mb-2 text-sm font-bold">
        {t('compare.hops.title')}
      </h3>
      <div role="tablist" aria-label={t('compare.hops.tabs')} className="mb-2 flex flex-wrap gap-1">
        {results.map((x) => (
          <button
            key={x.case}
            type="button"
            role="tab"
            aria-selected={x.case === r.case}
            className={`rounded-md border px-2.5 py-1 text-sm font-semibold ${x.case === r.case ? 'border-accent bg-accent text-accent-ink' : 'border-line bg-raised text-ink'}`}
            onClick={() => onSelect(x.case)}
          >
            {t(`compare.case.${x.case}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={t(`compare.case.${r.case}`)} className="max-h-[28rem] overflow-auto">
        <table className="w-full border-collapse text-xs [&_td]:px-1.5 [&_td]:py-0.5 [&_th]:px-1.5">
          <caption className="sr-only">{t('compare.hops.caption', { case: t(`compare.case.${r.case}`) })}</caption>
          <thead className="sticky top-0 bg-panel">
            <tr className="text-left text-muted">
              <th scope="col">{t('compare.hops.component')}</th>
              <th scope="col">{t('compare.hops.kind')}</th>
              <th scope="col">{t('compare.hops.cpu')}</th>
              <th scope="col" className="text-right">{t('compare.hops.perPacket')}</th>
              <th scope="col" className="text-right">{t('compare.hops.ns')}</th>
              <th scope="col" className="text-right">{t('compare.hops.cycles')}</th>
              <th scope="col">{t('compare.hops.source')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((h) => {
              const line = h.cost ? sourceLine(h.cost) : null;
              const src = line ? localizeSourceLine(line, t) : null;
              return (
                <tr key={h.key} className="border-t border-line align-top" data-category={h.category}>
                  <td data-hop={`${h.from}>${h.to}`}>{h.from === h.to ? name(h.from) : `${name(h.from)} → ${name(h.to)}`}</td>
                  <td>
                    {t(`compare.category.${h.category}`)} · {t(`log.kind.${h.kind}`)}
                  </td>
                  <td className="font-mono">{h.partition ? `${t(`compare.partition.${h.partition}`)} · LP ${formatLps(h.lps)}` : t('compare.partition.none')}</td>
                  <td className="text-right font-mono">{fmtNumber(per(h.count), lang)}</td>
                  <td className="text-right font-mono">{fmtNumber(per(h.totalNs), lang, 0)}</td>
                  <td className="text-right font-mono">{fmtNumber(per(h.totalCycles), lang, 0)}</td>
                  <td title={src ? `${src.id} — ${src.hop}: ${src.source}` : undefined}>
                    {src ? (
                      <>
                        <span className="font-mono font-bold">{src.id}</span> {src.source}
                        {src.modelEstimate && <span className="ml-1 text-warn">({t('metrics.modelEstimate')})</span>}
                      </>
                    ) : (
                      <span className="text-muted">{t('metrics.modelEstimate')}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr className="border-t-2 border-line font-bold">
              <th scope="row" colSpan={4} className="text-left">
                {t('compare.hops.total', { packets: fmtNumber(r.delivered, lang, 0) })}
              </th>
              <td className="text-right font-mono">{fmtNumber(per(totalNs), lang, 0)}</td>
              <td className="text-right font-mono">{fmtNumber(per(totalCycles), lang, 0)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="m-0 mt-1 text-xs text-muted">{t('compare.hops.note')}</p>
    </section>
  );
}
