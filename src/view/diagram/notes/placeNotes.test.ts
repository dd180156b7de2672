import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../engine/topology';
import { guest, nic, root } from '../../../engine/ids';
import type { VmId } from '../../../engine/types';
import { layout, type DetailLevel, type LayoutResult, type Rect } from '../layout';
import { segmentHitsRect } from '../layout/intersections';
import { layoutTestConfig } from '../layout/testConfig';
import { approxWidth, NOTE_FONT, wrapNote } from './noteText';
import { laneSegments, noteObstacles, obstacleRects, overlaps, placeNotes, type NoteBox, type NotePlacement } from './placeNotes';

const TEXTS = [
  'vm3 fell back to the synthetic path: VMBus and NetVSP, receive work on LP 2',
  'VMQ off: the receive work of all 2 VMs is on LP 0’s default queue',
  'Waiting: vPCI offer (vm3)',
  'vm1 now sends through VF 1: no VMBus, no root CPU',
  'VMQ filter now steers 00:15:5d:00:00:02 (vm2) to queue 2 on LP 2',
  'VF 2 の削除 (vm2)：トラフィックは合成パスに戻ります',
];

/** Notes a user makes by flipping SR-IOV and VMQ on a host with `n` VMs: one per VM route, plus queue notes. */
function notesFor(l: LayoutResult, n: number, level: DetailLevel): NoteBox[] {
  const vms = Array.from({ length: n }, (_, i) => `vm${i + 1}` as VmId);
  const ids = [
    ...vms.flatMap((vm) => [guest.netvsc(vm), guest.vf(vm), root.vpci(vm)]),
    nic.queue(0),
    nic.queue(1),
    nic.vf(1),
    'nic',
  ];
  return ids
    .filter((id) => l.nodeOf.has(id))
    .slice(0, 8)
    .map((id, i) => {
      const w = wrapNote(TEXTS[i % TEXTS.length] as string, NOTE_FONT[level], approxWidth, 14);
      return { id: `n${i}`, anchor: l.nodeOf.get(id) as string, w: w.w, h: w.h };
    });
}

/** Everything the judge holds against a placement (exact geometry, not the raster). */
function violations(l: LayoutResult, p: NotePlacement): string[] {
  const boxes: { id: string; r: Rect }[] = [...p.shown.map((s) => ({ id: s.id, r: s.rect })), ...(p.more ? [{ id: 'more', r: p.more }] : [])];
  const out: string[] = [];
  const obstacles = obstacleRects(l);
  const lanes = laneSegments(l);
  const b = l.bounds;
  boxes.forEach(({ id, r }, i) => {
    if (r.x < b.x || r.y < b.y || r.x + r.w > b.x + b.w || r.y + r.h > b.y + b.h) out.push(`${id} outside the bounds`);
    for (const o of obstacles) if (overlaps(r, o)) out.push(`${id} × box ${JSON.stringify(o)}`);
    // A lane must stay clear of the note by the packets' half size (4 units at least).
    const grown = { x: r.x - 4, y: r.y - 4, w: r.w + 8, h: r.h + 8 };
    for (const s of lanes) if (segmentHitsRect(s[0] as number, s[1] as number, s[2] as number, s[3] as number, grown, 0)) out.push(`${id} × lane ${s.join(',')}`);
    for (const other of boxes.slice(i + 1)) if (overlaps(r, other.r)) out.push(`${id} × ${other.id}`);
  });
  return out;
}

describe('note placement', () => {
  for (const level of ['full', 'overview', 'minimal'] as DetailLevel[]) {
    for (const n of [1, 2, 3, 16, 64]) {
      it(`${level}, ${n} VM(s): no note covers another, a box, a label or a lane; at most 3 show, the rest behind "+k more"`, () => {
        const l = layout(buildTopology(layoutTestConfig(n)), { level });
        const grid = noteObstacles(l);
        const notes = notesFor(l, n, level);
        const p = placeNotes(grid, notes, { max: 3, moreSize: { w: 96, h: 28 } });
        expect(violations(l, p)).toEqual([]);
        expect(p.shown.length).toBeLessThanOrEqual(3);
        expect(p.shown.length + p.hidden.length).toBe(notes.length);
        // Every note is either drawn or reachable through the control.
        if (p.hidden.length) expect(p.more).not.toBeNull();
        // Placement is useful, not just safe: in full detail the first notes find a place near their
        // component, in the overview at least one; the minimal level (small embeds, phones) has
        // almost no free room, so its notes wait behind "+k more" rather than cover anything.
        expect(p.shown.length).toBeGreaterThanOrEqual(level === 'full' ? 2 : level === 'overview' ? 1 : 0);
        for (const s of p.shown) {
          const [x0, y0, x1, y1] = s.leader;
          expect(Math.hypot(x1 - x0, y1 - y0)).toBeLessThanOrEqual(400);
        }
        console.log(`[notes] ${level} ${n} VMs: ${p.shown.length} shown, ${p.hidden.length} behind "+k more"; leaders ${p.shown.map((s) => Math.round(Math.hypot(s.leader[2] - s.leader[0], s.leader[3] - s.leader[1]))).join(', ')} units`);
      });
    }
  }

  it('is deterministic and fast enough to run on every note change', () => {
    const l = layout(buildTopology(layoutTestConfig(64)), { level: 'full' });
    const t0 = performance.now();
    const grid = noteObstacles(l);
    const t1 = performance.now();
    const notes = notesFor(l, 64, 'full');
    const a = placeNotes(grid, notes);
    const t2 = performance.now();
    expect(placeNotes(grid, notes)).toEqual(a);
    console.log(`[notes] 64 VMs full: raster ${(t1 - t0).toFixed(1)} ms, placing ${notes.length} notes ${(t2 - t1).toFixed(1)} ms`);
  });

  it('one note shows without a "+k more" control; a note on an unknown node is hidden', () => {
    const l = layout(buildTopology(layoutTestConfig(2)), { level: 'full' });
    const grid = noteObstacles(l);
    const one = placeNotes(grid, [{ id: 'a', anchor: 'vm1.netvsc', w: 120, h: 40 }]);
    expect(one.shown).toHaveLength(1);
    expect(one.more).toBeNull();
    const missing = placeNotes(grid, [{ id: 'b', anchor: 'nope', w: 120, h: 40 }]);
    expect(missing.hidden).toEqual(['b']);
  });

  it('wraps long notes into at most four lines, Japanese too', () => {
    const en = wrapNote(TEXTS[0] as string, 13, approxWidth);
    expect(en.lines.length).toBeGreaterThan(1);
    expect(en.lines.join(' ')).toBe(TEXTS[0]);
    const ja = wrapNote('vm3 は合成パスに戻りました。VMBus と NetVSP を通り、受信処理は LP 2 で行われます', 16, approxWidth);
    expect(ja.lines.length).toBeGreaterThan(1);
    expect(ja.lines.length).toBeLessThanOrEqual(4);
    for (const line of ja.lines) expect(approxWidth(line, 16)).toBeLessThanOrEqual(17 * 16 + 1e-9);
  });
});
