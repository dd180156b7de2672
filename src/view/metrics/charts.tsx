/**
 * Small SVG charts drawn with d3 scales and shapes, rendered by React (d3 submodules only; no
 * d3-selection: React owns the DOM). Colours are theme tokens through `var(--color-…)` in style
 * properties, so a chart follows the light/dark/projector theme without re-rendering. Each chart
 * has a title, labelled axes with units, and an accessible description (role="img" + aria-label
 * summarising what it shows); `SourceNote` carries where each figure comes from.
 */
import { memo, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { scaleBand, scaleLinear, scaleLog, type ScaleBand, type ScaleLinear, type ScaleLogarithmic } from 'd3-scale';
import { line, curveStepAfter, curveLinear } from 'd3-shape';
import { bin, max as d3max } from 'd3-array';

type NumScale = ScaleLinear<number, number> | ScaleLogarithmic<number, number>;

export const MARGIN = { top: 10, right: 12, bottom: 38, left: 56 };

/** Colour and dash for each data path: colour-blind-safe palette plus a dash pattern as second cue. */
export const PATH_STYLE: Record<string, { color: string; dash: string }> = {
  synthetic: { color: 'var(--color-path-synthetic)', dash: '' },
  emulated: { color: 'var(--color-path-emulated)', dash: '6 3' },
  sriov: { color: 'var(--color-path-sriov)', dash: '2 3' },
  control: { color: 'var(--color-path-control)', dash: '1 2' },
};

/** A rotating style for series that are not paths (VMs, partitions). */
const SERIES_COLORS = ['var(--color-path-synthetic)', 'var(--color-path-emulated)', 'var(--color-path-sriov)', 'var(--color-path-control)', 'var(--color-path-signal)', 'var(--color-accent)', 'var(--color-ok)', 'var(--color-danger)'];
const SERIES_DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4', '4 4', '3 1'];
export const seriesStyle = (i: number) => ({ color: SERIES_COLORS[i % SERIES_COLORS.length] as string, dash: SERIES_DASHES[Math.floor(i / SERIES_COLORS.length) % SERIES_DASHES.length] ?? '' });

/** Width of an element, tracked with ResizeObserver. */
export function useWidth<T extends HTMLElement>(initial = 360): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [w, setW] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const cw = Math.floor(entries[0]?.contentRect.width ?? initial);
      if (cw > 0) setW(cw);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [initial]);
  return [ref, w];
}

const textStyle = { fill: 'var(--color-muted)', fontSize: 11 } as const;
const axisLine = { stroke: 'var(--color-line)' } as const;

export function AxisBottom({ scale, y, label, format, ticks = 5, width }: { scale: NumScale; y: number; label: string; format: (v: number) => string; ticks?: number; width: number }) {
  const values = (scale as ScaleLinear<number, number>).ticks(ticks);
  return (
    <g transform={`translate(0,${y})`} aria-hidden="true">
      <line x1={MARGIN.left} x2={width - MARGIN.right} style={axisLine} />
      {values.map((v) => (
        <g key={v} transform={`translate(${scale(v)},0)`}>
          <line y2={4} style={axisLine} />
          <text y={15} textAnchor="middle" style={textStyle}>
            {format(v)}
          </text>
        </g>
      ))}
      <text x={(MARGIN.left + width - MARGIN.right) / 2} y={32} textAnchor="middle" style={{ ...textStyle, fill: 'var(--color-ink)' }}>
        {label}
      </text>
    </g>
  );
}

export function AxisBandBottom({ scale, y, label, format, width }: { scale: ScaleBand<string>; y: number; label: string; format: (v: string) => string; width: number }) {
  return (
    <g transform={`translate(0,${y})`} aria-hidden="true">
      <line x1={MARGIN.left} x2={width - MARGIN.right} style={axisLine} />
      {scale.domain().map((v) => (
        <text key={v} x={(scale(v) ?? 0) + scale.bandwidth() / 2} y={15} textAnchor="middle" style={textStyle}>
          {format(v)}
        </text>
      ))}
      <text x={(MARGIN.left + width - MARGIN.right) / 2} y={32} textAnchor="middle" style={{ ...textStyle, fill: 'var(--color-ink)' }}>
        {label}
      </text>
    </g>
  );
}

export function AxisLeft({ scale, height, label, format, ticks = 4 }: { scale: NumScale; height: number; label: string; format: (v: number) => string; ticks?: number }) {
  const values = (scale as ScaleLinear<number, number>).ticks(ticks);
  return (
    <g aria-hidden="true">
      <line x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={height - MARGIN.bottom} style={axisLine} />
      {values.map((v) => (
        <g key={v} transform={`translate(${MARGIN.left},${scale(v)})`}>
          <line x2={-4} style={axisLine} />
          <text x={-6} dy="0.32em" textAnchor="end" style={textStyle}>
            {format(v)}
          </text>
        </g>
      ))}
      <text transform={`translate(12,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`} textAnchor="middle" style={{ ...textStyle, fill: 'var(--color-ink)' }}>
        {label}
      </text>
    </g>
  );
}

/** A figure: heading, the chart, a legend and its source note. */
export function Figure({ title, children, legend, source, testId }: { title: string; children: ReactNode; legend?: ReactNode; source?: ReactNode; testId?: string }) {
  const id = useId();
  return (
    <figure aria-labelledby={id} className="m-0 rounded-lg border border-line bg-panel p-3" data-testid={testId}>
      <figcaption id={id} className="mb-1 flex items-start justify-between gap-2 text-sm font-bold text-ink">
        <span>{title}</span>
        {source}
      </figcaption>
      {children}
      {legend}
    </figure>
  );
}

export interface LegendItem {
  label: string;
  color: string;
  dash?: string;
}

export function Legend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="m-0 mt-1 flex list-none flex-wrap gap-x-3 gap-y-1 p-0 text-xs text-muted">
      {items.map((it) => (
        <li key={it.label} className="flex items-center gap-1">
          <svg width="22" height="8" aria-hidden="true">
            <line x1="1" x2="21" y1="4" y2="4" style={{ stroke: it.color, strokeWidth: 3, strokeDasharray: it.dash || undefined }} />
          </svg>
          {it.label}
        </li>
      ))}
    </ul>
  );
}

export interface LineSeries {
  id: string;
  label: string;
  color: string;
  dash?: string;
  points: [number, number][];
}

/** Lines over a shared x axis (time). */
export const LineChart = memo(function LineChart({ series, width, height = 170, xLabel, yLabel, xFormat, yFormat, description, step = false, xDomain }: {
  series: LineSeries[];
  width: number;
  height?: number;
  xLabel: string;
  yLabel: string;
  xFormat: (v: number) => string;
  yFormat: (v: number) => string;
  description: string;
  step?: boolean;
  xDomain?: [number, number];
}) {
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const x = scaleLinear()
    .domain(xDomain ?? [Math.min(...xs, 0), Math.max(...xs, 1)])
    .range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, Math.max(d3max(ys) ?? 0, 1e-9) * 1.1])
    .nice()
    .range([height - MARGIN.bottom, MARGIN.top]);
  const gen = line<[number, number]>()
    .x((p) => x(p[0]))
    .y((p) => y(p[1]))
    .curve(step ? curveStepAfter : curveLinear);
  return (
    <svg width={width} height={height} role="img" aria-label={description} className="block overflow-visible">
      <AxisLeft scale={y} height={height} label={yLabel} format={yFormat} />
      <AxisBottom scale={x} y={height - MARGIN.bottom} label={xLabel} format={xFormat} width={width} />
      {series.map((s) => (
        <path key={s.id} d={gen(s.points) ?? ''} data-series={s.id} style={{ fill: 'none', stroke: s.color, strokeWidth: 2, strokeDasharray: s.dash || undefined }}>
          <title>{s.label}</title>
        </path>
      ))}
    </svg>
  );
});

/** Latency distribution: one step line per series over log-spaced bins (µs on a log axis). */
export const LatencyHistogram = memo(function LatencyHistogram({ series, width, height = 170, xLabel, yLabel, description }: {
  series: { id: string; label: string; color: string; dash?: string; valuesNs: readonly number[] }[];
  width: number;
  height?: number;
  xLabel: string;
  yLabel: string;
  description: string;
}) {
  const all = series.flatMap((s) => s.valuesNs as number[]).filter((v) => v > 0);
  const lo = Math.max(100, Math.min(...all, 1_000));
  const hi = Math.max(lo * 10, Math.max(...all, 10_000) * 1.05);
  const x = scaleLog().domain([lo / 1000, hi / 1000]).range([MARGIN.left, width - MARGIN.right]);
  const thresholds = x.ticks(30).filter((t) => t > lo / 1000 && t < hi / 1000);
  const binsPer = series.map((s) => {
    const b = bin().domain([lo / 1000, hi / 1000]).thresholds(thresholds)(s.valuesNs.map((v) => v / 1000));
    const n = Math.max(1, s.valuesNs.length);
    return { s, points: b.flatMap((bb) => [[bb.x0 ?? 0, (bb.length / n) * 100] as [number, number], [bb.x1 ?? 0, (bb.length / n) * 100] as [number, number]]) };
  });
  const y = scaleLinear()
    .domain([0, Math.max(1, ...binsPer.flatMap((b) => b.points.map((p) => p[1])))])
    .nice()
    .range([height - MARGIN.bottom, MARGIN.top]);
  const gen = line<[number, number]>()
    .x((p) => x(Math.max(p[0], lo / 1000)))
    .y((p) => y(p[1]));
  return (
    <svg width={width} height={height} role="img" aria-label={description} className="block overflow-visible">
      <AxisLeft scale={y} height={height} label={yLabel} format={(v) => `${v}`} />
      <AxisBottom scale={x} y={height - MARGIN.bottom} label={xLabel} format={(v) => (x.tickFormat(6, '~s')(v) || '')} width={width} ticks={6} />
      {binsPer.map(({ s, points }) => (
        <path key={s.id} d={gen(points) ?? ''} data-series={s.id} style={{ fill: 'none', stroke: s.color, strokeWidth: 2, strokeDasharray: s.dash || undefined }}>
          <title>{s.label}</title>
        </path>
      ))}
    </svg>
  );
});

export interface BarGroup {
  key: string;
  label: string;
  bars: { id: string; label: string; value: number; color: string; title: string }[];
}

/** Grouped vertical bars (e.g. per path: exits, hypercalls, interrupts, copies per packet). */
export const GroupedBars = memo(function GroupedBars({ groups, width, height = 170, xLabel, yLabel, yFormat, description }: {
  groups: BarGroup[];
  width: number;
  height?: number;
  xLabel: string;
  yLabel: string;
  yFormat: (v: number) => string;
  description: string;
}) {
  const x = scaleBand<string>().domain(groups.map((g) => g.key)).range([MARGIN.left, width - MARGIN.right]).padding(0.2);
  const ids = groups[0]?.bars.map((b) => b.id) ?? [];
  const inner = scaleBand<string>().domain(ids).range([0, x.bandwidth()]).padding(0.08);
  const y = scaleLinear()
    .domain([0, Math.max(1e-9, ...groups.flatMap((g) => g.bars.map((b) => b.value))) * 1.1])
    .nice()
    .range([height - MARGIN.bottom, MARGIN.top]);
  const labels = new Map(groups.map((g) => [g.key, g.label]));
  return (
    <svg width={width} height={height} role="img" aria-label={description} className="block overflow-visible">
      <AxisLeft scale={y} height={height} label={yLabel} format={yFormat} />
      <AxisBandBottom scale={x} y={height - MARGIN.bottom} label={xLabel} format={(k) => labels.get(k) ?? k} width={width} />
      {groups.map((g) =>
        g.bars.map((b) => {
          const h = Math.max(0, height - MARGIN.bottom - y(b.value));
          return (
            <rect key={`${g.key}-${b.id}`} x={(x(g.key) ?? 0) + (inner(b.id) ?? 0)} y={y(b.value)} width={inner.bandwidth()} height={h} style={{ fill: b.color }} data-bar={`${g.key}:${b.id}`}>
              <title>{b.title}</title>
            </rect>
          );
        }),
      )}
    </svg>
  );
});

/** Stacked horizontal bars, one per row (e.g. cycles per packet by category, per configuration). */
export const StackedBars = memo(function StackedBars({ rows, segments, width, xLabel, xFormat, description }: {
  rows: { key: string; label: string; values: Record<string, number>; titles: Record<string, string> }[];
  segments: { id: string; label: string; color: string; pattern?: boolean }[];
  width: number;
  xLabel: string;
  xFormat: (v: number) => string;
  description: string;
}) {
  const rowH = 26;
  const left = 120;
  const height = MARGIN.top + rows.length * rowH + MARGIN.bottom;
  const total = (r: (typeof rows)[number]) => segments.reduce((a, s) => a + (r.values[s.id] ?? 0), 0);
  const x = scaleLinear()
    .domain([0, Math.max(1e-9, ...rows.map(total)) * 1.05])
    .nice()
    .range([left, width - MARGIN.right]);
  const ticks = x.ticks(5);
  return (
    <svg width={width} height={height} role="img" aria-label={description} className="block overflow-visible">
      {ticks.map((v) => (
        <g key={v} transform={`translate(${x(v)},0)`} aria-hidden="true">
          <line y1={MARGIN.top} y2={height - MARGIN.bottom} style={{ stroke: 'var(--color-line)', strokeDasharray: '2 3' }} />
          <text y={height - MARGIN.bottom + 14} textAnchor="middle" style={textStyle}>
            {xFormat(v)}
          </text>
        </g>
      ))}
      <text x={(left + width - MARGIN.right) / 2} y={height - 6} textAnchor="middle" style={{ ...textStyle, fill: 'var(--color-ink)' }} aria-hidden="true">
        {xLabel}
      </text>
      {rows.map((r, i) => {
        let acc = 0;
        const y = MARGIN.top + i * rowH;
        return (
          <g key={r.key} data-row={r.key}>
            <text x={left - 6} y={y + rowH / 2} dy="0.32em" textAnchor="end" style={{ ...textStyle, fill: 'var(--color-ink)' }}>
              {r.label}
            </text>
            {segments.map((s) => {
              const v = r.values[s.id] ?? 0;
              const x0 = x(acc);
              acc += v;
              const w = Math.max(0, x(acc) - x0);
              if (w <= 0) return null;
              return (
                <rect key={s.id} x={x0} y={y + 3} width={w} height={rowH - 6} style={{ fill: s.color, stroke: 'var(--color-panel)', strokeWidth: 1 }} data-segment={s.id} data-value={v}>
                  <title>{r.titles[s.id] ?? `${s.label}: ${xFormat(v)}`}</title>
                </rect>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
});

/** Horizontal meters (ring occupancy): value and peak per row, 0…1. */
export const Meters = memo(function Meters({ rows, width, description, format }: {
  rows: { key: string; label: string; value: number; peak: number; title: string }[];
  width: number;
  description: string;
  format: (v: number) => string;
}) {
  const rowH = 18;
  const left = 110;
  const height = rows.length * rowH + 4;
  const x = scaleLinear().domain([0, 1]).range([left, width - 48]);
  return (
    <svg width={width} height={height} role="img" aria-label={description} className="block overflow-visible">
      {rows.map((r, i) => (
        <g key={r.key} transform={`translate(0,${i * rowH + 2})`} data-meter={r.key}>
          <title>{r.title}</title>
          <text x={left - 6} y={rowH / 2} dy="0.32em" textAnchor="end" style={textStyle}>
            {r.label}
          </text>
          <rect x={left} y={3} width={x(1) - left} height={rowH - 6} style={{ fill: 'var(--color-raised)', stroke: 'var(--color-line)' }} />
          <rect x={left} y={3} width={Math.max(0, x(Math.min(1, r.value)) - left)} height={rowH - 6} style={{ fill: 'var(--color-accent)' }} />
          <line x1={x(Math.min(1, r.peak))} x2={x(Math.min(1, r.peak))} y1={1} y2={rowH - 1} style={{ stroke: 'var(--color-danger)', strokeWidth: 2 }} />
          <text x={x(1) + 4} y={rowH / 2} dy="0.32em" style={textStyle}>
            {format(r.value)}
          </text>
        </g>
      ))}
    </svg>
  );
});
