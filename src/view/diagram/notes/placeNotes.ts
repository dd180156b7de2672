/**
 * Where the diagram's notes go ("because" notes and pending cues): a pure function of the laid-out
 * geometry, so notes never pile on each other, on a component or a label, or on the lanes packets
 * travel. Computed when the layout or the set of notes changes, never per frame.
 *
 * How: the layout's obstacles are rasterised once per layout onto a grid of CELL flow units
 * (conservatively: every cell an obstacle touches is blocked) and summed into a summed-area table,
 * so "is this box free?" is four array reads. Each note, in priority order, takes the free
 * position nearest to its component (distance between the note's box and the component's box);
 * notes already placed block the next ones. At most `max` notes show; the rest are listed behind
 * one "+k more" control, which is placed the same way. A note with no free place within
 * `maxDistance` of its component joins the hidden ones rather than being drawn over something.
 *
 * Obstacles: every drawn box (components, folded groups, aggregates, placeholders, the collapsed
 * group, frames, pass-through labels), each partition's title strip and its user/kernel-mode
 * captions, and every drawn edge widened by LANE_PAD on each side (the packets' glyphs).
 *
 * Units: flow units (1 = 1 CSS px at zoom 1), like the layout.
 */
import type { LayoutResult, Rect } from '../layout/types';

/** Grid resolution of the obstacle raster, flow units. */
export const CELL = 4;
/** Clearance around boxes and labels. */
export const BOX_PAD = 4;
/** Half-width kept free around each edge: packet glyphs are drawn up to ≈ 8 flow units from the line. */
export const LANE_PAD = 9;
/** Space kept between two notes. */
export const NOTE_GAP = 6;

export interface NoteBox {
  /** Stable key (the note's id). */
  id: string;
  /** Node id of the component the note is about (`LayoutResult.nodeOf`). */
  anchor: string;
  w: number;
  h: number;
}

export interface PlacedNote {
  id: string;
  rect: Rect;
  /** Leader line from the note's border to its component's border: x0, y0, x1, y1. */
  leader: [number, number, number, number];
}

export interface NotePlacement {
  shown: PlacedNote[];
  /** Ids of the notes behind "+k more", in priority order. */
  hidden: string[];
  /** Where the "+k more" control goes (null when nothing is hidden or it found no place). */
  more: Rect | null;
}

export interface PlaceOptions {
  /** Most notes shown at once (the rest go behind "+k more"). */
  max?: number;
  /** Size of the "+k more" control. */
  moreSize?: { w: number; h: number };
  /** Farthest a note may sit from its component (box to box), flow units. */
  maxDistance?: number;
}

/** The rasterised obstacles of one layout (build once per layout with `noteObstacles`). */
export interface ObstacleGrid {
  x0: number;
  y0: number;
  cols: number;
  rows: number;
  /** Summed-area table of blocked cells, (cols + 1) × (rows + 1). */
  sat: Int32Array;
  /** Node id → absolute rect (anchors). */
  rects: ReadonlyMap<string, Rect>;
}

const SOLID_ROLES = new Set(['component', 'fold', 'aggregate', 'placeholder', 'collapsed']);

/** The boxes and label strips a note must not cover (exact geometry; also the tests' judge). */
export function obstacleRects(l: Pick<LayoutResult, 'nodes' | 'rects' | 'passThrough'>): Rect[] {
  const out: Rect[] = [];
  for (const n of l.nodes) {
    const r = l.rects.get(n.id);
    if (!r) continue;
    const d = n.data;
    if (SOLID_ROLES.has(d.role) || n.type === 'frame' || n.type === 'passlabel') {
      out.push(r);
      continue;
    }
    if (d.role !== 'zone') continue;
    // The title row (name, adapter badge, drops, the fold button) across the partition's top.
    out.push({ x: r.x, y: r.y, w: r.w, h: 30 });
    if (d.userBand) {
      out.push({ x: r.x + 8, y: r.y + d.userBand.y + 4, w: 120, h: 18 });
      if (d.zone === 'vm') out.push({ x: r.x + 8, y: r.y + d.userBand.y + d.userBand.h - 20, w: 120, h: 18 });
    }
    if (d.kernelY != null) out.push({ x: r.x + 8, y: r.y + d.kernelY - 2, w: 120, h: 18 });
  }
  for (const p of l.passThrough) out.push(p.label);
  return out;
}

/** Every drawn edge's segments, x0, y0, x1, y1. */
export function laneSegments(l: Pick<LayoutResult, 'edges'>): number[][] {
  const out: number[][] = [];
  for (const e of l.edges) {
    if (e.hidden) continue;
    const p = e.data?.points ?? [];
    for (let i = 0; i + 3 < p.length; i += 2) out.push([p[i] as number, p[i + 1] as number, p[i + 2] as number, p[i + 3] as number]);
  }
  return out;
}

/** Rasterise a layout's obstacles (see the module comment). */
export function noteObstacles(l: Pick<LayoutResult, 'nodes' | 'rects' | 'passThrough' | 'edges' | 'bounds'>): ObstacleGrid {
  const b = l.bounds;
  const x0 = b.x;
  const y0 = b.y;
  // Whole cells only: a partial last cell would let a note end past the layout's bounds.
  const cols = Math.max(1, Math.floor(b.w / CELL));
  const rows = Math.max(1, Math.floor(b.h / CELL));
  const blocked = new Uint8Array(cols * rows);
  const mark = (x: number, y: number, w: number, h: number) => {
    const c0 = Math.max(0, Math.floor((x - x0) / CELL));
    const r0 = Math.max(0, Math.floor((y - y0) / CELL));
    const c1 = Math.min(cols - 1, Math.floor((x + w - x0) / CELL));
    const r1 = Math.min(rows - 1, Math.floor((y + h - y0) / CELL));
    for (let r = r0; r <= r1; r++) blocked.fill(1, r * cols + c0, r * cols + c1 + 1);
  };
  for (const r of obstacleRects(l)) mark(r.x - BOX_PAD, r.y - BOX_PAD, r.w + 2 * BOX_PAD, r.h + 2 * BOX_PAD);
  // Edges are orthogonal (or at least drawn as such); a diagonal segment blocks its bounding box.
  for (const [ax, ay, bx, by] of laneSegments(l) as [number, number, number, number][]) {
    mark(Math.min(ax, bx) - LANE_PAD, Math.min(ay, by) - LANE_PAD, Math.abs(bx - ax) + 2 * LANE_PAD, Math.abs(by - ay) + 2 * LANE_PAD);
  }
  const W = cols + 1;
  const sat = new Int32Array(W * (rows + 1));
  for (let r = 0; r < rows; r++) {
    let run = 0;
    for (let c = 0; c < cols; c++) {
      run += blocked[r * cols + c] as number;
      sat[(r + 1) * W + c + 1] = (sat[r * W + c + 1] as number) + run;
    }
  }
  return { x0, y0, cols, rows, sat, rects: l.rects };
}

/** Blocked cells in the cell range [c0, c1) × [r0, r1). */
function blockedIn(g: ObstacleGrid, c0: number, r0: number, c1: number, r1: number): number {
  const W = g.cols + 1;
  const s = g.sat;
  return (s[r1 * W + c1] as number) - (s[r0 * W + c1] as number) - (s[r1 * W + c0] as number) + (s[r0 * W + c0] as number);
}

/** Distance between two rects (0 when they touch or overlap). */
export function rectDistance(a: Rect, b: Rect): number {
  const dx = Math.max(0, a.x - (b.x + b.w), b.x - (a.x + a.w));
  const dy = Math.max(0, a.y - (b.y + b.h), b.y - (a.y + a.h));
  return Math.hypot(dx, dy);
}

export const overlaps = (a: Rect, b: Rect, gap = 0) =>
  a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;

/** The free position for a w × h box nearest to `anchor`, clear of `taken`; null if none within `maxDistance`. */
function nearestFree(g: ObstacleGrid, w: number, h: number, anchor: Rect, taken: readonly Rect[], maxDistance: number): Rect | null {
  const cw = Math.ceil(w / CELL);
  const ch = Math.ceil(h / CELL);
  if (cw > g.cols || ch > g.rows) return null;
  // Only cells whose box could lie within maxDistance of the anchor.
  const c0 = Math.max(0, Math.floor((anchor.x - maxDistance - w - g.x0) / CELL));
  const r0 = Math.max(0, Math.floor((anchor.y - maxDistance - h - g.y0) / CELL));
  const c1 = Math.min(g.cols - cw, Math.ceil((anchor.x + anchor.w + maxDistance - g.x0) / CELL));
  const r1 = Math.min(g.rows - ch, Math.ceil((anchor.y + anchor.h + maxDistance - g.y0) / CELL));
  let best: Rect | null = null;
  let bestCost = Infinity;
  // A box's cost is at least its distance from the anchor, and that at least its horizontal or
  // vertical gap alone: rows and cells whose gap already reaches the best cost so far are skipped
  // (they could not win: a win needs a strictly lower cost), so the result is the same as a full scan.
  const gap = (lo: number, size: number, aLo: number, aSize: number) => Math.max(0, aLo - (lo + size), lo - (aLo + aSize));
  for (let r = r0; r <= r1; r++) {
    if (gap(g.y0 + r * CELL, ch * CELL, anchor.y, anchor.h) >= bestCost) continue;
    for (let c = c0; c <= c1; c++) {
      if (gap(g.x0 + c * CELL, cw * CELL, anchor.x, anchor.w) >= bestCost) continue;
      if (blockedIn(g, c, r, c + cw, r + ch) > 0) continue;
      const box: Rect = { x: g.x0 + c * CELL, y: g.y0 + r * CELL, w: cw * CELL, h: ch * CELL };
      const d = rectDistance(box, anchor);
      if (d > maxDistance) continue;
      // Ties (and near-ties) prefer a box level with or above its component: the eye reads down.
      const cost = d + (box.y > anchor.y + anchor.h ? 2 : 0) + Math.abs(box.x + box.w / 2 - (anchor.x + anchor.w / 2)) * 0.02;
      if (cost >= bestCost) continue;
      if (taken.some((t) => overlaps(box, t, NOTE_GAP))) continue;
      best = box;
      bestCost = cost;
    }
  }
  return best;
}

/** The segment joining the nearest points of two rects (the note's leader line). */
function leaderBetween(a: Rect, b: Rect): [number, number, number, number] {
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
  // A point of b nearest to a's centre, then the point of a nearest to that.
  const bx = clamp(a.x + a.w / 2, b.x, b.x + b.w);
  const by = clamp(a.y + a.h / 2, b.y, b.y + b.h);
  return [clamp(bx, a.x, a.x + a.w), clamp(by, a.y, a.y + a.h), bx, by];
}

/**
 * Place `notes` (highest priority first) on the layout whose obstacles `grid` holds.
 * Deterministic: the same layout and notes give the same placement.
 */
export function placeNotes(grid: ObstacleGrid, notes: readonly NoteBox[], opts: PlaceOptions = {}): NotePlacement {
  const max = opts.max ?? 3;
  const moreSize = opts.moreSize ?? { w: 90, h: 26 };
  const maxDistance = opts.maxDistance ?? 400;
  const taken: Rect[] = [];
  const shown: PlacedNote[] = [];
  const hidden: string[] = [];
  for (const n of notes) {
    const anchor = grid.rects.get(n.anchor);
    if (shown.length >= max || !anchor) {
      hidden.push(n.id);
      continue;
    }
    const rect = nearestFree(grid, n.w, n.h, anchor, taken, maxDistance);
    if (!rect) {
      hidden.push(n.id);
      continue;
    }
    taken.push(rect);
    shown.push({ id: n.id, rect, leader: leaderBetween(rect, anchor) });
  }
  let more: Rect | null = null;
  if (hidden.length) {
    // Near the first hidden note's component, else near the last shown note, else anywhere.
    const first = notes.find((n) => n.id === hidden[0]);
    const near = (first && grid.rects.get(first.anchor)) ?? shown[shown.length - 1]?.rect ?? { x: grid.x0, y: grid.y0, w: 0, h: 0 };
    more = nearestFree(grid, moreSize.w, moreSize.h, near, taken, Infinity);
    if (!more && shown.length) {
      // No room anywhere: the last shown note gives its place to the control.
      const last = shown.pop() as PlacedNote;
      taken.pop();
      hidden.unshift(last.id);
      more = nearestFree(grid, moreSize.w, moreSize.h, last.rect, taken, Infinity);
    }
  }
  return { shown, hidden, more };
}
