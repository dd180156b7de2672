import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../engine';
import type { Simulation, VmId } from '../../../engine/types';
import { countIntersections } from './intersections';
import { focusLayout } from './focus';
import { layout } from './index';
import { layoutTestConfig } from './testConfig';

/** The components packet `id` uses, as the store reads them (hops taken and the route ahead). */
function route(sim: Simulation, id: number): string[] {
  const s = new Set<string>();
  for (const e of sim.packetHistory(id)) s.add(e.from).add(e.to);
  for (const c of sim.packet(id)?.plannedRoute ?? []) s.add(c);
  return [...s];
}

describe('focus on this path', () => {
  for (const n of [1, 2, 3, 16, 64]) {
    it(`${n} VM(s): each path's packet, and everything at once, without an edge across a foreign box or a label, in the familiar arrangement`, () => {
      const config = layoutTestConfig(n, {
        flows: Array.from({ length: Math.min(n, 3) }, (_, i) => ({
          id: `f${i}`,
          direction: i === 1 ? ('external-to-vm' as const) : ('vm-to-external' as const),
          vm: `vm${i + 1}` as VmId,
          protocol: 'udp' as const,
          packetBytes: 1000,
          ratePps: 20_000,
        })),
      });
      const sim = createSimulation(config, { seed: 1 });
      const tried = new Set<string>();
      const sets: string[][] = [];
      // Step through time and take the first packet of each path seen on its way.
      for (let t = 200_000; t <= 3_000_000 && tried.size < Math.min(n, 3); t += 5_000) {
        sim.runUntil(t);
        for (let id = 1; id < 5000; id++) {
          const info = sim.packet(id);
          if (!info || info.path === 'control' || tried.has(info.path) || sim.packetHistory(id).length < 3) continue;
          tried.add(info.path);
          sets.push(route(sim, id));
        }
      }
      const topo = sim.topology();
      // Everything at once (a stress of the lanes; at 64 VMs the crossing count alone takes seconds).
      if (n <= 16) sets.push(topo.components.map((c) => c.id));
      expect(tried.size, 'a packet of each path in flight').toBeGreaterThanOrEqual(Math.min(n, 3));
      const whole = layout(topo, { level: 'full' });
      for (const ids of sets) {
        const l = focusLayout(topo, ids);
        const r = countIntersections(l);
        expect(r.foreignNodes, ids.join(' ')).toEqual([]);
        expect(r.labels, ids.join(' ')).toEqual([]);
        // Exactly the route's components are drawn.
        const drawn = l.nodes.filter((x) => x.data.role === 'component').map((x) => x.id);
        expect(new Set(drawn)).toEqual(new Set(ids.filter((c) => topo.componentIndex.has(c))));
        // Familiar arrangement: root left of every child, partitions above the band, the band above the hardware.
        const root = l.rects.get('zone.root');
        const hw = l.rects.get('zone.hardware');
        const hv = l.rects.get('hv');
        for (const z of l.nodes.filter((x) => x.data.zone === 'vm')) expect((l.rects.get(z.id)?.x ?? 0) > (root?.x ?? 0)).toBe(true);
        if (hv && root) expect(hv.y).toBeGreaterThanOrEqual(root.y + root.h);
        if (hw && hv) expect(hw.y).toBeGreaterThanOrEqual(hv.y + hv.h);
        // Every link between two drawn components has a polyline from its `from` to its `to`.
        topo.links.forEach((link, i) => {
          const g = l.linkGeometry[i];
          if (!drawn.includes(link.from) || !drawn.includes(link.to)) return;
          expect(g?.inside, link.id).toBeNull();
          expect(g?.points.length).toBeGreaterThanOrEqual(4);
        });
        // A packet's path alone lays out smaller than the whole host: it shows bigger.
        if (ids.length < 20) expect(l.bounds.w * l.bounds.h).toBeLessThan((whole.bounds.w * whole.bounds.h) / 2);
      }
    });
  }
});
