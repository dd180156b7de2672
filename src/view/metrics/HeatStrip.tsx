/**
 * The per-LP heat strip (utilisation over time, one row per logical processor). The labels and
 * background are SVG like the other charts; the cells are painted on a canvas laid over it. As SVG
 * the strip was up to 120 columns × 16+ rows of `<rect><title>` re-created on every poll (the
 * window slides, and until it is full every column narrows), which made the metrics panel's polls
 * the longest frames of the page at 10,000 packets in flight (issue 13). The canvas paints the same
 * cells (same place, size, colour and opacity) in well under a millisecond; a cell's tooltip is the
 * canvas' `title`, set for the cell under the pointer, with the same text the `<title>` had.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { MARGIN } from './charts';
import { watchTheme } from '../overlay/theme';

const textStyle = { fill: 'var(--color-muted)', fontSize: 11 } as const;
/** Cells at or below this utilisation are not painted (the background shows). */
const MIN_SHOWN = 0.005;

export interface HeatStripProps {
  rows: number;
  /** columns[c][r] = utilisation 0…1 */
  columns: number[][];
  width: number;
  rowLabel: (r: number) => string;
  xLabel: string;
  description: string;
  cellTitle: (c: number, r: number, v: number) => string;
}

export const HeatStrip = memo(function HeatStrip({ rows, columns, width, rowLabel, xLabel, description, cellTitle }: HeatStripProps) {
  const rowH = rows > 16 ? 6 : 12;
  const height = MARGIN.top + rows * rowH + 24;
  const left = MARGIN.left;
  const plotW = width - left - MARGIN.right;
  const plotH = rows * rowH;
  const n = Math.max(1, columns.length);
  const cw = plotW / n;
  const canvas = useRef<HTMLCanvasElement>(null);
  const latest = useRef({ columns, cw, rowH, cellTitle });
  latest.current = { columns, cw, rowH, cellTitle };

  const paint = useCallback(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const { columns: cols, cw: w, rowH: h } = latest.current;
    const dpr = window.devicePixelRatio || 1;
    const bw = Math.max(1, Math.round(plotW * dpr));
    const bh = Math.max(1, Math.round(plotH * dpr));
    if (el.width !== bw || el.height !== bh) {
      el.width = bw;
      el.height = bh;
    } else ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, bw, bh);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = getComputedStyle(el).getPropertyValue('--color-danger').trim() || '#c00';
    const cellW = Math.max(1, w - 0.5);
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c]!;
      for (let r = 0; r < col.length; r++) {
        const v = col[r]!;
        if (!(v > MIN_SHOWN)) continue;
        ctx.globalAlpha = Math.min(1, 0.12 + v * 0.88);
        ctx.fillRect(c * w, r * h, cellW, h - 1);
      }
    }
    ctx.globalAlpha = 1;
  }, [plotW, plotH]);

  useLayoutEffect(paint, [paint, columns, rows]);
  useEffect(() => watchTheme(paint), [paint]);

  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const el = e.currentTarget;
    const { columns: cols, cw: w, rowH: h, cellTitle: title } = latest.current;
    const box = el.getBoundingClientRect();
    const x = e.clientX - box.left;
    const y = e.clientY - box.top;
    const c = Math.floor(x / w);
    const r = Math.floor(y / h);
    const v = cols[c]?.[r];
    const inside = v !== undefined && v > MIN_SHOWN && x - c * w < Math.max(1, w - 0.5) && y - r * h < h - 1;
    const text = inside ? title(c, r, v) : '';
    if (el.title !== text) el.title = text;
  };

  return (
    <div className="relative" style={{ width }}>
      <svg width={width} height={height} role="img" aria-label={description} className="block overflow-visible">
        <rect x={left} y={MARGIN.top} width={plotW} height={plotH} style={{ fill: 'var(--color-raised)' }} />
        {Array.from({ length: rows }, (_, r) =>
          rows <= 16 || r % 4 === 0 ? (
            <text key={r} x={left - 6} y={MARGIN.top + r * rowH + rowH / 2} dy="0.32em" textAnchor="end" style={{ ...textStyle, fontSize: rows > 16 ? 9 : 11 }} aria-hidden="true">
              {rowLabel(r)}
            </text>
          ) : null,
        )}
        <text x={(left + width - MARGIN.right) / 2} y={height - 6} textAnchor="middle" style={{ ...textStyle, fill: 'var(--color-ink)' }} aria-hidden="true">
          {xLabel}
        </text>
      </svg>
      <canvas ref={canvas} aria-hidden="true" data-testid="heat-cells" className="absolute" style={{ left, top: MARGIN.top, width: plotW, height: plotH }} onMouseMove={onMove} />
    </div>
  );
});
