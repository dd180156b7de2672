/**
 * The judge of the routing: counts, from the laid-out geometry alone, every place where a drawn
 * edge runs across a node it does not connect, across a label, or across another edge.
 *
 * - Foreign node: a component, folded group, aggregate, placeholder or collapsed group that is not
 *   one of the edge's two ends. Touching a border is not crossing (1 flow unit of tolerance).
 * - The hypervisor band is foreign to the links that pass it (root device access, SR-IOV VFs)
 *   except inside a declared pass-through window, which carries its own label.
 * - Labels: zone titles (the top strip of each partition and of the hardware band) and the
 *   pass-through labels.
 * - Edge crossings and bends are counted for comparison only (a bus crossing a bus is allowed).
 */
import type { DiagramEdge, LayoutResult, Rect } from './types';

export interface IntersectionReport {
  /** Edge segments crossing a foreign node: "edge id × node id". */
  foreignNodes: string[];
  /** Edge segments crossing a label: "edge id × label". */
  labels: string[];
  /** Proper crossings between segments of different edges. */
  edgeCrossings: number;
  /** Corners over all drawn edges. */
  bends: number;
  edges: number;
}

const SOLID = new Set(['component', 'fold', 'aggregate', 'placeholder', 'collapsed']);
const TOL = 1;

/** Does the axis-aligned (or any) segment p→q pass through the inside of r (shrunk by TOL)? */
export function segmentHitsRect(px: number, py: number, qx: number, qy: number, r: Rect, tol = TOL): boolean {
  const x0 = r.x + tol, y0 = r.y + tol, x1 = r.x + r.w - tol, y1 = r.y + r.h - tol;
  if (x1 <= x0 || y1 <= y0) return false;
  // Liang–Barsky clipping.
  let t0 = 0, t1 = 1;
  const dx = qx - px, dy = qy - py;
  const clip = (p: number, q: number) => {
    if (p === 0) return q >= 0;
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
    return true;
  };
  if (!clip(-dx, px - x0) || !clip(dx, x1 - px) || !clip(-dy, py - y0) || !clip(dy, y1 - py)) return false;
  return t1 - t0 > 1e-9;
}

function segmentsCross(a: number[], b: number[]): boolean {
  const [ax, ay, bx, by] = a as [number, number, number, number];
  const [cx, cy, dx, dy] = b as [number, number, number, number];
  const o = (px: number, py: number, qx: number, qy: number, rx: number, ry: number) => Math.sign((qx - px) * (ry - py) - (qy - py) * (rx - px));
  const o1 = o(ax, ay, bx, by, cx, cy), o2 = o(ax, ay, bx, by, dx, dy);
  const o3 = o(cx, cy, dx, dy, ax, ay), o4 = o(cx, cy, dx, dy, bx, by);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

function segments(e: DiagramEdge): number[][] {
  const p = e.data?.points ?? [];
  const out: number[][] = [];
  for (let i = 0; i + 3 < p.length; i += 2) out.push([p[i] as number, p[i + 1] as number, p[i + 2] as number, p[i + 3] as number]);
  return out;
}

export function countIntersections(l: LayoutResult): IntersectionReport {
  const solid: { id: string; r: Rect; hv: boolean }[] = [];
  const labels: { id: string; r: Rect }[] = [];
  for (const n of l.nodes) {
    const r = l.rects.get(n.id);
    if (!r) continue;
    if (SOLID.has(n.data.role)) solid.push({ id: n.id, r, hv: n.data.kind === 'hypervisor' || n.data.foldTone === 'hv' });
    if (n.data.role === 'zone' && (n.data.zone === 'root' || n.data.zone === 'vm' || n.data.zone === 'hardware')) {
      const w = Math.min(r.w - 16, n.data.titleAlign === 'right' ? 130 : 220);
      labels.push({ id: `${n.id}:title`, r: { x: n.data.titleAlign === 'right' ? r.x + r.w - 8 - w : r.x + 8, y: r.y + 2, w, h: 26 } });
    }
  }
  for (const p of l.passThrough) labels.push({ id: `pass:${p.labelKey}`, r: p.label });
  const report: IntersectionReport = { foreignNodes: [], labels: [], edgeCrossings: 0, bends: 0, edges: 0 };
  const drawn = l.edges.filter((e) => !e.hidden);
  const segs = drawn.map(segments);
  drawn.forEach((e, i) => {
    report.edges++;
    report.bends += Math.max(0, (segs[i] as number[][]).length - 1);
    for (const s of segs[i] as number[][]) {
      const [px, py, qx, qy] = s as [number, number, number, number];
      for (const n of solid) {
        if (n.id === e.source || n.id === e.target) continue;
        if (!segmentHitsRect(px, py, qx, qy, n.r)) continue;
        if (n.hv && l.passThrough.some((w) => segmentInside(px, py, qx, qy, n.r, w.rect))) continue;
        report.foreignNodes.push(`${e.id} × ${n.id}`);
      }
      for (const lab of labels) if (segmentHitsRect(px, py, qx, qy, lab.r, 0)) report.labels.push(`${e.id} × ${lab.id}`);
    }
  });
  for (let i = 0; i < drawn.length; i++)
    for (let j = i + 1; j < drawn.length; j++)
      for (const a of segs[i] as number[][]) for (const b of segs[j] as number[][]) if (segmentsCross(a, b)) report.edgeCrossings++;
  report.foreignNodes = [...new Set(report.foreignNodes)];
  report.labels = [...new Set(report.labels)];
  return report;
}

/** The part of segment p→q inside band `band` lies within window `w` (x range) — a vertical pass. */
function segmentInside(px: number, py: number, qx: number, qy: number, band: Rect, w: Rect): boolean {
  if (px !== qx) return false;
  void py; void qy; void band;
  return px >= w.x && px <= w.x + w.w;
}
