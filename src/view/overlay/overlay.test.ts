import { describe, expect, it } from 'vitest';
import type { InFlightBuffer } from '../../engine/types';
import { ARC_LIMIT, createScratch, drawBins, glyphSize, nearest, project, type Ctx2D, type View } from './drawPackets';
import { buildLinkTable, positionAt, spread } from './linkTable';

const geometry = [
  { points: [0, 0, 100, 0], inside: null }, // straight, length 100
  { points: [0, 0, 0, 50, 100, 50], inside: null }, // L-shaped, length 150
  { points: [10, 10, 10, 10], inside: { x: 0, y: 0, w: 100, h: 100 } }, // inside a collapsed group
];

function buffer(entries: [id: number, link: number, progress: number, path: number][]): InFlightBuffer {
  const n = entries.length;
  const b: InFlightBuffer = {
    count: n,
    capacity: n,
    packetId: new Int32Array(n),
    link: new Int32Array(n),
    progress: new Float32Array(n),
    path: new Uint8Array(n),
  };
  entries.forEach(([id, link, p, path], i) => {
    b.packetId[i] = id;
    b.link[i] = link;
    b.progress[i] = p;
    b.path[i] = path;
  });
  return b;
}

/** Records the calls a canvas would receive. */
function recorder() {
  const calls: string[] = [];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    beginPath: () => calls.push('beginPath'),
    rect: () => calls.push('rect'),
    moveTo: () => calls.push('moveTo'),
    lineTo: () => calls.push('lineTo'),
    closePath: () => calls.push('closePath'),
    arc: () => calls.push('arc'),
    fill: () => calls.push('fill'),
    stroke: () => calls.push('stroke'),
    setTransform: () => calls.push('setTransform'),
    clearRect: () => calls.push('clearRect'),
  } as unknown as Ctx2D;
  return { ctx, calls };
}

const view: View = { tx: 0, ty: 0, k: 1, width: 500, height: 500, dpr: 1 };

describe('link table', () => {
  const t = buildLinkTable(geometry);
  const out = new Float32Array(2);
  it('interpolates along straight and bent polylines by arc length', () => {
    positionAt(t, 0, 0.25, 1, out, 0);
    expect([...out]).toEqual([25, 0]);
    positionAt(t, 1, 1 / 3, 1, out, 0);
    expect([...out]).toEqual([0, 50]);
    positionAt(t, 1, 2 / 3, 1, out, 0);
    expect(out[0]).toBeCloseTo(50);
    expect(out[1]).toBeCloseTo(50);
    positionAt(t, 1, 1, 1, out, 0);
    expect([...out]).toEqual([100, 50]);
  });
  it('clamps progress and rejects unknown links', () => {
    positionAt(t, 0, 7, 1, out, 0);
    expect([...out]).toEqual([100, 0]);
    expect(positionAt(t, 99, 0.5, 1, out, 0)).toBe(false);
    expect(positionAt(t, -1, 0.5, 1, out, 0)).toBe(false);
  });
  it('draws no packet on a summarised link (collapsed VMs: their figures stand for them)', () => {
    const s = buildLinkTable([{ points: [10, 10, 10, 10], inside: { x: 0, y: 0, w: 100, h: 100 }, summarized: true }, { points: [0, 0, 10, 0], inside: null }]);
    expect(positionAt(s, 0, 0.5, 1, out, 0)).toBe(false);
    expect(positionAt(s, 1, 0.5, 1, out, 0)).toBe(true);
    expect([...out]).toEqual([5, 0]);
  });
  it('spreads packets inside a collapsed group by id, moving with progress', () => {
    positionAt(t, 2, 0, 3, out, 0);
    const a = [...out];
    positionAt(t, 2, 1, 3, out, 0);
    expect(out[0]).toBe(a[0]);
    expect(out[1]).toBeGreaterThan(a[1] as number);
    expect(spread(3)).not.toBe(spread(4));
    for (let id = 0; id < 50; id++) expect(spread(id)).toBeGreaterThanOrEqual(0);
  });
});

describe('drawing', () => {
  const t = buildLinkTable(geometry);
  it('draws one path and one fill or stroke per path kind, whatever the packet count', () => {
    const entries: [number, number, number, number][] = [];
    for (let i = 0; i < 400; i++) entries.push([i, i % 2, (i % 10) / 10, i % 4]);
    const s = createScratch(8);
    expect(project(buffer(entries), t, view, s)).toBe(400);
    const { ctx, calls } = recorder();
    drawBins(ctx, s, ['a', 'b', 'c', 'd'], 3);
    expect(calls.filter((c) => c === 'beginPath')).toHaveLength(4);
    expect(calls.filter((c) => c === 'fill')).toHaveLength(3);
    expect(calls.filter((c) => c === 'stroke')).toHaveLength(1);
    expect(calls.filter((c) => c === 'rect')).toHaveLength(100); // synthetic squares
    expect(calls.filter((c) => c === 'arc')).toHaveLength(100); // control rings (few)
  });
  it('stops using arcs for control packets above the limit', () => {
    const entries: [number, number, number, number][] = [];
    for (let i = 0; i <= ARC_LIMIT; i++) entries.push([i, 0, 0.5, 3]);
    const s = createScratch();
    project(buffer(entries), t, view, s);
    const { ctx, calls } = recorder();
    drawBins(ctx, s, ['a', 'b', 'c', 'd'], 3);
    expect(calls.includes('arc')).toBe(false);
  });
  it('never calls closePath (fill closes subpaths; closePath is slow on large paths)', () => {
    const entries: [number, number, number, number][] = [];
    for (let i = 0; i < 100; i++) entries.push([i, 0, 0.5, i % 4]);
    const s = createScratch();
    project(buffer(entries), t, view, s);
    const { ctx, calls } = recorder();
    drawBins(ctx, s, ['a', 'b', 'c', 'd'], 3);
    expect(calls.includes('closePath')).toBe(false);
  });
  it('culls packets outside the view and applies the viewport transform', () => {
    const s = createScratch();
    const b = buffer([
      [1, 0, 0.5, 0],
      [2, 0, 0.5, 1],
    ]);
    expect(project(b, t, { ...view, tx: -1000 }, s)).toBe(0);
    expect(project(b, t, { ...view, tx: 10, ty: 20, k: 2 }, s)).toBe(2);
    expect(s.xy[0]).toBe(110);
    expect(s.xy[1]).toBe(20);
  });
  it('picks the nearest visible packet within the radius only', () => {
    const s = createScratch();
    project(buffer([[11, 0, 0.1, 0], [12, 0, 0.5, 0], [13, 0, 0.9, 0]]), t, view, s);
    expect(s.ids[nearest(s, 52, 3, 10)]).toBe(12);
    expect(nearest(s, 52, 40, 10)).toBe(-1);
  });
  it('keeps glyphs readable at every zoom', () => {
    expect(glyphSize(0.2)).toBeGreaterThanOrEqual(4);
    expect(glyphSize(3)).toBeLessThanOrEqual(7.5);
  });
});
