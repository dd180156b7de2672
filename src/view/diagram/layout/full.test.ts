import { layoutTestConfig } from './testConfig';
import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../engine/topology';
import type { VmId } from '../../../engine/types';
import { autoRoute, layout, offsetPolyline, pickVisibleVms, type Rect } from './index';

const config = layoutTestConfig;

const inside = (r: Rect, x: number, y: number, tol = 7) => x >= r.x - tol && x <= r.x + r.w + tol && y >= r.y - tol && y <= r.y + r.h + tol;

describe('layout', () => {
  for (const n of [1, 3, 16, 64]) {
    it(`${n} VM(s): every component is drawn by an existing node and every link has a polyline between its nodes`, () => {
      const topo = buildTopology(config(n));
      const l = layout(topo);
      const ids = new Set(l.nodes.map((x) => x.id));
      for (const c of topo.components) {
        const node = l.nodeOf.get(c.id);
        expect(node, c.id).toBeDefined();
        expect(ids.has(node as string), `${c.id} → ${node}`).toBe(true);
      }
      expect(l.linkGeometry).toHaveLength(topo.links.length);
      topo.links.forEach((link, i) => {
        const g = l.linkGeometry[i];
        expect(g, link.id).toBeDefined();
        const p = g!.points;
        expect(p.length).toBeGreaterThanOrEqual(4);
        expect(p.every(Number.isFinite), link.id).toBe(true);
        if (g!.inside) return;
        const ra = l.rects.get(l.nodeOf.get(link.from) as string) as Rect;
        const rb = l.rects.get(l.nodeOf.get(link.to) as string) as Rect;
        expect(inside(ra, p[0]!, p[1]!), `${link.id} starts at its source`).toBe(true);
        expect(inside(rb, p[p.length - 2]!, p[p.length - 1]!), `${link.id} ends at its target`).toBe(true);
        // Orthogonal routing: every segment is horizontal or vertical.
        for (let k = 2; k < p.length; k += 2) {
          const dx = Math.abs(p[k]! - p[k - 2]!);
          const dy = Math.abs(p[k + 1]! - p[k - 1]!);
          expect(Math.min(dx, dy), `${link.id} segment ${k / 2}`).toBeLessThan(0.01);
        }
      });
    });
  }

  it('collapses VMs beyond three into a group that still receives their links', () => {
    const topo = buildTopology(config(16));
    const l = layout(topo);
    expect(l.visibleVms).toEqual(['vm1', 'vm2']);
    expect(l.collapsedVms).toHaveLength(14);
    const group = l.nodes.find((n) => n.id === 'group.more');
    expect(group?.data.vms).toHaveLength(14);
    expect(l.nodeOf.get('vm9.netvsc')).toBe('group.more');
    expect(l.nodeOf.get('root.netvsp.vm9')).toBe('agg.netvsp');
    expect(l.nodes.some((n) => n.id === 'vm9.netvsc')).toBe(false);
    // Links inside a collapsed VM are drawn inside the group.
    const i = topo.linkIndex.get('vm9.stack>vm9.netvsc') as number;
    expect(l.linkGeometry[i]?.inside).not.toBeNull();
  });

  it('an expanded VM takes a slot and gets all its nodes', () => {
    const topo = buildTopology(config(16));
    const l = layout(topo, { expanded: ['vm7'] });
    expect(l.visibleVms).toEqual(['vm1', 'vm7']);
    for (const id of ['vm7.stack', 'vm7.netvsc', 'vm7.vmbus.out', 'vm7.vmbus.in', 'vm7.legacy', 'vm7.vf', 'vm7.vpci', 'vm7.vmbus', 'vm7.vp.0', 'root.netvsp.vm7', 'root.vmwp.vm7', 'root.vpci.vm7']) {
      expect(l.nodes.some((n) => n.id === id), id).toBe(true);
    }
  });

  it('up to three VMs are all drawn in full', () => {
    const l = layout(buildTopology(config(3)));
    expect(l.visibleVms).toEqual(['vm1', 'vm2', 'vm3']);
    expect(l.nodes.some((n) => n.id === 'group.more')).toBe(false);
  });

  it('parents precede children and children sit inside their parent', () => {
    const l = layout(buildTopology(config(16)));
    const seen = new Set<string>();
    for (const n of l.nodes) {
      if (n.parentId) {
        expect(seen.has(n.parentId), `${n.id} after ${n.parentId}`).toBe(true);
        const pr = l.rects.get(n.parentId) as Rect;
        expect(n.position.x).toBeGreaterThanOrEqual(0);
        expect(n.position.y).toBeGreaterThanOrEqual(0);
        expect(n.position.x + (n.width ?? 0)).toBeLessThanOrEqual(pr.w + 0.5);
        expect(n.position.y + (n.height ?? 0)).toBeLessThanOrEqual(pr.h + 0.5);
      }
      seen.add(n.id);
    }
  });

  it('component nodes of one parent do not overlap', () => {
    for (const n of [1, 16]) {
      const l = layout(buildTopology(config(n)));
      const comps = l.nodes.filter((x) => x.data.role !== 'zone' && x.data.role !== 'frame');
      for (let i = 0; i < comps.length; i++)
        for (let j = i + 1; j < comps.length; j++) {
          const a = l.rects.get(comps[i]!.id) as Rect;
          const b = l.rects.get(comps[j]!.id) as Rect;
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          expect(overlap, `${comps[i]!.id} overlaps ${comps[j]!.id}`).toBe(false);
        }
    }
  });

  it('merges both directions of a link into one edge and never uses animated edges', () => {
    const topo = buildTopology(config(1));
    const l = layout(topo);
    const e = l.edges.find((x) => x.data?.links.includes(topo.linkIndex.get('wire>nic') as number));
    expect(e?.data?.links).toContain(topo.linkIndex.get('nic>wire'));
    expect(e?.data?.twoWay).toBe(true);
    expect(l.edges.every((x) => !x.animated)).toBe(true);
    const keys = l.edges.map((x) => x.id);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is a pure function of its input', () => {
    const topo = buildTopology(config(5));
    expect(JSON.stringify(layout(topo, { expanded: ['vm4'] }).linkGeometry)).toBe(JSON.stringify(layout(topo, { expanded: ['vm4'] }).linkGeometry));
  });

  it('keeps the hardware band about as wide as the partitions', () => {
    const l = layout(buildTopology(config(1, { nic: { vmqQueues: 64, vfCount: 64, linkGbps: 10 }, logicalProcessors: 64 })));
    const hw = l.rects.get('zone.hardware') as Rect;
    const root = l.rects.get('zone.root') as Rect;
    expect(hw.w).toBeLessThan(1300);
    expect(l.nodes.some((n) => n.id === 'agg.queue')).toBe(true);
    expect(l.nodes.some((n) => n.id === 'agg.vf')).toBe(true);
    expect(root.w).toBeGreaterThan(0);
  });
});

describe('pickVisibleVms', () => {
  const vms = Array.from({ length: 8 }, (_, i) => `vm${i + 1}` as VmId);
  it('fills slots in VM order, most recent expansions first, and ignores unknown VMs', () => {
    expect(pickVisibleVms(vms).visible).toEqual(['vm1', 'vm2']);
    expect(pickVisibleVms(vms, ['vm5']).visible).toEqual(['vm1', 'vm5']);
    expect(pickVisibleVms(vms, ['vm5', 'vm7', 'vm3']).visible).toEqual(['vm3', 'vm7']);
    expect(pickVisibleVms(vms, ['vm99' as VmId]).visible).toEqual(['vm1', 'vm2']);
    expect(pickVisibleVms(vms.slice(0, 3)).collapsed).toEqual([]);
  });
});

describe('routing helpers', () => {
  it('routes straight when rects overlap on an axis, else as a Z', () => {
    expect(autoRoute({ x: 0, y: 0, w: 100, h: 20 }, { x: 20, y: 100, w: 100, h: 20 })).toEqual([60, 20, 60, 100]);
    expect(autoRoute({ x: 0, y: 0, w: 20, h: 40 }, { x: 100, y: 10, w: 20, h: 40 })).toEqual([20, 25, 100, 25]);
    expect(autoRoute({ x: 0, y: 0, w: 20, h: 20 }, { x: 100, y: 100, w: 20, h: 20 })).toEqual([10, 20, 10, 60, 110, 60, 110, 100]);
  });
  it('offsets a corner polyline to the left of travel', () => {
    // Down then right: left of travel is +x on the way down and −y on the way right.
    expect(offsetPolyline([0, 0, 0, 10, 10, 10], 2)).toEqual([2, 0, 2, 8, 10, 8]);
  });
});
