import { describe, expect, it } from 'vitest';
import { blitBins, createScratch, spriteCell } from './drawPackets';
import { blit, clearPainted, createFrameBuffer, spriteFromRGBA, spritesFromSheet, unionBox, type Sprite } from './sprites';

/** RGBA bytes of a w × h image from a map of alpha values ('.' = 0, '#' = 255, 'x' = 128), colour r=1,g=2,b=3. */
function image(rows: string[]): { rgba: Uint8ClampedArray; w: number; h: number } {
  const h = rows.length;
  const w = (rows[0] as string).length;
  const rgba = new Uint8ClampedArray(w * h * 4);
  rows.forEach((row, y) =>
    [...row].forEach((c, x) => {
      const a = c === '#' ? 255 : c === 'x' ? 128 : 0;
      if (!a) return;
      rgba.set([1, 2, 3, a], (y * w + x) * 4);
    }),
  );
  return { rgba, w, h };
}

const OPAQUE = ((255 << 24) | (3 << 16) | (2 << 8) | 1) >>> 0;
const HALF = ((128 << 24) | (3 << 16) | (2 << 8) | 1) >>> 0;

function diamond(): Sprite {
  const { rgba, w, h } = image(['..x..', '.x#x.', 'x###x', '.x#x.', '..x..']);
  return spriteFromRGBA(rgba, w, h);
}

describe('sprites', () => {
  it('packs RGBA into words with per-row spans and opaque inner runs', () => {
    const s = diamond();
    expect([s.w, s.h, s.cx, s.cy]).toEqual([5, 5, 2, 2]);
    expect(s.px[2 * 5 + 2]).toBe(OPAQUE);
    expect(s.px[0]).toBe(0);
    expect(s.px[2]).toBe(HALF);
    expect([...s.rowStart]).toEqual([2, 1, 0, 1, 2]);
    expect([...s.rowEnd]).toEqual([3, 4, 5, 4, 3]);
    expect([...s.innerStart].map((a, y) => (s.innerEnd[y] as number) - a)).toEqual([0, 1, 3, 1, 0]);
    expect(s.innerStart[2]).toBe(1);
  });

  it('an empty row has start ≥ end', () => {
    const { rgba, w, h } = image(['...', '.#.', '...']);
    const s = spriteFromRGBA(rgba, w, h);
    expect((s.rowStart[0] as number) >= (s.rowEnd[0] as number)).toBe(true);
    expect([s.rowStart[1], s.rowEnd[1]]).toEqual([1, 2]);
  });

  it('cuts a sheet of cells into one sprite per cell', () => {
    // Two 2×2 cells side by side: the first has its top-left pixel set, the second its bottom-right.
    const { rgba } = image(['#...', '...#']);
    const [a, b] = spritesFromSheet(rgba, 2, 2) as [Sprite, Sprite];
    expect([...a.px]).toEqual([OPAQUE, 0, 0, 0]);
    expect([...b.px]).toEqual([0, 0, 0, OPAQUE]);
  });

  it('blits centred on the pixel that holds the point and tracks the painted box', () => {
    const fb = createFrameBuffer(10, 8);
    blit(fb, diamond(), 4.7, 3.2);
    // Centre pixel (2, 2) of the sprite lands on (4, 3).
    expect(fb.px[3 * 10 + 4]).toBe(OPAQUE);
    expect(fb.px[1 * 10 + 4]).toBe(HALF);
    expect(fb.px[1 * 10 + 3]).toBe(0);
    expect([fb.x0, fb.y0, fb.x1, fb.y1]).toEqual([2, 1, 7, 6]);
  });

  it('clips at every edge without writing outside the buffer', () => {
    const fb = createFrameBuffer(4, 4);
    const s = diamond();
    for (const [x, y] of [[0, 0], [3.9, 3.9], [-1, 2], [2, -1], [4.5, 1], [-3, -3], [20, 20]] as const) blit(fb, s, x, y);
    expect(fb.px.length).toBe(16);
    expect(fb.px[0]).toBe(OPAQUE);
    expect(fb.x0 >= 0 && fb.y0 >= 0 && fb.x1 <= 4 && fb.y1 <= 4).toBe(true);
  });

  it('keeps the more opaque pixel, so an anti-aliased edge never erases a neighbour', () => {
    const fb = createFrameBuffer(10, 10);
    const s = diamond();
    blit(fb, s, 4, 4);
    blit(fb, s, 5, 4); // its left edge (alpha 128) falls on the first glyph's opaque centre row
    expect(fb.px[4 * 10 + 4]).toBe(OPAQUE);
    expect(fb.px[4 * 10 + 3]).toBe(OPAQUE);
  });

  it('clears only the painted box and resets it', () => {
    const fb = createFrameBuffer(10, 10);
    fb.px[99] = 7; // outside anything painted: left alone
    blit(fb, diamond(), 4, 4);
    clearPainted(fb);
    expect(fb.px.slice(0, 99).every((v) => v === 0)).toBe(true);
    expect(fb.px[99]).toBe(7);
    expect(fb.x0 >= fb.x1).toBe(true);
  });

  it('unions boxes, ignoring empty ones and clipping to the canvas', () => {
    expect(unionBox([0, 0, 0, 0], [0, 0, 0, 0], 10, 10)).toBeNull();
    expect(unionBox([10, 10, 0, 0], [2, 3, 4, 5], 10, 10)).toEqual([2, 3, 4, 5]);
    expect(unionBox([1, 1, 3, 3], [2, 2, 20, 4], 10, 10)).toEqual([1, 1, 10, 4]);
    expect(unionBox([-5, -5, 2, 2], [0, 0, 0, 0], 10, 10)).toEqual([0, 0, 2, 2]);
  });
});

describe('blitBins', () => {
  function scratchAt(points: [x: number, y: number, path: number][]) {
    const s = createScratch(4);
    s.n = points.length;
    if (s.ids.length < points.length) throw new Error('test scratch too small');
    points.forEach(([x, y, p], i) => {
      s.xy[2 * i] = x;
      s.xy[2 * i + 1] = y;
      (s.bins[p] as Int32Array)[s.binCount[p] as number] = i;
      s.binCount[p] = (s.binCount[p] as number) + 1;
    });
    return s;
  }

  it('skips a glyph of the same path on a device pixel already blitted, not one of another path', () => {
    const fb = createFrameBuffer(40, 40);
    const d = diamond();
    const sprites = [d, d, d, d];
    const s = scratchAt([
      [10.2, 10.1, 0],
      [10.7, 10.9, 0], // same device pixel, same path: skipped
      [10.2, 10.1, 1], // same pixel, another path: drawn
      [20, 20, 0],
    ]);
    expect(blitBins(fb, s, sprites, 1)).toBe(3);
    // Same pixel at dpr 2 is two different device pixels.
    expect(blitBins(createFrameBuffer(80, 80), s, sprites, 2)).toBe(4);
  });

  it('gives the same pixels as blitting every glyph', () => {
    const d = diamond();
    const pts: [number, number, number][] = [];
    for (let i = 0; i < 4; i++) pts.push([5 + (i % 2) * 0.3, 5, i % 2], [12, 7 + i * 0.1, 0]);
    const s = scratchAt(pts.slice(0, 4));
    const a = createFrameBuffer(20, 20);
    blitBins(a, s, [d, d, d, d], 1);
    const b = createFrameBuffer(20, 20);
    for (let p = 0; p < 4; p++) for (let j = 0; j < (s.binCount[p] as number); j++) {
      const i = (s.bins[p] as Int32Array)[j] as number;
      blit(b, d, s.xy[2 * i] as number, s.xy[2 * i + 1] as number);
    }
    expect([...a.px]).toEqual([...b.px]);
  });

  it('sizes a sprite cell for the widest glyph and the ring stroke, odd so the centre is a pixel', () => {
    for (const size of [4, 6, 7.5]) for (const dpr of [1, 1.5, 2]) {
      const cell = spriteCell(size, dpr);
      expect(cell % 2).toBe(1);
      expect(cell).toBeGreaterThanOrEqual(Math.ceil(size * 2.5 * dpr) + 1);
    }
  });
});
