/** Small geometry helpers on rects and orthogonal polylines. */
import type { Rect } from './types';

export const cx = (r: Rect) => r.x + r.w / 2;
export const cy = (r: Rect) => r.y + r.h / 2;
export const x2 = (r: Rect) => r.x + r.w;
export const y2 = (r: Rect) => r.y + r.h;

/** Orthogonal route between two rects when nothing special applies: straight if they overlap on an axis, else a Z. */
export function autoRoute(a: Rect, b: Rect, laneY?: number): number[] {
  const ox0 = Math.max(a.x, b.x);
  const ox1 = Math.min(x2(a), x2(b));
  if (ox1 - ox0 >= 8) {
    const x = (ox0 + ox1) / 2;
    if (y2(a) <= b.y) return [x, y2(a), x, b.y];
    if (y2(b) <= a.y) return [x, a.y, x, y2(b)];
  }
  const oy0 = Math.max(a.y, b.y);
  const oy1 = Math.min(y2(a), y2(b));
  if (oy1 - oy0 >= 8) {
    const y = (oy0 + oy1) / 2;
    if (x2(a) <= b.x) return [x2(a), y, b.x, y];
    if (x2(b) <= a.x) return [a.x, y, x2(b), y];
  }
  // Z: leave vertically towards b, cross on a lane, arrive vertically.
  const down = cy(b) > cy(a);
  const sy = down ? y2(a) : a.y;
  const ey = down ? b.y : y2(b);
  const ly = laneY ?? (sy + ey) / 2;
  return [cx(a), sy, cx(a), ly, cx(b), ly, cx(b), ey];
}

/** Shift an orthogonal (or straight) polyline sideways by d (positive = left of travel direction). */
export function offsetPolyline(p: number[], d: number): number[] {
  const n = p.length / 2;
  if (n < 2 || d === 0) return p.slice();
  const normals: [number, number][] = [];
  for (let i = 0; i + 1 < n; i++) {
    const dx = (p[2 * i + 2] as number) - (p[2 * i] as number);
    const dy = (p[2 * i + 3] as number) - (p[2 * i + 1] as number);
    const len = Math.hypot(dx, dy) || 1;
    normals.push([(dy / len) * d, (-dx / len) * d]);
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = normals[Math.max(0, i - 1)] as [number, number];
    const b = normals[Math.min(normals.length - 1, i)] as [number, number];
    // At a right-angle corner the two shifts add up (they are perpendicular); on a straight run they are equal.
    const same = Math.abs(a[0] - b[0]) < 1e-6 && Math.abs(a[1] - b[1]) < 1e-6;
    const sx = same ? a[0] : a[0] + b[0];
    const sy = same ? a[1] : a[1] + b[1];
    out.push((p[2 * i] as number) + sx, (p[2 * i + 1] as number) + sy);
  }
  return out;
}

export function reversePoints(p: number[]): number[] {
  const out: number[] = [];
  for (let i = p.length - 2; i >= 0; i -= 2) out.push(p[i] as number, p[i + 1] as number);
  return out;
}

/** Remove zero-length segments and merge collinear runs (keeps endpoints). */
export function simplify(p: number[]): number[] {
  const out: number[] = [p[0] as number, p[1] as number];
  for (let i = 2; i < p.length; i += 2) {
    const x = p[i] as number;
    const y = p[i + 1] as number;
    const lx = out[out.length - 2] as number;
    const ly = out[out.length - 1] as number;
    if (Math.abs(x - lx) < 1e-6 && Math.abs(y - ly) < 1e-6) continue;
    if (out.length >= 4) {
      const px = out[out.length - 4] as number;
      const py = out[out.length - 3] as number;
      const collinear = (Math.abs(px - lx) < 1e-6 && Math.abs(lx - x) < 1e-6) || (Math.abs(py - ly) < 1e-6 && Math.abs(ly - y) < 1e-6);
      if (collinear) {
        out[out.length - 2] = x;
        out[out.length - 1] = y;
        continue;
      }
    }
    out.push(x, y);
  }
  if (out.length === 2) out.push(out[0] as number, out[1] as number);
  return out;
}

/**
 * The middle of the widest stretch of [from, to] that no interval covers: where a title goes in a
 * band that other things cross (the hypervisor band's pass-through windows and their labels), so
 * a long title (ja "ハイパーバイザー" is 144 px) sits clear of them whatever the number of VMs.
 */
export function widestGapCenter(taken: readonly (readonly [number, number])[], from: number, to: number): number {
  const xs = [...taken].filter(([a, b]) => b > from && a < to).sort((p, q) => p[0] - q[0]);
  let best = { w: -1, c: (from + to) / 2 };
  let at = from;
  for (const [a, b] of xs) {
    if (a - at > best.w) best = { w: a - at, c: (at + a) / 2 };
    at = Math.max(at, b);
  }
  if (to - at > best.w) best = { w: to - at, c: (at + to) / 2 };
  return best.c;
}
