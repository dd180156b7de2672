/**
 * "Focus on this path": only the components one packet or one VM uses, laid out larger (there are
 * few of them) in the arrangement people know: the root partition's components in a column on the
 * left, each child partition's in a column to its right, the hypervisor band under them, the
 * hardware in a row at the bottom and the wire underneath.
 *
 * Routing is by lanes, so no link crosses a box it does not connect or a label (`intersections.ts`
 * is the judge, as for every level):
 * - neighbours in one column or one row: a straight segment;
 * - everything else leaves its box sideways into a lane of its own in a gap between columns
 *   (the root's left margin, the gap after each child column) and runs there;
 * - between two columns that are not neighbours: down to a corridor under every column;
 * - into the hardware: down through the hypervisor band in a labelled pass-through window, along a
 *   lane of its own above the hardware row, then down into the box;
 * - between hardware boxes that are not neighbours: along a lane of its own under the row.
 * Links between the same two boxes share one polyline (a bus), as in the folded levels.
 */
import type { ComponentInfo, ComponentKind, Topology, VmId } from '../../../engine/types';
import { reversePoints, simplify, x2, y2 } from './geometry';
import { toFlow } from './toFlow';
import type { DiagramNodeData, LayoutResult, LinkGeometry, PassThrough, Placed, Rect } from './types';

/** Top-to-bottom order inside a partition column, bottom-most nearest the hardware. */
const ROOT_ORDER: ComponentKind[] = ['vmms', 'vmwp', 'vid', 'root-os', 'vmbus-root', 'vpci-vsp', 'netvsp', 'vswitch-extension', 'vswitch', 'pf-miniport'];
const VM_ORDER: ComponentKind[] = ['guest-stack', 'vp', 'legacy-nic', 'netvsc', 'ring-out', 'ring-in', 'vmbus-guest', 'vpci-vsc', 'vf-miniport'];
const HW_ORDER: ComponentKind[] = ['nic', 'nic-queue', 'nic-eswitch', 'nic-vf', 'iommu', 'lp'];

/** The node type that draws each kind (the same as in full detail, so live numbers stay). */
const TYPE: Partial<Record<ComponentKind, string>> = {
  'ring-out': 'ring',
  'ring-in': 'ring',
  'nic-queue': 'queue',
  'nic-vf': 'nicvf',
  lp: 'lp',
  iommu: 'iommu',
  hypervisor: 'hypervisor',
  nic: 'nic',
  wire: 'wire',
  vp: 'vp',
};

const BOX_W = 176;
const BOX_H = 42;
const SMALL_W = 112; // rings, VPs, queues, VFs, LPs
const ROW_GAP = 16;
const HEADER = 36; // zone title strip and a margin under it
const PITCH = 9; // lane pitch
const PAD = 14;
/** The band's title sits at its right end (HypervisorNode with `titleAlign: 'right'`): pass labels keep clear. */
const HV_TITLE_W = 150;

type Where = { col: number } | { hw: true } | { hv: true } | { wire: true };

interface Item {
  c: ComponentInfo;
  where: Where;
  rect: Rect;
}

/**
 * @param ids the components the focused packet or VM uses (unknown ids are ignored)
 */
export function focusLayout(topology: Topology, ids: readonly string[]): LayoutResult {
  const want = new Set(ids);
  const comps = topology.components.filter((c) => want.has(c.id));
  const rank = (order: ComponentKind[], c: ComponentInfo) => order.indexOf(c.kind) * 1000 + (c.n ?? 0);
  const rootCol = comps.filter((c) => c.place === 'root').sort((a, b) => rank(ROOT_ORDER, a) - rank(ROOT_ORDER, b) || a.index - b.index);
  const vms = [...new Set(comps.filter((c) => c.vm && c.place === c.vm).map((c) => c.vm as VmId))].sort((a, b) => Number(a.slice(2)) - Number(b.slice(2)));
  const vmCols = vms.map((vm) => comps.filter((c) => c.place === vm).sort((a, b) => rank(VM_ORDER, a) - rank(VM_ORDER, b) || a.index - b.index));
  const hw = comps.filter((c) => c.place === 'hardware').sort((a, b) => rank(HW_ORDER, a) - rank(HW_ORDER, b) || a.index - b.index);
  const hv = comps.find((c) => c.kind === 'hypervisor') ?? null;
  const wire = comps.find((c) => c.kind === 'wire') ?? null;
  /** Columns: 0 = root, 1… = the child partitions. */
  const cols: ComponentInfo[][] = [rootCol, ...vmCols];
  const widthOf = (c: ComponentInfo) => (TYPE[c.kind] && c.kind !== 'iommu' && c.kind !== 'nic' && c.kind !== 'wire' && c.kind !== 'hypervisor' ? SMALL_W : BOX_W);

  const items = new Map<string, Item>();
  cols.forEach((col, ci) => col.forEach((c, k) => items.set(c.id, { c, where: { col: ci }, rect: { x: 0, y: HEADER + k * (BOX_H + ROW_GAP), w: widthOf(c), h: BOX_H } })));
  hw.forEach((c) => items.set(c.id, { c, where: { hw: true }, rect: { x: 0, y: 0, w: widthOf(c), h: BOX_H } }));
  if (hv) items.set(hv.id, { c: hv, where: { hv: true }, rect: { x: 0, y: 0, w: 0, h: 44 } });
  if (wire) items.set(wire.id, { c: wire, where: { wire: true }, rect: { x: 0, y: 0, w: 190, h: 38 } });

  // --- The pairs of boxes to connect, and how each runs -----------------------------------------
  type Kind =
    | { t: 'adjacent' }
    | { t: 'same-col'; col: number }
    | { t: 'cols'; a: number; b: number }
    | { t: 'down'; col: number; to: 'hv' | 'hw' }
    | { t: 'hv-hw' }
    | { t: 'hw-hw' }
    | { t: 'hw-wire' };
  const pairs = new Map<string, { a: Item; b: Item; kind: Kind }>();
  const colOf = (i: Item) => ('col' in i.where ? i.where.col : -1);
  const isHw = (i: Item) => 'hw' in i.where;
  const isHv = (i: Item) => 'hv' in i.where;
  const isWire = (i: Item) => 'wire' in i.where;
  for (const l of topology.links) {
    const A = items.get(l.from);
    const B = items.get(l.to);
    if (!A || !B || A === B) continue;
    // Canonical order: columns before the band, the band before hardware, hardware before the wire.
    const order = (i: Item) => (colOf(i) >= 0 ? colOf(i) : isHv(i) ? 100 : isHw(i) ? 200 : 300);
    const [a, b] = order(A) < order(B) || (order(A) === order(B) && A.c.index < B.c.index) ? [A, B] : [B, A];
    const key = `${a.c.id}|${b.c.id}`;
    if (pairs.has(key)) continue;
    let kind: Kind;
    if (colOf(a) >= 0 && colOf(b) >= 0) {
      if (colOf(a) === colOf(b)) {
        const ka = cols[colOf(a)]?.indexOf(a.c) ?? 0;
        const kb = cols[colOf(b)]?.indexOf(b.c) ?? 0;
        kind = Math.abs(ka - kb) === 1 ? { t: 'adjacent' } : { t: 'same-col', col: colOf(a) };
      } else kind = { t: 'cols', a: colOf(a), b: colOf(b) };
    } else if (colOf(a) >= 0) kind = isWire(b) ? { t: 'down', col: colOf(a), to: 'hw' } : { t: 'down', col: colOf(a), to: isHv(b) ? 'hv' : 'hw' };
    else if (isHv(a)) kind = isHw(b) || isWire(b) ? { t: 'hv-hw' } : { t: 'hv-hw' };
    else if (isHw(a) && isHw(b)) kind = Math.abs(hw.indexOf(a.c) - hw.indexOf(b.c)) === 1 ? { t: 'adjacent' } : { t: 'hw-hw' };
    else kind = { t: 'hw-wire' };
    pairs.set(key, { a, b, kind });
  }

  // Lanes: per gap (vertical, x), above the hardware row and under it (horizontal, y), the
  // corridor under the columns (horizontal, y). Hardware-bound lanes of a gap come first, so one
  // pass-through window covers them.
  const gapLanes = new Map<number, string[]>(); // gap g: 0 = the root's left margin, g ≥ 1 = after column g - 1
  const addLane = (g: number, key: string, first = false) => {
    const list = gapLanes.get(g) ?? [];
    if (first) list.unshift(key);
    else list.push(key);
    gapLanes.set(g, list);
  };
  /** The gap a column's links leave by: the root by its left margin, a child by its right. */
  const sideGap = (col: number) => (col === 0 ? 0 : col + 1);
  const topLanes: string[] = [];
  const bottomLanes: string[] = [];
  const corridor: string[] = [];
  const sorted = [...pairs.entries()].sort(([, p], [, q]) => (p.kind.t === 'down' && p.kind.to === 'hw' ? 0 : 1) - (q.kind.t === 'down' && q.kind.to === 'hw' ? 0 : 1));
  for (const [key, p] of sorted) {
    const k = p.kind;
    if (k.t === 'same-col') addLane(sideGap(k.col), key);
    else if (k.t === 'cols') {
      addLane(k.a + 1, `${key}|a`);
      if (k.b !== k.a + 1) {
        addLane(k.b, `${key}|b`);
        corridor.push(key);
      }
    } else if (k.t === 'down') {
      addLane(sideGap(k.col), key, false);
      if (k.to === 'hw') topLanes.push(key);
    } else if (k.t === 'hv-hw') {
      /* a straight drop from the band */
    } else if (k.t === 'hw-hw') bottomLanes.push(key);
  }
  const laneX = new Map<string, number>();

  // --- Place the columns --------------------------------------------------------------------------
  const gapW = (g: number) => Math.max(g === 0 ? 12 : 24, 16 + (gapLanes.get(g)?.length ?? 0) * PITCH);
  const zones: { id: string; rect: Rect; col: number; vm: VmId | null }[] = [];
  let x = 0;
  const colH = Math.max(BOX_H, ...cols.map((c) => c.length * (BOX_H + ROW_GAP) - ROW_GAP));
  const corridorY0 = HEADER + colH + 16;
  const PH = corridorY0 + corridor.length * PITCH + 12;
  cols.forEach((col, ci) => {
    const z0 = x;
    if (ci === 0) {
      // The root zone holds its left margin (lanes) and its column.
      const g0 = gapW(0);
      (gapLanes.get(0) ?? []).forEach((k, i) => laneX.set(k, z0 + 8 + g0 - 8 - (i + 1) * PITCH + 4));
      x += g0;
    } else x += PAD;
    const w = Math.max(BOX_W, ...col.map(widthOf));
    for (const c of col) {
      const it = items.get(c.id) as Item;
      it.rect.x = x + (w - it.rect.w) / 2;
    }
    x += w + PAD;
    const vm = ci === 0 ? null : (vms[ci - 1] as VmId);
    if (col.length || ci === 0) zones.push({ id: ci === 0 ? 'zone.root' : `zone.${vm}`, rect: { x: z0, y: 0, w: x - z0, h: PH }, col: ci, vm });
    // The gap after this column.
    const g = ci + 1;
    const gw = gapW(g);
    (gapLanes.get(g) ?? []).forEach((k, i) => laneX.set(k, x + 12 + i * PITCH));
    x += gw;
  });
  const partitionsW = x;

  // --- The band, the lanes above the hardware, the hardware row, the wire -------------------------
  let y = PH + 16;
  const hvRect: Rect | null = hv ? { x: 0, y, w: 0, h: 44 } : null;
  if (hvRect) y += hvRect.h;
  const topLaneY = new Map<string, number>();
  topLanes.forEach((k, i) => topLaneY.set(k, y + 12 + i * PITCH));
  y += 12 + topLanes.length * PITCH + 8;
  const hwZoneY = y;
  const hwRowY = hwZoneY + 12;
  let hx = 16;
  for (const c of hw) {
    const it = items.get(c.id) as Item;
    it.rect = { x: hx, y: hwRowY, w: it.rect.w, h: BOX_H };
    hx += it.rect.w + 24;
  }
  const bottomLaneY = new Map<string, number>();
  bottomLanes.forEach((k, i) => bottomLaneY.set(k, hwRowY + BOX_H + 12 + i * PITCH));
  const hwZoneH = hw.length ? 12 + BOX_H + 10 + bottomLanes.length * PITCH + 10 : 0;
  // The hardware zone's title sits at its right end, over nothing: the zone reaches past the boxes.
  const totalW = Math.max(partitionsW, hx + 150, 420);
  const hwZone: Rect | null = hw.length ? { x: 0, y: hwZoneY, w: totalW, h: hwZoneH } : null;
  if (hvRect) hvRect.w = totalW;
  if (hv && hvRect) (items.get(hv.id) as Item).rect = hvRect;
  const wireY = (hwZone ? y2(hwZone) : hwZoneY) + 18;
  if (wire) {
    const nic = hw.find((c) => c.kind === 'nic');
    const nx = nic ? (items.get(nic.id) as Item).rect.x : 16;
    (items.get(wire.id) as Item).rect = { x: nx, y: wireY, w: 190, h: 38 };
  }

  // --- Attachment points on each box side, spread evenly ------------------------------------------
  const attach = new Map<string, string[]>(); // `${id}|side` → pair keys in order
  const claim = (id: string, side: 'l' | 'r' | 't' | 'b', key: string) => {
    const k = `${id}|${side}`;
    const list = attach.get(k) ?? [];
    if (!list.includes(key)) list.push(key);
    attach.set(k, list);
  };
  const sideOf = (col: number) => (col === 0 ? 'l' : 'r');
  for (const [key, p] of pairs) {
    const k = p.kind;
    if (k.t === 'same-col') {
      claim(p.a.c.id, sideOf(k.col), key);
      claim(p.b.c.id, sideOf(k.col), key);
    } else if (k.t === 'cols') {
      claim(p.a.c.id, 'r', key);
      claim(p.b.c.id, 'l', key);
    } else if (k.t === 'down') {
      claim(p.a.c.id, sideOf(k.col), key);
      if (k.to === 'hw') claim(p.b.c.id, 't', key);
    } else if (k.t === 'hv-hw') claim(p.b.c.id, 't', key);
    else if (k.t === 'hw-hw') {
      claim(p.a.c.id, 'b', key);
      claim(p.b.c.id, 'b', key);
    }
  }
  const at = (id: string, side: 'l' | 'r' | 't' | 'b', key: string): number => {
    const r = (items.get(id) as Item).rect;
    const list = attach.get(`${id}|${side}`) ?? [key];
    const i = Math.max(0, list.indexOf(key));
    const n = list.length;
    if (side === 'l' || side === 'r') return r.y + ((i + 1) * r.h) / (n + 1);
    // Top and bottom: keep clear of the box's centre line, where straight neighbours attach.
    return r.x + ((i + 1) * r.w) / (n + 2) + (i + 1 > n / 2 ? r.w / (n + 2) : 0);
  };

  // --- Polylines ------------------------------------------------------------------------------------
  const passLanes = new Map<number, number[]>(); // gap → x of lanes crossing the band
  const pairPoints = new Map<string, number[]>();
  for (const [key, p] of pairs) {
    const ra = p.a.rect;
    const rb = p.b.rect;
    const k = p.kind;
    let pts: number[];
    if (k.t === 'adjacent') {
      if ('hw' in p.a.where) {
        const [l, r] = ra.x < rb.x ? [ra, rb] : [rb, ra];
        const yy = l.y + l.h / 2;
        pts = ra.x < rb.x ? [x2(l), yy, r.x, yy] : [r.x, yy, x2(l), yy];
      } else {
        const xx = Math.max(ra.x, rb.x) + Math.min(ra.w, rb.w) / 2;
        pts = ra.y < rb.y ? [xx, y2(ra), xx, rb.y] : [xx, ra.y, xx, y2(rb)];
      }
    } else if (k.t === 'same-col') {
      const lx = laneX.get(key) as number;
      const left = k.col === 0;
      const sa = left ? ra.x : x2(ra);
      const sb = left ? rb.x : x2(rb);
      const ya = at(p.a.c.id, left ? 'l' : 'r', key);
      const yb = at(p.b.c.id, left ? 'l' : 'r', key);
      pts = [sa, ya, lx, ya, lx, yb, sb, yb];
    } else if (k.t === 'cols') {
      const ya = at(p.a.c.id, 'r', key);
      const yb = at(p.b.c.id, 'l', key);
      const l1 = laneX.get(`${key}|a`) as number;
      if (k.b === k.a + 1) pts = [x2(ra), ya, l1, ya, l1, yb, rb.x, yb];
      else {
        const l2 = laneX.get(`${key}|b`) as number;
        const cy = corridorY0 + corridor.indexOf(key) * PITCH;
        pts = [x2(ra), ya, l1, ya, l1, cy, l2, cy, l2, yb, rb.x, yb];
      }
    } else if (k.t === 'down') {
      const left = k.col === 0;
      const lx = laneX.get(key) as number;
      const ya = at(p.a.c.id, left ? 'l' : 'r', key);
      const sa = left ? ra.x : x2(ra);
      if (k.to === 'hv') pts = [sa, ya, lx, ya, lx, rb.y];
      else {
        const ty = topLaneY.get(key) as number;
        const tx = 'wire' in p.b.where ? rb.x + rb.w / 2 : at(p.b.c.id, 't', key);
        pts = [sa, ya, lx, ya, lx, ty, tx, ty, tx, rb.y];
        if (hvRect) {
          const g = sideGap(k.col);
          passLanes.set(g, [...(passLanes.get(g) ?? []), lx]);
        }
      }
    } else if (k.t === 'hv-hw') {
      const tx = 'wire' in p.b.where ? rb.x + rb.w - 20 : at(p.b.c.id, 't', key);
      pts = [tx, y2(ra), tx, rb.y];
    } else if (k.t === 'hw-hw') {
      const ly = bottomLaneY.get(key) as number;
      const xa = at(p.a.c.id, 'b', key);
      const xb = at(p.b.c.id, 'b', key);
      pts = [xa, y2(ra), xa, ly, xb, ly, xb, y2(rb)];
    } else {
      // Hardware → the wire, which sits under the NIC.
      const xx = Math.max(ra.x, rb.x) + 24;
      pts = [xx, y2(ra), xx, rb.y];
    }
    pairPoints.set(key, simplify(pts));
  }

  // --- Nodes --------------------------------------------------------------------------------------
  const placed: Placed[] = [];
  const rects = new Map<string, Rect>();
  const nodeOf = new Map<string, string>();
  for (const z of zones) {
    placed.push({
      id: z.id,
      type: 'zone',
      parent: null,
      rect: z.rect,
      data: { role: 'zone', componentId: null, kind: null, ids: z.col === 0 ? ['root.os'] : [], vm: z.vm, n: null, zone: z.col === 0 ? 'root' : 'vm', compact: true, userBand: null, kernelY: null },
    });
    rects.set(z.id, z.rect);
  }
  if (hwZone) {
    placed.push({
      id: 'zone.hardware',
      type: 'zone',
      parent: null,
      rect: hwZone,
      data: { role: 'zone', componentId: null, kind: null, ids: [], vm: null, n: null, zone: 'hardware', compact: true, titleAlign: 'right', userBand: null, kernelY: null },
    });
    rects.set('zone.hardware', hwZone);
  }
  const parentOf = (it: Item) => ('col' in it.where ? (zones.find((z) => z.col === (it.where as { col: number }).col)?.id ?? null) : 'hw' in it.where ? 'zone.hardware' : null);
  for (const it of items.values()) {
    const data: DiagramNodeData = { role: 'component', componentId: it.c.id, kind: it.c.kind, ids: [it.c.id], vm: it.c.vm, n: it.c.n };
    if (it.c.kind === 'hypervisor') data.titleAlign = 'right';
    if (it.c.kind === 'vswitch-extension') data.extension = it.c.id.split('.').at(-1) as DiagramNodeData['extension'];
    placed.push({ id: it.c.id, type: TYPE[it.c.kind] ?? 'component', parent: parentOf(it), rect: it.rect, data });
    rects.set(it.c.id, it.rect);
    nodeOf.set(it.c.id, it.c.id);
  }

  // --- Pass-through windows in the band, labelled where no line runs ------------------------------
  const passThrough: PassThrough[] = [];
  if (hvRect) {
    const segs = [...pairPoints.values()];
    const free = (r: Rect) =>
      !segs.some((p) => {
        for (let i = 0; i + 3 < p.length; i += 2) {
          const [ax, ay, bx, by] = [p[i] as number, p[i + 1] as number, p[i + 2] as number, p[i + 3] as number];
          if (Math.max(ax, bx) >= r.x && Math.min(ax, bx) <= x2(r) && Math.max(ay, by) >= r.y && Math.min(ay, by) <= y2(r)) return true;
        }
        return false;
      }) && !passThrough.some((q) => q.label.x < x2(r) && r.x < x2(q.label)) && x2(r) <= totalW - HV_TITLE_W;
    for (const [g, xs] of passLanes) {
      const x0 = Math.min(...xs) - 4;
      const x1 = Math.max(...xs) + 4;
      const rect: Rect = { x: x0, y: hvRect.y, w: x1 - x0, h: hvRect.h };
      const labelW = g === 0 ? 112 : 84;
      let label: Rect | null = null;
      for (let d = 0; d < totalW && !label; d += 6)
        for (const lx of [x1 + 4 + d, x0 - 4 - labelW - d]) {
          const r: Rect = { x: lx, y: hvRect.y + 4, w: labelW, h: hvRect.h - 8 };
          if (r.x >= 0 && x2(r) <= totalW && free(r)) {
            label = r;
            break;
          }
        }
      passThrough.push({ rect, label: label ?? { x: x1 + 4, y: hvRect.y + 4, w: labelW, h: hvRect.h - 8 }, labelKey: g === 0 ? 'diagram.passThrough.root' : 'diagram.passThrough.vf' });
    }
    passThrough.forEach((p, i) => {
      placed.push({ id: `pass.${i}`, type: 'passlabel', parent: null, rect: p.label, data: { role: 'frame', componentId: null, kind: null, ids: [], vm: null, n: null, foldLabel: p.labelKey }, zIndex: 1 });
      rects.set(`pass.${i}`, p.label);
    });
  }

  // Every component still maps onto a node (packets elsewhere are not drawn: see PacketOverlay's
  // `locate`): components outside the focus map to nothing and their links are `inside` a 0 rect.
  const none: Rect = { x: -1e6, y: -1e6, w: 0, h: 0 };
  const geometry: LinkGeometry[] = topology.links.map((l) => {
    const a = items.get(l.from);
    const b = items.get(l.to);
    if (!a || !b || a === b) return { points: [none.x, none.y, none.x, none.y], inside: none };
    const fwd = pairPoints.get(`${l.from}|${l.to}`);
    if (fwd) return { points: fwd, inside: null };
    const rev = pairPoints.get(`${l.to}|${l.from}`) as number[];
    return { points: reversePoints(rev), inside: null };
  });
  const { nodes, edges } = toFlow(topology, placed, rects, nodeOf, geometry, new Set(), { bus: true });
  const bottom = wire ? wireY + 38 : hwZone ? y2(hwZone) : hvRect ? y2(hvRect) : PH;
  return {
    level: 'full',
    nodes,
    edges,
    linkGeometry: geometry,
    nodeOf,
    rects,
    visibleVms: vms,
    collapsedVms: [],
    bounds: { x: 0, y: 0, w: totalW, h: bottom },
    passThrough,
  };
}
