/**
 * Live metrics: latency distribution per path, throughput over time per VM, CPU per partition and
 * a per-LP heat strip over time, VM exits / hypercalls / interrupts / copies per packet, and ring
 * occupancy. Data comes from `useLiveMetrics` (a ~3 Hz poll and per-frame event scan); React
 * renders at the poll rate, never per animation frame.
 */
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Metrics } from '../../engine/types';
import { selectors, useSim } from '../../store/simStore';
import { Figure, GroupedBars, LatencyHistogram, Legend, LineChart, Meters, PATH_STYLE, seriesStyle, useWidth, type LineSeries } from './charts';
import { HeatStrip } from './HeatStrip';
import { DATA_PATHS, type DataPath } from './series';
import { SourceNote } from './SourceNote';
import { fmtBps, fmtNs, fmtNumber, fmtPercent, rateAxisUnit, timeAxisUnit } from './units';
import { useLiveMetrics } from './useLiveMetrics';
import { FlowRates } from '../overload/FlowRates';
import { useOverload } from '../overload/overloadState';
import { useOverloadWatch } from '../overload/overloadStore';

const PER_PACKET = ['vmExits', 'hypercalls', 'interrupts', 'copies'] as const;
const PER_PACKET_COLOR: Record<(typeof PER_PACKET)[number], string> = {
  vmExits: 'var(--color-danger)',
  hypercalls: 'var(--color-path-signal)',
  interrupts: 'var(--color-accent)',
  copies: 'var(--color-muted)',
};
/** Lines drawn at most (VMs, partitions); the rest are summed into "others". */
const MAX_LINES = 8;

export function MetricsPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const live = useLiveMetrics(true);
  const [ref, width] = useWidth<HTMLDivElement>(520);
  const w = Math.max(280, width);
  const { series, latency, metrics, version } = live;

  const intervals = series.intervals;
  const t0 = intervals[0] ? intervals[0].tNs - intervals[0].dtNs : 0;
  const tMax = intervals.length ? (intervals[intervals.length - 1] as { tNs: number }).tNs : 1;
  const axis = timeAxisUnit(tMax);

  const throughput = useMemo(() => {
    const ids = new Set<string>();
    for (const i of intervals) for (const k of i.vmBps.keys()) ids.add(k);
    const sorted = [...ids].sort((a, b) => Number(a.slice(2)) - Number(b.slice(2)));
    const shown = sorted.slice(0, MAX_LINES);
    const lines: LineSeries[] = shown.map((vm, k) => ({ id: vm, label: vm, ...seriesStyle(k), points: intervals.map((i) => [i.tNs / axis.div, i.vmBps.get(vm as never) ?? 0]) }));
    if (sorted.length > MAX_LINES) {
      const rest = sorted.slice(MAX_LINES);
      lines.push({ id: 'others', label: t('metrics.others', { count: rest.length }), ...seriesStyle(MAX_LINES), points: intervals.map((i) => [i.tNs / axis.div, rest.reduce((a, vm) => a + (i.vmBps.get(vm as never) ?? 0), 0)]) });
    }
    const maxBps = Math.max(1, ...lines.flatMap((l) => l.points.map((p) => p[1])));
    const unit = rateAxisUnit(maxBps);
    return { lines: lines.map((l) => ({ ...l, points: l.points.map(([x, y]) => [x, y / unit.div] as [number, number]) })), unit };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, axis.div, t]);

  const cpu = useMemo(() => {
    const parts = new Set<string>();
    for (const i of intervals) for (const k of i.partCores.keys()) parts.add(k);
    const order = ['root', 'hv', ...[...parts].filter((p) => p !== 'root' && p !== 'hv').sort((a, b) => Number(a.slice(2)) - Number(b.slice(2)))].filter((p) => parts.has(p));
    const shown = order.slice(0, MAX_LINES);
    const label = (p: string) => (p === 'root' ? t('metrics.partition.root') : p === 'hv' ? t('metrics.partition.hv') : p);
    const lines: LineSeries[] = shown.map((p, k) => ({ id: p, label: label(p), ...seriesStyle(k), points: intervals.map((i) => [i.tNs / axis.div, i.partCores.get(p) ?? 0]) }));
    if (order.length > MAX_LINES) {
      const rest = order.slice(MAX_LINES);
      lines.push({ id: 'others', label: t('metrics.others', { count: rest.length }), ...seriesStyle(MAX_LINES), points: intervals.map((i) => [i.tNs / axis.div, rest.reduce((a, p) => a + (i.partCores.get(p) ?? 0), 0)]) });
    }
    return lines;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, axis.div, t]);

  const lpCount = metrics?.perLp.length ?? 0;
  const heat = useMemo(() => intervals.map((i) => i.lpUtil), [version]); // eslint-disable-line react-hooks/exhaustive-deps

  const pathLabel = (p: DataPath) => t(`metrics.path.${p}`);
  const latencySeries = DATA_PATHS.filter((p) => latency.samples[p].length > 0).map((p) => ({ id: p, label: `${pathLabel(p)} (n=${latency.samples[p].length})`, ...PATH_STYLE[p]!, valuesNs: latency.samples[p] }));

  return (
    <div ref={ref} className="flex flex-col gap-3 p-3" data-testid="metrics-panel">
      <p className="m-0 text-sm text-muted">{t('metrics.intro')}</p>

      <Figure
        title={t('metrics.latency.title')}
        testId="chart-latency"
        source={<SourceNote figure="latency" />}
        legend={<Legend items={latencySeries.map((s) => ({ label: s.label, color: s.color, dash: s.dash }))} />}
      >
        {latencySeries.length === 0 ? (
          <p className="text-sm text-muted">{t('metrics.noData')}</p>
        ) : (
          <LatencyHistogram series={latencySeries} width={w - 26} xLabel={t('metrics.latency.x')} yLabel={t('metrics.latency.y')} description={latencyDescription(metrics, t, lang)} />
        )}
        <PercentileTable metrics={metrics} />
      </Figure>

      <FlowFigure />

      <Figure title={t('metrics.throughput.title')} testId="chart-throughput" source={<SourceNote figure="throughput" />} legend={<Legend items={throughput.lines.map((l) => ({ label: l.label, color: l.color, dash: l.dash }))} />}>
        {intervals.length < 2 ? (
          <p className="text-sm text-muted">{t('metrics.noData')}</p>
        ) : (
          <LineChart
            series={throughput.lines}
            width={w - 26}
            xDomain={[t0 / axis.div, tMax / axis.div]}
            xLabel={t('metrics.simTime', { unit: axis.unit })}
            yLabel={t('metrics.throughput.y', { unit: throughput.unit.unit })}
            xFormat={(v) => fmtNumber(v, lang)}
            yFormat={(v) => fmtNumber(v, lang)}
            description={t('metrics.throughput.description', { vms: throughput.lines.length })}
          />
        )}
      </Figure>

      <Figure title={t('metrics.cpu.title')} testId="chart-cpu" source={<SourceNote figure="cpu" />} legend={<Legend items={cpu.map((l) => ({ label: l.label, color: l.color, dash: l.dash }))} />}>
        {intervals.length < 2 ? (
          <p className="text-sm text-muted">{t('metrics.noData')}</p>
        ) : (
          <LineChart
            series={cpu}
            width={w - 26}
            xDomain={[t0 / axis.div, tMax / axis.div]}
            xLabel={t('metrics.simTime', { unit: axis.unit })}
            yLabel={t('metrics.cpu.y')}
            xFormat={(v) => fmtNumber(v, lang)}
            yFormat={(v) => fmtNumber(v, lang)}
            description={t('metrics.cpu.description')}
          />
        )}
      </Figure>

      <Figure title={t('metrics.lp.title')} testId="chart-lp" source={<SourceNote figure="lpHeat" />} legend={<p className="m-0 mt-1 text-xs text-muted">{t('metrics.lp.legend')}</p>}>
        {heat.length === 0 || lpCount === 0 ? (
          <p className="text-sm text-muted">{t('metrics.noData')}</p>
        ) : (
          <HeatStrip
            rows={lpCount}
            columns={heat}
            width={w - 26}
            rowLabel={(r) => `LP${r}`}
            xLabel={t('metrics.lp.x', { from: fmtNs(t0, lang), to: fmtNs(tMax, lang) })}
            description={lpDescription(metrics, t, lang)}
            cellTitle={(c, r, v) => t('metrics.lp.cell', { lp: r, util: fmtPercent(v, lang), at: fmtNs(intervals[c]?.tNs ?? 0, lang) })}
          />
        )}
      </Figure>

      <Figure title={t('metrics.perPacket.title')} testId="chart-per-packet" source={<SourceNote figure="perPacket" />} legend={<Legend items={PER_PACKET.map((k) => ({ label: t(`metrics.perPacket.${k}`), color: PER_PACKET_COLOR[k] }))} />}>
        <PerPacketBars metrics={metrics} width={w - 26} />
      </Figure>

      <Figure title={t('metrics.rings.title')} testId="chart-rings" source={<SourceNote figure="rings" />} legend={<p className="m-0 mt-1 text-xs text-muted">{t('metrics.rings.legend')}</p>}>
        <RingMeters metrics={metrics} width={w - 26} />
      </Figure>
    </div>
  );
}

/** Each flow's offered vs delivered rate (the overload report's flow table). */
function FlowFigure() {
  useOverloadWatch();
  const { t } = useTranslation();
  const report = useOverload((s) => s.report);
  if (!report || report.flows.length === 0) return null;
  return (
    <Figure title={t('overload.flowsTitle')} testId="chart-flows">
      <FlowRates report={report} />
    </Figure>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function latencyDescription(m: Metrics | null, t: T, lang: string): string {
  if (!m) return t('metrics.latency.title');
  return DATA_PATHS.filter((p) => m.perPath[p].latencyNs.count > 0)
    .map((p) => t('metrics.latency.describe', { path: t(`metrics.path.${p}`), p50: fmtNs(m.perPath[p].latencyNs.p50, lang), p99: fmtNs(m.perPath[p].latencyNs.p99, lang) }))
    .join('; ');
}

function lpDescription(m: Metrics | null, t: T, lang: string): string {
  if (!m || m.perLp.length === 0) return t('metrics.lp.title');
  const busiest = [...m.perLp].sort((a, b) => b.utilisation - a.utilisation)[0]!;
  return t('metrics.lp.describe', { lp: busiest.lp, util: fmtPercent(busiest.utilisation, lang), count: m.perLp.length });
}

function PercentileTable({ metrics }: { metrics: Metrics | null }) {
  const { t, i18n } = useTranslation();
  if (!metrics) return null;
  const rows = DATA_PATHS.filter((p) => metrics.perPath[p].latencyNs.count > 0);
  if (rows.length === 0) return null;
  return (
    <table className="mt-2 w-full border-collapse text-xs" data-testid="latency-table">
      <caption className="sr-only">{t('metrics.latency.tableCaption')}</caption>
      <thead>
        <tr className="text-left text-muted">
          <th scope="col">{t('metrics.table.path')}</th>
          <th scope="col">{t('metrics.table.packets')}</th>
          <th scope="col">p50</th>
          <th scope="col">p90</th>
          <th scope="col">p99</th>
          <th scope="col">{t('metrics.table.max')}</th>
          <th scope="col">{t('metrics.throughput.short')}</th>
        </tr>
      </thead>
      <tbody className="font-mono">
        {rows.map((p) => {
          const m = metrics.perPath[p];
          return (
            <tr key={p} className="border-t border-line">
              <th scope="row" className="text-left font-sans">{t(`metrics.path.${p}`)}</th>
              <td>{fmtNumber(m.packets, i18n.language, 0)}</td>
              <td>{fmtNs(m.latencyNs.p50, i18n.language)}</td>
              <td>{fmtNs(m.latencyNs.p90, i18n.language)}</td>
              <td>{fmtNs(m.latencyNs.p99, i18n.language)}</td>
              <td>{fmtNs(m.latencyNs.max, i18n.language)}</td>
              <td>{fmtBps(m.throughputBps, i18n.language)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function PerPacketBars({ metrics, width }: { metrics: Metrics | null; width: number }) {
  const { t, i18n } = useTranslation();
  if (!metrics) return <p className="text-sm text-muted">{t('metrics.noData')}</p>;
  const paths = DATA_PATHS.filter((p) => metrics.perPath[p].packets > 0);
  if (paths.length === 0) return <p className="text-sm text-muted">{t('metrics.noData')}</p>;
  const groups = paths.map((p) => {
    const m = metrics.perPath[p];
    return {
      key: p,
      label: t(`metrics.path.${p}`),
      bars: PER_PACKET.map((k) => {
        const v = m[k] / m.packets;
        return { id: k, label: t(`metrics.perPacket.${k}`), value: v, color: PER_PACKET_COLOR[k], title: t('metrics.perPacket.bar', { what: t(`metrics.perPacket.${k}`), path: t(`metrics.path.${p}`), value: fmtNumber(v, i18n.language), total: fmtNumber(m[k], i18n.language, 0), packets: fmtNumber(m.packets, i18n.language, 0) }) };
      }),
    };
  });
  const desc = groups.map((g) => `${g.label}: ${g.bars.map((b) => `${b.label} ${fmtNumber(b.value, i18n.language)}`).join(', ')}`).join('; ');
  return <GroupedBars groups={groups} width={width} xLabel={t('metrics.perPacket.x')} yLabel={t('metrics.perPacket.y')} yFormat={(v) => fmtNumber(v, i18n.language)} description={desc} />;
}

/**
 * Ring occupancy follows the store's live VM states (published ≈10 times a second), so it reads
 * them here: the rest of the panel re-renders at the metrics poll rate only (≈3 Hz).
 */
const RingMeters = memo(function RingMeters({ metrics, width }: { metrics: Metrics | null; width: number }) {
  const { t, i18n } = useTranslation();
  const vms = useSim(selectors.liveVms);
  const synthetic = vms.filter((v) => v.channel === 'open' || v.out.sizeBytes > 0).slice(0, 16);
  if (synthetic.length === 0) return <p className="text-sm text-muted">{t('metrics.rings.none')}</p>;
  const rows = synthetic.flatMap((v) => {
    const peaks = metrics?.perVm[v.id];
    return (['out', 'in'] as const).map((dir) => {
      const r = v[dir];
      const value = r.sizeBytes > 0 ? r.usedBytes / r.sizeBytes : 0;
      const peakBytes = dir === 'out' ? (peaks?.ringOutPeak ?? 0) : (peaks?.ringInPeak ?? 0);
      const peak = r.sizeBytes > 0 ? Math.max(value, peakBytes / r.sizeBytes) : 0;
      return {
        key: `${v.id}.${dir}`,
        label: `${v.id} ${t(`metrics.rings.${dir}`)}`,
        value,
        peak: Math.min(1, peak),
        title: t('metrics.rings.meter', { vm: v.id, dir: t(`metrics.rings.${dir}`), used: fmtNumber(r.usedBytes, i18n.language, 0), size: fmtNumber(r.sizeBytes, i18n.language, 0), packets: r.packets, mask: r.interruptMask ? t('metrics.rings.masked') : t('metrics.rings.unmasked') }),
      };
    });
  });
  return <Meters rows={rows} width={width} description={t('metrics.rings.description', { count: synthetic.length })} format={(v) => fmtPercent(v, i18n.language)} />;
});
