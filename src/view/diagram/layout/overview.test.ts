import { layoutTestConfig } from './testConfig';
import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../engine/topology';
import { countIntersections, layout, type DetailLevel } from './index';

const config = (vms: number) =>
  layoutTestConfig(vms, { extensions: { capture: true, filter: { enabled: true, dropRules: [] }, forwarding: true } });
/** Each on/off combination of the three extensions (a switched-off one is a placeholder box). */
const EXTENSION_SETS = [0, 1, 2, 3, 4, 5, 6, 7].map((m) => ({ capture: (m & 1) > 0, filter: { enabled: (m & 2) > 0, dropRules: [] }, forwarding: (m & 4) > 0 }));

describe('every level of detail', () => {
  for (const level of ['full', 'overview', 'minimal'] as DetailLevel[]) {
    for (const n of [1, 2, 3, 16, 64]) {
      it(`${level}, ${n} VM(s): every component is drawn, and no edge crosses a foreign node or a label`, () => {
        const topo = buildTopology(config(n));
        const l = layout(topo, { level });
        const ids = new Set(l.nodes.map((x) => x.id));
        for (const c of topo.components) expect(ids.has(l.nodeOf.get(c.id) as string), c.id).toBe(true);
        expect(l.linkGeometry).toHaveLength(topo.links.length);
        const r = countIntersections(l);
        expect(r.foreignNodes).toEqual([]);
        expect(r.labels).toEqual([]);
        // Parallel links between the same two boxes are one drawn bus (in full detail, one per
        // kind of link: data, signal and control stay apart, side by side, in their own styles).
        const pairs = new Set(l.edges.map((e) => [e.source, e.target].sort().join('|') + (level === 'full' ? `|${e.data?.kind}` : '')));
        expect(pairs.size).toBe(l.edges.length);
      });
    }
  }
  for (const n of [1, 2, 3, 4, 16, 64]) {
    it(`minimal, phone arrangement, ${n} VM(s): one child column, no wider than a 390-px phone shows at 11-px labels, no edge across a foreign node or a label`, () => {
      const topo = buildTopology(config(n));
      const l = layout(topo, { level: 'minimal', narrow: true });
      const ids = new Set(l.nodes.map((x) => x.id));
      for (const c of topo.components) expect(ids.has(l.nodeOf.get(c.id) as string), c.id).toBe(true);
      const r = countIntersections(l);
      expect(r.foreignNodes).toEqual([]);
      expect(r.labels).toEqual([]);
      // (390 px − 46 px of fit padding) / (11 px / 18 px) = 563 flow units.
      expect(l.bounds.w).toBeLessThanOrEqual(563);
      // Still the familiar arrangement: every child right of the root, the hardware under the band.
      const root = l.rects.get('zone.root') as { x: number; w: number };
      for (const z of l.nodes.filter((x) => x.data.zone === 'vm' || x.data.role === 'collapsed')) expect(l.rects.get(z.id)!.x).toBeGreaterThanOrEqual(root.x + root.w);
      expect(l.rects.get('zone.hardware')!.y).toBeGreaterThan(l.rects.get('f.hv')!.y);
    });
  }
  for (const level of ['full', 'overview', 'minimal'] as DetailLevel[]) {
    it(`${level}: every combination of vSwitch extensions, 2 VMs: no edge across a foreign node or a label`, () => {
      for (const extensions of EXTENSION_SETS) {
        const l = layout(buildTopology(layoutTestConfig(2, { extensions })), { level });
        const r = countIntersections(l);
        expect(r.foreignNodes, JSON.stringify(extensions)).toEqual([]);
        expect(r.labels, JSON.stringify(extensions)).toEqual([]);
      }
      });
    }
  for (const level of ['full', 'overview', 'minimal'] as DetailLevel[]) {
    it(`${level}, 64 VMs: packets inside the collapsed group are summarised, all others drawn`, () => {
      const topo = buildTopology(config(64));
      const l = layout(topo, { level });
      topo.links.forEach((link, i) => {
        const inGroup = l.nodeOf.get(link.from) === 'group.more' && l.nodeOf.get(link.to) === 'group.more';
        expect(!!l.linkGeometry[i]?.summarized, `${link.from} → ${link.to}`).toBe(inGroup);
      });
      expect(l.linkGeometry.filter((g) => g.summarized).length).toBeGreaterThan(62 * 4);
    });
  }
  it('reports the figures for the routing comparison', () => {
    const topo = buildTopology(config(2));
    for (const level of ['full', 'overview', 'minimal'] as DetailLevel[]) {
      const l = layout(topo, { level });
      const r = countIntersections(l);
      console.log(`[routing] ${level}: ${r.edges} edges, ${r.foreignNodes.length} edge/node, ${r.labels.length} edge/label, ${r.edgeCrossings} crossings, ${r.bends} bends, ${Math.round(l.bounds.w)}×${Math.round(l.bounds.h)}`);
    }
  });
});
