/**
 * Packet glyphs as pixel sprites, copied into one frame buffer that the overlay hands to the
 * canvas with a single `putImageData` over the changed rectangle.
 *
 * Why not canvas paths or `drawImage`: on a software-rendered canvas (no GPU, as on the classroom
 * laptops and the 2-core bench machine) filling 10,000 anti-aliased subpaths cost ≈18 ms of
 * rasterisation a frame, and 10,000 `drawImage` calls ≈28 ms (≈2.8 µs a call); copying each
 * glyph's ≈150 pixels in a typed-array loop costs well under 1 µs a glyph (bench/README.md).
 *
 * A sprite is the glyph drawn once by the canvas itself (same shapes and theme colours as before,
 * see `renderSprites` in PacketOverlay), read back as unpremultiplied RGBA words, with per-row
 * spans of its non-transparent pixels. Blitting keeps, per pixel, the more opaque of glyph and
 * buffer (a later glyph wins ties), so anti-aliased edges never punch holes into a neighbour.
 * Everything here is pure (typed arrays in, typed arrays out) and unit-tested.
 */

export interface Sprite {
  w: number;
  h: number;
  /** Pixel of the glyph's centre inside the sprite (the blit puts it on the packet's position). */
  cx: number;
  cy: number;
  /** w × h RGBA words (little-endian: alpha in the top byte), 0 = transparent. */
  px: Uint32Array;
  /** Per row: first and one-past-last non-transparent column (start ≥ end: empty row). */
  rowStart: Int16Array;
  rowEnd: Int16Array;
  /** Per row: the run of fully opaque pixels inside [rowStart, rowEnd), copied without a test. */
  innerStart: Int16Array;
  innerEnd: Int16Array;
}

/** A sprite from w × h RGBA bytes (as `getImageData` returns them), centre at (cx, cy). */
export function spriteFromRGBA(rgba: Uint8ClampedArray | Uint8Array, w: number, h: number, cx = w >> 1, cy = h >> 1): Sprite {
  const px = new Uint32Array(w * h);
  const rowStart = new Int16Array(h);
  const rowEnd = new Int16Array(h);
  const innerStart = new Int16Array(h);
  const innerEnd = new Int16Array(h);
  for (let y = 0; y < h; y++) {
    let first = w;
    let last = -1;
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 4;
      const a = rgba[o + 3] as number;
      if (a === 0) continue;
      px[y * w + x] = (((a << 24) | ((rgba[o + 2] as number) << 16) | ((rgba[o + 1] as number) << 8) | (rgba[o] as number)) >>> 0);
      if (x < first) first = x;
      last = x;
    }
    rowStart[y] = first;
    rowEnd[y] = last + 1;
    // The longest run of alpha-255 pixels in the row (empty: start = end = rowStart).
    let best = 0;
    innerStart[y] = innerEnd[y] = first;
    for (let x = first; x <= last; ) {
      if ((rgba[(y * w + x) * 4 + 3] as number) !== 255) {
        x++;
        continue;
      }
      let e = x;
      while (e <= last && (rgba[(y * w + e) * 4 + 3] as number) === 255) e++;
      if (e - x > best) {
        best = e - x;
        innerStart[y] = x;
        innerEnd[y] = e;
      }
      x = e;
    }
  }
  return { w, h, cx, cy, px, rowStart, rowEnd, innerStart, innerEnd };
}

/** A frame buffer the size of the canvas backing store, and the box painted into it since the last clear. */
export interface FrameBuffer {
  width: number;
  height: number;
  /** width × height RGBA words (a view on an ImageData's bytes in the browser). */
  px: Uint32Array;
  /** Painted box, device px, half-open [x0, x1) × [y0, y1); empty when x0 ≥ x1. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function createFrameBuffer(width: number, height: number, px: Uint32Array = new Uint32Array(width * height)): FrameBuffer {
  if (px.length < width * height) throw new Error(`frame buffer: ${px.length} words for ${width}×${height}`);
  return { width, height, px, x0: width, y0: height, x1: 0, y1: 0 };
}

/** Zero the painted box (cheaper than clearing the whole buffer when packets sit in one area). */
export function clearPainted(fb: FrameBuffer) {
  if (fb.x0 < fb.x1 && fb.y0 < fb.y1) {
    for (let y = fb.y0; y < fb.y1; y++) fb.px.fill(0, y * fb.width + fb.x0, y * fb.width + fb.x1);
  }
  fb.x0 = fb.width;
  fb.y0 = fb.height;
  fb.x1 = 0;
  fb.y1 = 0;
}

/** Copy `s` so that its centre pixel lands on the device pixel containing (x, y), clipped to the buffer. */
export function blit(fb: FrameBuffer, s: Sprite, x: number, y: number) {
  const left = Math.floor(x) - s.cx;
  const top = Math.floor(y) - s.cy;
  const W = fb.width;
  const dst = fb.px;
  const src = s.px;
  const sw = s.w;
  let ya = top < 0 ? -top : 0;
  let yb = s.h;
  if (top + yb > fb.height) yb = fb.height - top;
  if (ya >= yb) return;
  const xa = left < 0 ? -left : 0;
  const xb = left + sw > W ? W - left : sw;
  if (xa >= xb) return;
  let minX = sw;
  let maxX = 0;
  let firstRow = -1;
  let lastRow = -1;
  for (; ya < yb; ya++) {
    let a = s.rowStart[ya] as number;
    let b = s.rowEnd[ya] as number;
    if (a < xa) a = xa;
    if (b > xb) b = xb;
    if (a >= b) continue;
    if (firstRow < 0) firstRow = ya;
    lastRow = ya;
    if (a < minX) minX = a;
    if (b > maxX) maxX = b;
    const so = ya * sw;
    const d = (top + ya) * W + left;
    let ia = s.innerStart[ya] as number;
    let ib = s.innerEnd[ya] as number;
    if (ia < a) ia = a;
    if (ib > b) ib = b;
    if (ia > ib) ia = ib = b;
    // Edges: the more opaque one wins (a later glyph on ties), so edges never erase a neighbour.
    for (let i = a; i < ia; i++) {
      const v = src[so + i] as number;
      if (v >>> 24 >= (dst[d + i] as number) >>> 24) dst[d + i] = v;
    }
    for (let i = ia; i < ib; i++) dst[d + i] = src[so + i] as number;
    for (let i = ib; i < b; i++) {
      const v = src[so + i] as number;
      if (v >>> 24 >= (dst[d + i] as number) >>> 24) dst[d + i] = v;
    }
  }
  if (firstRow < 0) return;
  if (left + minX < fb.x0) fb.x0 = left + minX;
  if (left + maxX > fb.x1) fb.x1 = left + maxX;
  if (top + firstRow < fb.y0) fb.y0 = top + firstRow;
  if (top + lastRow + 1 > fb.y1) fb.y1 = top + lastRow + 1;
}

/** Union of two half-open boxes [x0, y0, x1, y1] (empty ones ignored), clipped to w × h; null if both empty. */
export function unionBox(a: readonly number[], b: readonly number[], w: number, h: number): [number, number, number, number] | null {
  const ea = !(a[0]! < a[2]! && a[1]! < a[3]!);
  const eb = !(b[0]! < b[2]! && b[1]! < b[3]!);
  if (ea && eb) return null;
  const x0 = Math.max(0, Math.min(ea ? Infinity : a[0]!, eb ? Infinity : b[0]!));
  const y0 = Math.max(0, Math.min(ea ? Infinity : a[1]!, eb ? Infinity : b[1]!));
  const x1 = Math.min(w, Math.max(ea ? -Infinity : a[2]!, eb ? -Infinity : b[2]!));
  const y1 = Math.min(h, Math.max(ea ? -Infinity : a[3]!, eb ? -Infinity : b[3]!));
  return x0 < x1 && y0 < y1 ? [x0, y0, x1, y1] : null;
}

/** Cut `count` square cells of side `cell`, side by side in a (count·cell) × cell RGBA sheet, into sprites. */
export function spritesFromSheet(rgba: Uint8ClampedArray | Uint8Array, cell: number, count = 4): Sprite[] {
  const out: Sprite[] = [];
  const rowBytes = count * cell * 4;
  for (let p = 0; p < count; p++) {
    const bytes = new Uint8ClampedArray(cell * cell * 4);
    for (let y = 0; y < cell; y++) bytes.set(rgba.subarray(y * rowBytes + p * cell * 4, y * rowBytes + (p + 1) * cell * 4), y * cell * 4);
    out.push(spriteFromRGBA(bytes, cell, cell));
  }
  return out;
}
