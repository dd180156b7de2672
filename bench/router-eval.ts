/**
 * Router evaluation (issue 8): the hand-written router of `src/view/diagram/layout/` against elkjs
 * (layered, hierarchical, orthogonal routing) on the same graphs: the drawn boxes and drawn edges
 * of each level, 2 and 16 VMs. Both are judged by `countIntersections` (the unit tests' judge):
 * edge/foreign-node and edge/label intersections, edge crossings, bends, and whether the familiar
 * arrangement survives (hardware under the partitions, the root partition left of every child).
 *
 *   npx tsx bench/router-eval.ts
 *
 * ELK gets the best chance we could give it: boxes keep their sizes and their zone (compound
 * nodes), edges point down the tiers (partitions → hypervisor → hardware → wire) so the layering
 * can put the hardware at the bottom, orthogonal routing, hierarchy handled across zones.
 */
import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { buildTopology } from '../src/engine/topology';
import { countIntersections, fitZoom, layout, LEVEL_LABEL_PX, type DetailLevel, type LayoutResult, type Rect } from '../src/view/diagram/layout';
import { layoutTestConfig } from '../src/view/diagram/layout/testConfig';

const SOLID = new Set(['component', 'fold', 'aggregate', 'placeholder', 'collapsed']);

/** The zone (top-level group) a drawn node belongs to, or null for top-level boxes. */
function zoneOf(l: LayoutResult, id: string): string | null {
  const byId = new Map(l.nodes.map((n) => [n.id, n]));
  let cur = byId.get(id);
  while (cur?.parentId) {
    const p = byId.get(cur.parentId);
    if (!p) break;
    if (p.data.role === 'zone' && (p.data.zone === 'root' || p.data.zone === 'vm' || p.data.zone === 'hardware')) return p.id;
    cur = p;
  }
  return null;
}

/** Tier of a box, top to bottom: partitions 0, hypervisor 1, hardware 2, wire 3. */
function tier(l: LayoutResult, id: string): number {
  const n = l.nodes.find((x) => x.id === id);
  if (!n) return 0;
  if (n.data.kind === 'hypervisor' || n.data.foldTone === 'hv') return 1;
  if (n.data.kind === 'wire' || n.data.foldTone === 'wire') return 3;
  const z = zoneOf(l, id);
  return z === 'zone.hardware' ? 2 : 0;
}

async function elkLayout(hand: LayoutResult): Promise<LayoutResult> {
  const elk = new ELK();
  const boxes = hand.nodes.filter((n) => SOLID.has(n.data.role));
  const zones = new Map<string, ElkNode>();
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '30',
      'elk.spacing.nodeNode': '20',
      'elk.spacing.edgeNode': '10',
      'elk.spacing.edgeEdge': '5',
      'elk.json.edgeCoords': 'ROOT',
      'elk.json.shapeCoords': 'ROOT',
    },
    children: [],
    edges: [],
  };
  for (const n of boxes) {
    const r = hand.rects.get(n.id) as Rect;
    const leaf: ElkNode = { id: n.id, width: r.w, height: r.h };
    const z = zoneOf(hand, n.id);
    if (!z) {
      root.children?.push(leaf);
      continue;
    }
    let zn = zones.get(z);
    if (!zn) {
      // Room at the top of each zone for its title, as in the hand layout.
      zn = { id: z, children: [], layoutOptions: { 'elk.padding': '[top=34,left=12,bottom=12,right=12]' } };
      zones.set(z, zn);
      root.children?.push(zn);
    }
    zn.children?.push(leaf);
  }
  const drawn = hand.edges.filter((e) => !e.hidden && boxes.some((b) => b.id === e.source) && boxes.some((b) => b.id === e.target));
  root.edges = drawn.map((e): ElkExtendedEdge => {
    const down = tier(hand, e.source) <= tier(hand, e.target);
    return { id: e.id, sources: [down ? e.source : e.target], targets: [down ? e.target : e.source] };
  });
  const out = await elk.layout(root);

  // Back into a LayoutResult, so the same judge counts.
  const rects = new Map<string, Rect>();
  const walk = (n: ElkNode) => {
    for (const c of n.children ?? []) {
      rects.set(c.id, { x: c.x ?? 0, y: c.y ?? 0, w: c.width ?? 0, h: c.height ?? 0 });
      walk(c);
    }
  };
  walk(out);
  const nodes = hand.nodes
    .filter((n) => rects.has(n.id))
    .map((n) => ({ ...n, parentId: undefined }));
  const edges = drawn.map((e) => {
    const ee = (out.edges ?? []).find((x) => x.id === e.id);
    const pts: number[] = [];
    for (const s of ee?.sections ?? []) {
      pts.push(s.startPoint.x, s.startPoint.y);
      for (const b of s.bendPoints ?? []) pts.push(b.x, b.y);
      pts.push(s.endPoint.x, s.endPoint.y);
    }
    return { ...e, data: { ...(e.data as NonNullable<typeof e.data>), points: pts } };
  });
  let w = 0;
  let h = 0;
  for (const r of rects.values()) {
    w = Math.max(w, r.x + r.w);
    h = Math.max(h, r.y + r.h);
  }
  return { ...hand, nodes, edges, rects, passThrough: [], bounds: { x: 0, y: 0, w, h } };
}

/** Hardware under every partition box, and the root partition left of every child partition. */
function familiar(l: LayoutResult): { hardwareBottom: boolean; rootLeft: boolean } {
  const boxes = l.nodes.filter((n) => SOLID.has(n.data.role));
  const at = (id: string) => l.rects.get(id) as Rect;
  const partitions = boxes.filter((n) => tier(l, n.id) === 0);
  const hardware = boxes.filter((n) => tier(l, n.id) === 2);
  const topOfHw = Math.min(...hardware.map((n) => at(n.id).y));
  const hardwareBottom = partitions.every((n) => at(n.id).y + at(n.id).h <= topOfHw + 1);
  const inRoot = partitions.filter((n) => zoneOf(l, n.id) === 'zone.root');
  const inChild = partitions.filter((n) => (zoneOf(l, n.id) ?? '').startsWith('zone.vm') || n.data.role === 'collapsed');
  const rootRight = Math.max(...inRoot.map((n) => at(n.id).x + at(n.id).w));
  const rootLeft = inChild.every((n) => at(n.id).x >= rootRight - 1);
  return { hardwareBottom, rootLeft };
}

interface Row {
  graph: string;
  router: string;
  edges: number;
  edgeNode: number;
  edgeLabel: number;
  crossings: number;
  bends: number;
  size: string;
  /** Smallest label (CSS px) when the drawing is fitted into the diagram pane at 1280×720 (1216×656 after padding). */
  labelPx: number;
  hardwareBottom: boolean;
  rootLeft: boolean;
  ms: number;
}

async function main() {
  const rows: Row[] = [];
  for (const vms of [2, 16]) {
    for (const level of ['overview', 'full'] as DetailLevel[]) {
      const topo = buildTopology(layoutTestConfig(vms));
      let t0 = performance.now();
      const hand = layout(topo, { level });
      const handMs = performance.now() - t0;
      t0 = performance.now();
      const elk = await elkLayout(hand);
      const elkMs = performance.now() - t0;
      for (const [router, l, ms] of [
        ['hand', hand, handMs],
        ['elkjs', elk, elkMs],
      ] as const) {
        const r = countIntersections(l);
        const f = familiar(l);
        rows.push({
          graph: `${vms} VMs, ${level}`,
          router,
          edges: r.edges,
          edgeNode: r.foreignNodes.length,
          edgeLabel: r.labels.length,
          crossings: r.edgeCrossings,
          bends: r.bends,
          size: `${Math.round(l.bounds.w)}×${Math.round(l.bounds.h)}`,
          labelPx: Math.round(fitZoom(l.bounds, 1280, 720) * LEVEL_LABEL_PX[level] * 10) / 10,
          hardwareBottom: f.hardwareBottom,
          rootLeft: f.rootLeft,
          ms: Math.round(ms),
        });
      }
    }
  }
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  console.log('| graph | router | edges | edge/node | edge/label | crossings | bends | size (flow units) | labels fitted at 1280×720 (px) | hardware at the bottom | root left of the children | time (ms) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows)
    console.log(
      `| ${r.graph} | ${r.router} | ${r.edges} | ${r.edgeNode} | ${r.edgeLabel} | ${r.crossings} | ${r.bends} | ${r.size} | ${r.labelPx} | ${yes(r.hardwareBottom)} | ${yes(r.rootLeft)} | ${r.ms} |`,
    );
}

void main();
