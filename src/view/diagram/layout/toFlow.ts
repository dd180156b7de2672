/**
 * From placed rects and link polylines to React Flow nodes and edges. Shared by every level of
 * detail.
 *
 * - Edges: one per visual pair of nodes and link kind, both directions merged; with `bus`, one per
 *   pair of nodes whatever the kind (the links between two folded groups become one drawn bus,
 *   and every packet of those links travels on it).
 * - Nodes: parents before children, positions relative to the parent.
 */
import type { Topology, VmId } from '../../../engine/types';
import { reversePoints } from './geometry';
import type { DiagramEdge, DiagramNode, LinkGeometry, Placed, Rect } from './types';

export function toFlow(
  topology: Topology,
  placed: readonly Placed[],
  rects: ReadonlyMap<string, Rect>,
  nodeOf: ReadonlyMap<string, string>,
  geometry: readonly LinkGeometry[],
  collapsedSet: ReadonlySet<VmId>,
  opts: { bus?: boolean } = {},
): { nodes: DiagramNode[]; edges: DiagramEdge[] } {
  const byId = new Map(topology.components.map((c) => [c.id, c]));
  const kindOf = (id: string) => byId.get(id)?.kind;
  const vmOf = (id: string) => byId.get(id)?.vm ?? null;
  const edgeMap = new Map<string, DiagramEdge>();
  const edges: DiagramEdge[] = [];
  topology.links.forEach((l, i) => {
    const g = geometry[i] as LinkGeometry;
    if (g.inside) return;
    const na = nodeOf.get(l.from) as string;
    const nb = nodeOf.get(l.to) as string;
    // The doorbell links from every VF miniport to every NIC VF: drawn only for the assigned pair.
    const doorbell = !opts.bus && kindOf(l.from) === 'vf-miniport' && kindOf(l.to) === 'nic-vf';
    const canonical = na < nb;
    const key = `${canonical ? na : nb}|${canonical ? nb : na}${opts.bus ? '' : `|${l.kind}`}`;
    const existing = edgeMap.get(key);
    if (existing && existing.data) {
      existing.data.links.push(i);
      existing.data.twoWay = true;
      // A bus is drawn as data when any of its links carries data.
      if (l.kind === 'data') existing.data.kind = 'data';
      return;
    }
    const pts = canonical ? g.points : reversePoints(g.points);
    const e: DiagramEdge = {
      id: `e:${key}`,
      source: canonical ? na : nb,
      target: canonical ? nb : na,
      type: 'link',
      selectable: false,
      focusable: false,
      data: {
        points: pts,
        kind: l.kind,
        links: [i],
        twoWay: false,
        onlyIfVf: doorbell && !collapsedSet.has(vmOf(l.from) as VmId) ? { vm: vmOf(l.from) as VmId, vf: byId.get(l.to)?.n ?? 0 } : null,
      },
    };
    if (doorbell && collapsedSet.has(vmOf(l.from) as VmId)) e.hidden = true;
    edgeMap.set(key, e);
    edges.push(e);
  });

  const nodes: DiagramNode[] = [];
  const parentOf = new Map(placed.map((p) => [p.id, p.parent]));
  const depth = (p: Placed) => (p.parent === null ? 0 : parentOf.get(p.parent) ? 2 : 1);
  const sorted = [...placed].sort((a, b) => depth(a) - depth(b));
  for (const p of sorted) {
    const pr = p.parent ? (rects.get(p.parent) as Rect) : { x: 0, y: 0, w: 0, h: 0 };
    nodes.push({
      id: p.id,
      type: p.type,
      position: { x: p.rect.x - pr.x, y: p.rect.y - pr.y },
      width: p.rect.w,
      height: p.rect.h,
      data: p.data,
      draggable: false,
      connectable: false,
      selectable: p.data.role === 'component' || p.data.role === 'fold',
      focusable: p.data.role === 'component' || p.data.role === 'collapsed' || p.data.role === 'aggregate' || p.data.role === 'fold',
      ...(p.parent ? { parentId: p.parent } : {}),
      ...(p.zIndex !== undefined ? { zIndex: p.zIndex } : {}),
    });
  }
  return { nodes, edges };
}
