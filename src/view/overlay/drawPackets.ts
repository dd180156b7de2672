/**
 * Drawing all packets of one frame: one pass computes screen positions (culling what is
 * off-screen), a second pass bins indices per path; then the live overlay blits one pre-drawn
 * sprite per packet into a frame buffer (`blitBins`, sprites.ts), skipping exact repeats. No
 * allocation per packet; buffers grow and are reused.
 *
 * `drawBins` (one beginPath + one fill or stroke per path) draws the vector glyphs: the overlay
 * uses it to draw its sprite sheet (`drawSpriteSheet`), so sprites are exactly these shapes.
 * Triangles and diamonds are left open: fill() closes every subpath implicitly, and an explicit
 * closePath() per glyph costs seconds per thousand frames in Chromium on large paths (measured).
 *
 * Shapes are the second cue beside colour: synthetic ■, emulated ▲, SR-IOV ◆, control ○ (a
 * stroked ring; drawn as a hollow square above ARC_LIMIT control packets when drawn as paths).
 */
import type { InFlightBuffer } from '../../engine/types';
import { positionAt, type LinkTable } from './linkTable';
import { blit, type FrameBuffer, type Sprite } from './sprites';

export const PATH_SHAPES = ['square', 'triangle', 'diamond', 'ring'] as const;
export const ARC_LIMIT = 2000;

export interface View {
  /** React Flow transform: screen = flow × k + (tx, ty), in CSS px. */
  tx: number;
  ty: number;
  k: number;
  /** Canvas size in CSS px. */
  width: number;
  height: number;
  dpr: number;
}

/** Reusable per-frame scratch: screen positions and per-path index bins. */
export interface DrawScratch {
  /** Screen x, y (CSS px) per in-flight entry; NaN when culled. Kept for click picking. */
  xy: Float32Array;
  ids: Int32Array;
  n: number;
  bins: Int32Array[];
  binCount: Int32Array;
  flow: Float32Array;
  /** Open-addressing set of (device pixel, path) keys blitted this frame (-1 = free), a power of two ≥ 2 × capacity. */
  seen: Int32Array;
  /** Visible entries that stand for several frames (an LSO large send, an RSC-coalesced receive): drawn as a double glyph. */
  big: Int32Array;
  bigCount: number;
}

export function createScratch(capacity = 4096): DrawScratch {
  return {
    xy: new Float32Array(capacity * 2),
    ids: new Int32Array(capacity),
    n: 0,
    bins: [0, 1, 2, 3].map(() => new Int32Array(capacity)),
    binCount: new Int32Array(4),
    flow: new Float32Array(2),
    seen: new Int32Array(seenSize(capacity)),
    big: new Int32Array(capacity),
    bigCount: 0,
  };
}

const seenSize = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(16, n * 2)));

function ensure(s: DrawScratch, n: number) {
  if (s.ids.length >= n) return;
  let cap = s.ids.length;
  while (cap < n) cap *= 2;
  s.xy = new Float32Array(cap * 2);
  s.ids = new Int32Array(cap);
  s.bins = [0, 1, 2, 3].map(() => new Int32Array(cap));
  s.seen = new Int32Array(seenSize(cap));
  s.big = new Int32Array(cap);
}

/** Half-size of a packet glyph in CSS px for a zoom level: readable when zoomed out, not huge when zoomed in. */
export function glyphSize(k: number): number {
  return Math.max(4, Math.min(7.5, 6 * Math.sqrt(k)));
}

/**
 * Compute screen positions of every in-flight entry (culling off-screen ones) into scratch.
 * Returns how many are visible.
 */
export function project(buf: InFlightBuffer, table: LinkTable, view: View, s: DrawScratch): number {
  const n = buf.count;
  ensure(s, n);
  s.n = n;
  s.binCount.fill(0);
  s.bigCount = 0;
  const { tx, ty, k, width, height } = view;
  const m = 12;
  let visible = 0;
  const f = s.flow;
  for (let i = 0; i < n; i++) {
    s.ids[i] = buf.packetId[i] as number;
    if (!positionAt(table, buf.link[i] as number, buf.progress[i] as number, buf.packetId[i] as number, f, 0)) {
      s.xy[2 * i] = NaN;
      s.xy[2 * i + 1] = NaN;
      continue;
    }
    const x = (f[0] as number) * k + tx;
    const y = (f[1] as number) * k + ty;
    if (x < -m || y < -m || x > width + m || y > height + m) {
      s.xy[2 * i] = NaN;
      s.xy[2 * i + 1] = NaN;
      continue;
    }
    s.xy[2 * i] = x;
    s.xy[2 * i + 1] = y;
    const p = (buf.path[i] as number) & 3;
    if (buf.frames && (buf.frames[i] as number) > 1) s.big[s.bigCount++] = i;
    const bin = s.bins[p] as Int32Array;
    bin[s.binCount[p] as number] = i;
    s.binCount[p] = (s.binCount[p] as number) + 1;
    visible++;
  }
  return visible;
}

/** Minimal canvas surface used here (a CanvasRenderingContext2D satisfies it; tests pass a recorder). */
export type Ctx2D = Pick<
  CanvasRenderingContext2D,
  'beginPath' | 'rect' | 'moveTo' | 'lineTo' | 'arc' | 'fill' | 'stroke' | 'setTransform' | 'clearRect'
> & { fillStyle: CanvasRenderingContext2D['fillStyle']; strokeStyle: CanvasRenderingContext2D['strokeStyle']; lineWidth: number };

/** Draw the binned packets: one path and one fill/stroke per path kind. `colors` follow PATH_KINDS. */
export function drawBins(ctx: Ctx2D, s: DrawScratch, colors: readonly string[], size: number) {
  const xy = s.xy;
  for (let p = 0; p < 4; p++) {
    const count = s.binCount[p] as number;
    if (!count) continue;
    const bin = s.bins[p] as Int32Array;
    ctx.beginPath();
    if (p === 0) {
      const w = size * 1.7;
      for (let j = 0; j < count; j++) {
        const i = bin[j] as number;
        ctx.rect((xy[2 * i] as number) - w / 2, (xy[2 * i + 1] as number) - w / 2, w, w);
      }
    } else if (p === 1) {
      const a = size * 1.15;
      for (let j = 0; j < count; j++) {
        const i = bin[j] as number;
        const x = xy[2 * i] as number;
        const y = xy[2 * i + 1] as number;
        ctx.moveTo(x, y - a);
        ctx.lineTo(x + a, y + a * 0.8);
        ctx.lineTo(x - a, y + a * 0.8);
      }
    } else if (p === 2) {
      const a = size * 1.25;
      for (let j = 0; j < count; j++) {
        const i = bin[j] as number;
        const x = xy[2 * i] as number;
        const y = xy[2 * i + 1] as number;
        ctx.moveTo(x, y - a);
        ctx.lineTo(x + a, y);
        ctx.lineTo(x, y + a);
        ctx.lineTo(x - a, y);
      }
    } else {
      const r = size * 1.1;
      const arcs = count <= ARC_LIMIT;
      for (let j = 0; j < count; j++) {
        const i = bin[j] as number;
        const x = xy[2 * i] as number;
        const y = xy[2 * i + 1] as number;
        if (arcs) {
          ctx.moveTo(x + r, y);
          ctx.arc(x, y, r, 0, Math.PI * 2);
        } else ctx.rect(x - r, y - r, 2 * r, 2 * r);
      }
    }
    if (p === 3) {
      ctx.strokeStyle = colors[p] as string;
      ctx.lineWidth = Math.max(1.5, size * 0.55);
      ctx.stroke();
    } else {
      ctx.fillStyle = colors[p] as string;
      ctx.fill();
    }
  }
}

/** Index (into the in-flight buffer) of the visible packet nearest to (x, y) within `radius` CSS px, or -1. */
export function nearest(s: DrawScratch, x: number, y: number, radius: number): number {
  let best = -1;
  let bestD = radius * radius;
  const xy = s.xy;
  for (let i = 0; i < s.n; i++) {
    const px = xy[2 * i] as number;
    if (px !== px) continue;
    const dx = px - x;
    const dy = (xy[2 * i + 1] as number) - y;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** Side of one sprite cell in device px for a glyph half-size (room for the widest glyph and the ring's stroke). */
export function spriteCell(size: number, dpr: number): number {
  return Math.ceil((size * 2.6 + Math.max(1.5, size * 0.55) + 2) * dpr) | 1;
}

/**
 * Draw the four path glyphs once, side by side, with drawBins itself (so the sprites are exactly
 * the vector shapes), onto `ctx` whose canvas is at least 4·cell × cell device px. Returns the cell.
 */
export function drawSpriteSheet(ctx: Ctx2D, size: number, dpr: number, colors: readonly string[]): number {
  const cell = spriteCell(size, dpr);
  const s = createScratch(4);
  s.n = 4;
  for (let p = 0; p < 4; p++) {
    s.xy[2 * p] = (p * cell + (cell >> 1) + 0.5) / dpr;
    s.xy[2 * p + 1] = ((cell >> 1) + 0.5) / dpr;
    (s.bins[p] as Int32Array)[0] = p;
    s.binCount[p] = 1;
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, (4 * cell) / dpr, cell / dpr);
  drawBins(ctx, s, colors, size);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  return cell;
}

/**
 * Blit the binned packets (path order, so control rings end on top) as sprites at `dpr` device px
 * per CSS px. A glyph of the same path on the same device pixel as one already blitted this frame
 * would write exactly the same pixels again (the blit is idempotent), so it is skipped: packets
 * queue up on the same spots, and about half of them do at 10,000 in flight. Returns the blits.
 */
export function blitBins(fb: FrameBuffer, s: DrawScratch, sprites: readonly Sprite[], dpr: number): number {
  const xy = s.xy;
  const seen = s.seen;
  const mask = seen.length - 1;
  const shift = 32 - Math.log2(seen.length);
  seen.fill(-1);
  let blits = 0;
  for (let p = 0; p < 4; p++) {
    const count = s.binCount[p] as number;
    const sprite = sprites[p];
    if (!count || !sprite) continue;
    const bin = s.bins[p] as Int32Array;
    for (let j = 0; j < count; j++) {
      const i = bin[j] as number;
      const x = Math.floor((xy[2 * i] as number) * dpr);
      const y = Math.floor((xy[2 * i + 1] as number) * dpr);
      if (x >= 0 && y >= 0 && x < fb.width && y < fb.height) {
        const key = (y * fb.width + x) * 4 + p;
        let h = Math.imul(key, 0x9e3779b1) >>> shift;
        let hit = false;
        for (;;) {
          const k = seen[h] as number;
          if (k === -1) {
            seen[h] = key;
            break;
          }
          if (k === key) {
            hit = true;
            break;
          }
          h = (h + 1) & mask;
        }
        if (hit) continue;
      }
      blit(fb, sprite, x, y);
      blits++;
    }
  }
  return blits;
}

/**
 * A packet that stands for several frames (an LSO large send, an RSC-coalesced receive; issue 11)
 * gets a second glyph of its path behind it, offset up and to the right, so a group reads as a
 * stack (a shape cue, not colour alone). Only grouped packets, so 10,000 ordinary ones cost nothing.
 */
export function blitBig(fb: FrameBuffer, s: DrawScratch, buf: InFlightBuffer, sprites: readonly Sprite[], dpr: number, size: number): number {
  const off = Math.round(size * 0.9 * dpr);
  let n = 0;
  for (let j = 0; j < s.bigCount; j++) {
    const i = s.big[j] as number;
    const sprite = sprites[(buf.path[i] as number) & 3];
    if (!sprite) continue;
    const x = Math.floor((s.xy[2 * i] as number) * dpr);
    const y = Math.floor((s.xy[2 * i + 1] as number) * dpr);
    blit(fb, sprite, x + off, y - off);
    n++;
  }
  return n;
}
