/**
 * The full-detail layout: a pure function of the topology and which VMs are expanded.
 *
 * It places every component in the arrangement people know from Hyper-V architecture drawings
 * (root partition left, child partitions right, hypervisor band below them, hardware at the
 * bottom, the wire underneath) and routes every topology link as an orthogonal polyline in
 * absolute flow coordinates. The polylines serve twice: React Flow draws them as static edges and
 * the packet overlay moves packets along them, so a packet always glides on the line you see.
 *
 * Invariants:
 * - Computed once per topology (or expansion) change, never per frame.
 * - `linkGeometry[i]` belongs to `topology.links[i]`; its points go from the link's `from` to its
 *   `to` (a reversed link shares the reversed polyline of its partner).
 * - Components of collapsed VMs map onto the "more VMs" group (guest side) or onto aggregate
 *   nodes (their NetVSP, VMWP and vPCI VSP in the root), so their packets stay visible.
 * - Units are React Flow flow units (1 = 1 CSS px at zoom 1).
 */
import type { ComponentInfo, ComponentKind, Topology, VmId } from '../../../engine/types';
import { autoRoute, cx, cy, offsetPolyline, reversePoints, simplify, widestGapCenter, x2, y2 } from './geometry';
import { toFlow } from './toFlow';
import { LAYOUT_DEFAULTS, type DiagramNodeData, type LayoutOptions, type LayoutResult, type LinkGeometry, type PassThrough, type Placed, type Rect } from './types';
import { pickVisibleVms } from './visibleVms';
import { guest, root } from '../../../engine/ids';

// ---------------------------------------------------------------------------------------------
// Geometry constants (flow units)
// ---------------------------------------------------------------------------------------------

const HEADER = 34;
const USER_BAND = { y: HEADER, h: 70 };
const KY = 132; // first kernel row inside a partition
const ROW_H = 42;
const ROOT_W_MIN = 600;
/** Wide enough for each chip's label at the far-zoom font (19 px) with real glyphs, en and ja. */
const CHILD_W = 372;
const GROUP_W = 210;
const ZONE_GAP = 30;
const HV_H = 54;
const LANE = 8;


export function fullLayout(topology: Topology, options: LayoutOptions = {}): LayoutResult {
  const opts = { ...LAYOUT_DEFAULTS, ...options };
  const comps = topology.components;
  const byId = new Map<string, ComponentInfo>(comps.map((c) => [c.id, c]));
  const has = (id: string) => byId.has(id);

  const allVms: VmId[] = comps.filter((c) => c.kind === 'guest-stack' && c.vm).map((c) => c.vm as VmId);
  const { visible, collapsed } = pickVisibleVms(allVms, opts.expanded, opts.maxAllExpanded, opts.slotsWhenCollapsed);
  const collapsedSet = new Set(collapsed);
  /** Root per-VM slots: visible VMs, then one aggregate slot. */
  const slots: (VmId | 'more')[] = [...visible, ...(collapsed.length ? (['more'] as const) : [])];
  const S = Math.max(1, slots.length);
  const slotOf = (vm: VmId | null): number => {
    if (!vm) return 0;
    const i = visible.indexOf(vm);
    return i >= 0 ? i : slots.length - 1;
  };

  const queues = comps.filter((c) => c.kind === 'nic-queue').sort((a, b) => (a.n ?? 0) - (b.n ?? 0));
  const vfs = comps.filter((c) => c.kind === 'nic-vf').sort((a, b) => (a.n ?? 0) - (b.n ?? 0));
  const lps = comps.filter((c) => c.kind === 'lp').sort((a, b) => (a.n ?? 0) - (b.n ?? 0));

  const placed: Placed[] = [];
  const nodeOf = new Map<string, string>();
  const rects = new Map<string, Rect>();

  const comp = (
    id: string,
    type: string,
    parent: string | null,
    rect: Rect,
    extra: Partial<DiagramNodeData> = {},
  ) => {
    const c = byId.get(id);
    if (!c) return;
    placed.push({
      id,
      type,
      parent,
      rect,
      data: {
        role: 'component',
        componentId: id,
        kind: c?.kind ?? null,
        ids: [id],
        vm: c?.vm ?? null,
        n: c?.n ?? null,
        ...extra,
      },
    });
    nodeOf.set(id, id);
    rects.set(id, rect);
  };
  const deco = (id: string, type: string, parent: string | null, rect: Rect, data: Partial<DiagramNodeData>, zIndex?: number) => {
    placed.push({
      id,
      type,
      parent,
      rect,
      data: { role: 'zone', componentId: null, kind: null, ids: [], vm: null, n: null, ...data },
      ...(zIndex !== undefined ? { zIndex } : {}),
    });
    rects.set(id, rect);
  };

  // --- Root partition ------------------------------------------------------------------------
  // colA holds VID and the management OS ("Management OS" is 110 px at 15 px).
  const colA = { x: 14, w: 190 };
  const colB = { x: 224, w: 182 };
  // The gap between the vSwitch column and the NetVSP column carries S + 3 vertical lanes
  // (leftGap below): it widens with the number of slots so no lane runs through a NetVSP box.
  const right = { x: Math.max(420, colB.x + colB.w + 14 + (S + 3) * 5), w: 156 };
  const rowPitch = 92;
  const rootLaneX0 = right.x + right.w + 10; // per-slot vertical lanes to the children
  const rootW = Math.max(ROOT_W_MIN, rootLaneX0 + S * LANE + 10);
  const kernelRowsEnd = KY + S * rowPitch + ROW_H + 10;
  const vswFrame: Rect = { x: colB.x, y: KY, w: colB.w, h: 186 };
  const pfRect: Rect = { x: colB.x, y: KY + 206, w: colB.w, h: ROW_H };
  const childContentH = 330;
  const PH = Math.max(kernelRowsEnd + 16, y2(pfRect) + 24, childContentH + 24);

  const rootZone: Rect = { x: 0, y: 0, w: rootW, h: PH };
  deco('zone.root', 'zone', null, rootZone, { zone: 'root', userBand: USER_BAND, kernelY: KY - 22, ids: ['root.os'] });

  const ub = USER_BAND.y + 26;
  comp('root.vmms', 'component', 'zone.root', { x: colA.x, y: ub, w: colA.w, h: 36 });
  const vmwpW = 84;
  slots.forEach((s, i) => {
    const r: Rect = { x: colB.x + i * (vmwpW + 8), y: ub, w: vmwpW, h: 36 };
    if (s === 'more') {
      aggregate('agg.vmwp', 'vmwp', r);
    } else comp(root.vmwp(s), 'component', 'zone.root', r, { compact: true });
  });

  comp('root.vid', 'component', 'zone.root', { x: colA.x, y: KY, w: 56, h: ROW_H });
  comp('root.os', 'component', 'zone.root', { x: colA.x + 64, y: KY, w: colA.w - 64, h: ROW_H + 4 }, { compact: true });

  deco('frame.vswitch', 'frame', 'zone.root', vswFrame, { zone: 'vswitch' });
  const vswHeader: Rect = { x: vswFrame.x + 8, y: vswFrame.y + 8, w: vswFrame.w - 16, h: 46 };
  comp('root.vswitch', 'component', 'frame.vswitch', vswHeader);
  const extNames = ['capture', 'filter', 'forwarding'] as const;
  extNames.forEach((x, i) => {
    const r: Rect = { x: vswFrame.x + 20, y: vswFrame.y + 62 + i * 40, w: vswFrame.w - 28, h: 32 };
    const id = `root.vswitch.${x}`;
    if (has(id)) comp(id, 'component', 'frame.vswitch', r, { extension: x });
    else {
      placed.push({
        id: `off.${x}`,
        type: 'placeholder',
        parent: 'frame.vswitch',
        rect: r,
        data: { role: 'placeholder', componentId: null, kind: 'vswitch-extension', ids: [], vm: null, n: null, extension: x },
      });
      rects.set(`off.${x}`, r);
    }
  });
  comp('root.pf', 'component', 'zone.root', pfRect);

  slots.forEach((s, i) => {
    const y = KY + i * rowPitch;
    const nr: Rect = { x: right.x, y, w: right.w, h: 40 };
    const vr: Rect = { x: right.x + 16, y: y + 46, w: right.w - 16, h: 38 }; // name + VM tag, two lines
    if (s === 'more') {
      aggregate('agg.netvsp', 'netvsp', nr);
      aggregate('agg.vpci', 'vpci-vsp', vr);
    } else {
      comp(root.netvsp(s), 'component', 'zone.root', nr);
      comp(root.vpci(s), 'component', 'zone.root', vr, { compact: true });
    }
  });
  const vmbusRootRect: Rect = { x: right.x, y: KY + S * rowPitch + 2, w: right.w, h: 40 };
  comp('root.vmbus', 'component', 'zone.root', vmbusRootRect);

  function aggregate(id: string, kind: ComponentKind, r: Rect) {
    const ids = comps.filter((c) => c.kind === kind && c.vm && collapsedSet.has(c.vm)).map((c) => c.id);
    placed.push({
      id,
      type: 'aggregate',
      parent: 'zone.root',
      rect: r,
      data: { role: 'aggregate', componentId: null, kind, ids, vm: null, n: null, vms: collapsed, aggregateOf: kind },
    });
    rects.set(id, r);
    for (const c of ids) nodeOf.set(c, id);
  }

  // --- Child partitions ----------------------------------------------------------------------
  let x = rootW + ZONE_GAP;
  const childX = new Map<VmId, number>();
  for (const vm of visible) {
    const zid = `zone.${vm}`;
    childX.set(vm, x);
    const zr: Rect = { x, y: 0, w: CHILD_W, h: PH };
    deco(zid, 'zone', null, zr, { zone: 'vm', vm, userBand: { y: USER_BAND.y, h: 48 }, kernelY: KY - 40, ids: [] });
    const L = (dx: number, y: number, w: number, h: number): Rect => ({ x: x + dx, y, w, h });
    // Virtual processors: chips in the header.
    const vps = comps.filter((c) => c.kind === 'vp' && c.vm === vm);
    vps.forEach((c, i) => comp(c.id, 'vp', zid, L(CHILD_W - 12 - (vps.length - i) * 36, 7, 32, 22)));
    const r1 = KY - 14;
    const r2 = r1 + 64;
    const r3 = r2 + 70;
    comp(guest.stack(vm), 'component', zid, L(14, r1, CHILD_W - 28, 40));
    comp(guest.legacy(vm), 'component', zid, L(14, r2, 84, 46));
    comp(guest.netvsc(vm), 'component', zid, L(106, r2, CHILD_W - 120, 46));
    comp(guest.vpci(vm), 'component', zid, L(14, r3, 72, 58), { compact: true });
    comp(guest.ringOut(vm), 'ring', zid, L(92, r3, 58, 58));
    comp(guest.ringIn(vm), 'ring', zid, L(154, r3, 58, 58));
    comp(guest.vf(vm), 'component', zid, L(216, r3, 76, 58), { compact: true });
    comp(guest.vmbus(vm), 'component', zid, L(296, r3, 62, 58), { compact: true });
    // Anything else of this VM (future kinds) lands on the zone.
    for (const c of comps) if (c.vm === vm && c.place === vm && !nodeOf.has(c.id)) nodeOf.set(c.id, zid);
    x += CHILD_W + 16;
  }
  let groupRect: Rect | null = null;
  if (collapsed.length) {
    x += 4;
    groupRect = { x, y: 0, w: GROUP_W, h: PH };
    const ids = comps.filter((c) => c.vm && collapsedSet.has(c.vm) && c.place === c.vm).map((c) => c.id);
    placed.push({
      id: 'group.more',
      type: 'collapsed',
      parent: null,
      rect: groupRect,
      data: { role: 'collapsed', componentId: null, kind: null, ids, vm: null, n: null, vms: collapsed },
    });
    rects.set('group.more', groupRect);
    for (const c of ids) nodeOf.set(c, 'group.more');
    x += GROUP_W;
  }
  const partitionsW = x;

  // --- Lanes between partitions and the hypervisor -------------------------------------------
  const gapPartHvTop = PH;
  const laneY = (s: number) => gapPartHvTop + 12 + s * LANE;
  const hvY = gapPartHvTop + 12 + S * LANE + 14;
  const hvBottom = hvY + HV_H;
  const hwLaneY = (k: number) => hvBottom + 10 + k * 7;
  const hwLanesCount = 3 + S;
  const hwY = hvBottom + 10 + hwLanesCount * 7 + 8;

  // --- Hardware ------------------------------------------------------------------------------
  const chipY = hwY + 58;
  const chipH = 50;
  const nicX = 14;
  // The PF ↔ NIC line runs in the frame's left gutter, right of the hardware band's title strip.
  const pfLineX = pfRect.x + 24;
  const qW = 66; // "default" at 14 px
  const vfW = 52;
  const ESW_W = 108; // "Embedded switch" in two lines at 15 px
  // Hardware stays about as wide as the partitions: queue and VF chips beyond the budget aggregate.
  const hwTarget = Math.max(partitionsW, 1060);
  const lpMinCols = Math.min(lps.length, 4);
  const chipBudget = hwTarget - (pfRect.x + 40) - (14 + ESW_W + 18) - 8 - (40 + 150 + 40) - lpMinCols * 72 - 14;
  const slotsLeft = Math.max(4, Math.floor(chipBudget / 62));
  const wantQ = queues.length;
  const wantVf = vfs.length;
  let nQ = Math.min(wantQ, opts.maxQueues + 1, Math.max(2, Math.ceil(slotsLeft / 2)));
  let nVf = Math.min(wantVf, opts.maxVfs, Math.max(2, slotsLeft - nQ));
  if (nQ < wantQ) nQ = Math.max(1, nQ - 1); // room for the "+N" chip
  if (nVf < wantVf) nVf = Math.max(1, nVf - 1);
  const shownQueues = queues.slice(0, nQ);
  const moreQueues = queues.slice(nQ);
  const shownVfs = vfs.slice(0, nVf);
  const moreVfs = vfs.slice(nVf);
  let hx = pfRect.x + 40; // queue chips start right of the PF line
  const queueRects: Rect[] = [];
  for (let i = 0; i < shownQueues.length; i++) {
    queueRects.push({ x: hx, y: chipY, w: qW, h: chipH });
    hx += qW + 6;
  }
  const moreQueueRect = moreQueues.length ? { x: hx, y: chipY, w: 62, h: chipH } : null;
  if (moreQueueRect) hx += 62 + 6;
  hx += 14;
  const eswRect: Rect = { x: hx, y: chipY, w: ESW_W, h: chipH };
  hx += ESW_W + 18;
  const vfRects: Rect[] = [];
  for (let i = 0; i < shownVfs.length; i++) {
    vfRects.push({ x: hx, y: chipY, w: vfW, h: chipH });
    hx += vfW + 6;
  }
  const moreVfRect = moreVfs.length ? { x: hx, y: chipY, w: 58, h: chipH } : null;
  if (moreVfRect) hx += 58 + 6;
  const nicFrame: Rect = { x: nicX, y: hwY + 30, w: hx + 8 - nicX, h: chipH + 28 + 20 + 40 + 14 };
  const nicLaneY = chipY + chipH + 14;
  const nicRect: Rect = { x: nicX + 8, y: nicLaneY + 16, w: nicFrame.w - 16, h: 40 };

  const iommuRect: Rect = { x: x2(nicFrame) + 40, y: chipY, w: 150, h: 74 };
  // Logical processors: a grid right of the IOMMU, as many columns as the width allows.
  const lpX0 = x2(iommuRect) + 40;
  const lpW = 66;
  const lpH = 38;
  const lpCols = Math.max(1, Math.min(lps.length, 16, Math.max(lpMinCols, Math.floor((hwTarget - 14 - lpX0) / (lpW + 6)))));
  const lpRows = Math.ceil(lps.length / lpCols);
  const lpRect = (i: number): Rect => ({ x: lpX0 + (i % lpCols) * (lpW + 6), y: hwY + 40 + Math.floor(i / lpCols) * (lpH + 6), w: lpW, h: lpH });
  const lpGridRight = lpX0 + lpCols * (lpW + 6);
  const hwContentBottom = Math.max(y2(nicFrame), hwY + 40 + lpRows * (lpH + 6));

  const totalW = Math.max(partitionsW, lpGridRight + 14);
  const hwZone: Rect = { x: 0, y: hwY, w: totalW, h: hwContentBottom - hwY + 14 };

  // Hypervisor band spans everything.
  comp('hv', 'hypervisor', null, { x: 0, y: hvY, w: totalW, h: HV_H });

  deco('zone.hardware', 'zone', null, hwZone, { zone: 'hardware' });
  deco('frame.nic', 'frame', 'zone.hardware', nicFrame, { zone: 'nic', ids: ['nic'] });
  shownQueues.forEach((q, i) => comp(q.id, 'queue', 'frame.nic', queueRects[i] as Rect));
  if (moreQueueRect) {
    placed.push({
      id: 'agg.queue',
      type: 'aggregate',
      parent: 'frame.nic',
      rect: moreQueueRect,
      data: { role: 'aggregate', componentId: null, kind: 'nic-queue', ids: moreQueues.map((q) => q.id), vm: null, n: null, aggregateOf: 'nic-queue', compact: true },
    });
    rects.set('agg.queue', moreQueueRect);
    for (const q of moreQueues) nodeOf.set(q.id, 'agg.queue');
  }
  comp('nic.eswitch', 'component', 'frame.nic', eswRect, { compact: true });
  shownVfs.forEach((v, i) => comp(v.id, 'nicvf', 'frame.nic', vfRects[i] as Rect));
  if (moreVfRect) {
    placed.push({
      id: 'agg.vf',
      type: 'aggregate',
      parent: 'frame.nic',
      rect: moreVfRect,
      data: { role: 'aggregate', componentId: null, kind: 'nic-vf', ids: moreVfs.map((q) => q.id), vm: null, n: null, aggregateOf: 'nic-vf', compact: true },
    });
    rects.set('agg.vf', moreVfRect);
    for (const q of moreVfs) nodeOf.set(q.id, 'agg.vf');
  }
  comp('nic', 'nic', 'frame.nic', nicRect);
  comp('iommu', 'iommu', 'zone.hardware', iommuRect);
  lps.forEach((c, i) => comp(c.id, 'lp', 'zone.hardware', lpRect(i)));

  const wireRect: Rect = { x: nicRect.x + 40, y: y2(hwZone) + 26, w: 220, h: 40 };
  comp('wire', 'wire', null, wireRect);

  // Anything not placed yet (a kind this layout does not know) goes to its zone so links still draw.
  for (const c of comps) {
    if (nodeOf.has(c.id)) continue;
    const fallback = c.place === 'root' ? 'zone.root' : c.place === 'hardware' ? 'zone.hardware' : c.vm && childX.has(c.vm) ? `zone.${c.vm}` : c.vm ? 'group.more' : 'hv';
    nodeOf.set(c.id, rects.has(fallback) ? fallback : 'hv');
  }

  // --- Routing -------------------------------------------------------------------------------
  const R = (id: string) => rects.get(nodeOf.get(id) ?? '') as Rect;
  const kindOf = (id: string) => byId.get(id)?.kind;
  const vmOf = (id: string) => byId.get(id)?.vm ?? null;
  const gapAB = colA.x + colA.w + (colB.x - colA.x - colA.w) / 2; // lane x between column A and B
  const leftGap = (k: number) => colB.x + colB.w + 6 + k * 5; // lanes between vSwitch column and NetVSP column
  const slotLaneX = (s: number) => rootLaneX0 + (S - 1 - s) * LANE;
  const userLaneY = USER_BAND.y + USER_BAND.h + 8;

  /**
   * Routes for an ordered pair (a → b) where the pair needs a hand-made path. Returns null to fall
   * back to the reverse pair's route (reversed) or the automatic router.
   */
  function special(a: string, b: string): number[] | null {
    const ka = kindOf(a);
    const kb = kindOf(b);
    const ra = R(a);
    const rb = R(b);
    const key = `${ka}>${kb}`;
    switch (key) {
      case 'netvsp>ring-out':
      case 'netvsp>ring-in':
      case 'netvsp>vpci-vsp':
      case 'vpci-vsp>vpci-vsc': {
        const s = slotOf(vmOf(a));
        const lx = slotLaneX(s);
        const ly = laneY(s);
        return [x2(ra), cy(ra), lx, cy(ra), lx, ly, cx(rb), ly, cx(rb), y2(rb)];
      }
      case 'netvsp>vswitch': {
        const s = slotOf(vmOf(a));
        const lx = leftGap(s);
        return [ra.x, cy(ra) - 6, lx, cy(ra) - 6, lx, cy(rb), x2(rb), cy(rb)];
      }
      case 'vswitch>netvsp':
      case 'vswitch-extension>netvsp': {
        const s = slotOf(vmOf(b));
        const lx = leftGap(s) + 2;
        return [x2(ra), cy(ra), lx, cy(ra), lx, cy(rb) + 6, rb.x, cy(rb) + 6];
      }
      case 'vmbus-root>netvsp':
      case 'vmbus-root>vpci-vsp': {
        const lx = leftGap(S) + 4;
        return [ra.x, cy(ra), lx, cy(ra), lx, cy(rb), rb.x, cy(rb)];
      }
      case 'vpci-vsp>pf-miniport': {
        const lx = leftGap(S + 1) + 4;
        return [ra.x, cy(ra), lx, cy(ra), lx, cy(rb), x2(rb), cy(rb)];
      }
      case 'vmms>vmwp':
        return [cx(ra) + 30, ra.y, cx(ra) + 30, USER_BAND.y + 12, cx(rb), USER_BAND.y + 12, cx(rb), rb.y];
      case 'vmms>vswitch':
        return [cx(ra) + 40, y2(ra), cx(ra) + 40, userLaneY - 4, cx(rb) - 40, userLaneY - 4, cx(rb) - 40, rb.y];
      case 'vmms>netvsp': {
        const lx = leftGap(S + 2) + 4;
        return [cx(ra) + 60, y2(ra), cx(ra) + 60, userLaneY + 6, lx, userLaneY + 6, lx, cy(rb) - 12, rb.x, cy(rb) - 12];
      }
      case 'vmwp>legacy-nic': {
        // Received frame written into guest RAM: along the lane under the user band, into the child's left margin.
        const ly = USER_BAND.y + USER_BAND.h + 3;
        const mx = (childX.get(vmOf(b) as VmId) ?? rb.x) + 7;
        return [cx(ra) + 24, y2(ra), cx(ra) + 24, ly, mx, ly, mx, cy(rb) - 8, rb.x, cy(rb) - 8];
      }
      case 'vid>vmwp':
        return [x2(ra) - 10, ra.y, x2(ra) - 10, userLaneY, cx(rb) - 10, userLaneY, cx(rb) - 10, y2(rb)];
      case 'vmwp>vswitch':
        return [cx(ra) + 10, y2(ra), cx(ra) + 10, userLaneY + 4, cx(rb), userLaneY + 4, cx(rb), rb.y];
      case 'vswitch>vmwp':
      case 'vswitch-extension>vmwp':
        return [ra.x, cy(ra), gapAB - 3, cy(ra), gapAB - 3, userLaneY + 12, cx(rb) + 20, userLaneY + 12, cx(rb) + 20, y2(rb)];
      case 'pf-miniport>vswitch':
        return [ra.x, cy(ra), gapAB + 3, cy(ra), gapAB + 3, cy(rb), rb.x, cy(rb)];
      case 'vswitch>vswitch-extension': {
        // The first extension switched on is not the top one: down the frame's left margin.
        if (b === 'root.vswitch.capture') return null;
        const lx = vswFrame.x + 14;
        return [lx, y2(ra), lx, cy(rb), rb.x, cy(rb)];
      }
      case 'vswitch-extension>vswitch-extension': {
        // Capture to forwarding with the filter switched off: around its placeholder on the right.
        if (a !== 'root.vswitch.capture' || b !== 'root.vswitch.forwarding') return null;
        const lx = x2(vswFrame) - 4;
        return [x2(ra), cy(ra), lx, cy(ra), lx, cy(rb), x2(rb), cy(rb)];
      }
      case 'vswitch-extension>pf-miniport': {
        // The last extension switched on is not the bottom one: down the frame's right margin,
        // clear of the switched-off extensions' placeholders below it.
        if (a === 'root.vswitch.forwarding') return null;
        const lx = x2(vswFrame) - 4;
        return [x2(ra), cy(ra), lx, cy(ra), lx, rb.y];
      }
      case 'pf-miniport>nic':
        return [pfLineX, y2(ra), pfLineX, rb.y];
      case 'pf-miniport>hypervisor':
        return [pfLineX + 12, y2(ra), pfLineX + 12, rb.y];
      case 'pf-miniport>nic-eswitch':
        return [ra.x + 70, y2(ra), ra.x + 70, hwLaneY(1), cx(rb), hwLaneY(1), cx(rb), rb.y];
      case 'nic-queue>pf-miniport': {
        const ex = rb.x + 40 + 5 * Math.min(12, byId.get(a)?.n ?? 0);
        return [cx(ra) - 8, ra.y, cx(ra) - 8, hwLaneY(0), ex, hwLaneY(0), ex, y2(rb)];
      }
      case 'nic-queue>hypervisor':
        return [cx(ra) + 12, ra.y, cx(ra) + 12, y2(rb)];
      case 'nic-vf>hypervisor':
        return [cx(ra) + 12, ra.y, cx(ra) + 12, y2(rb)];
      case 'nic>nic-queue':
        return [cx(rb), ra.y, cx(rb), y2(rb)];
      case 'nic>nic-eswitch':
        return [cx(rb), ra.y, cx(rb), y2(rb)];
      case 'nic-eswitch>nic-queue':
        return [cx(ra) - 20, y2(ra), cx(ra) - 20, nicLaneY, cx(rb) + 10, nicLaneY, cx(rb) + 10, y2(rb)];
      case 'nic-eswitch>nic-vf':
        return [cx(ra) + 20, y2(ra), cx(ra) + 20, nicLaneY - 4, cx(rb), nicLaneY - 4, cx(rb), y2(rb)];
      case 'nic-vf>iommu':
        return [cx(ra) - 10, y2(ra), cx(ra) - 10, nicLaneY + 4, rb.x + 20, nicLaneY + 4, rb.x + 20, y2(rb)];
      case 'vf-miniport>iommu':
      case 'vf-miniport>nic-vf': {
        const s = slotOf(vmOf(a));
        const ly = hwLaneY(3 + s);
        const off = kb === 'iommu' ? 6 : -6;
        const tx = kb === 'iommu' ? cx(rb) + (s - S / 2) * 10 : cx(rb);
        return [cx(ra) + off, y2(ra), cx(ra) + off, ly, tx, ly, tx, rb.y];
      }
      case 'vf-miniport>hypervisor':
        return [cx(ra) + 16, y2(ra), cx(ra) + 16, rb.y];
      case 'netvsc>hypervisor':
        return [x2(ra), cy(ra) + 10, x2(ra) + 18, cy(ra) + 10, x2(ra) + 18, rb.y];
      case 'legacy-nic>hypervisor':
        return [ra.x, cy(ra), ra.x - 8, cy(ra), ra.x - 8, rb.y];
      case 'vmbus-guest>vpci-vsc':
      case 'vpci-vsc>vf-miniport': {
        const ly = y2(ra) + 10;
        return [cx(ra) + 8, y2(ra), cx(ra) + 8, ly, cx(rb) - 8, ly, cx(rb) - 8, y2(rb)];
      }
      case 'vid>hypervisor':
        return [cx(ra), y2(ra), cx(ra), rb.y];
      case 'netvsp>hypervisor': {
        // The channel's interrupt: down the VM's own slot lane, right of every root box.
        const lx = slotLaneX(slotOf(vmOf(a)));
        return [x2(ra), cy(ra) + 8, lx, cy(ra) + 8, lx, rb.y];
      }
      case 'vmwp>hypervisor':
        // Intercepts reach the worker process from the hypervisor: one bus up over the user band
        // and down the root partition's left margin, clear of every kernel box.
        return [cx(ra) - 24, ra.y, cx(ra) - 24, USER_BAND.y + 6, 6, USER_BAND.y + 6, 6, rb.y];
      case 'vmbus-root>hypervisor':
        return [cx(ra), y2(ra), cx(ra), rb.y];
      case 'wire>nic':
        return [cx(ra), ra.y, cx(ra), y2(rb)];
      default:
        return null;
    }
  }

  const geometry: LinkGeometry[] = [];
  for (const l of topology.links) {
    const na = nodeOf.get(l.from) as string;
    const nb = nodeOf.get(l.to) as string;
    if (na === nb) {
      const r = rects.get(na) as Rect;
      geometry.push({ points: [cx(r), cy(r), cx(r), cy(r)], inside: r, ...(na === 'group.more' ? { summarized: true } : {}) });
      continue;
    }
    let pts: number[] | null;
    const aIsCollapsedGuest = na === 'group.more';
    const bIsCollapsedGuest = nb === 'group.more';
    if (!aIsCollapsedGuest && !bIsCollapsedGuest) {
      pts = special(l.from, l.to);
      if (!pts) {
        const rev = special(l.to, l.from);
        if (rev) pts = reversePoints(rev);
      }
    } else {
      // Collapsed VMs: links arrive at the bottom of the group (root side via the last slot lane).
      const other = aIsCollapsedGuest ? l.to : l.from;
      const ro = R(other);
      const g = groupRect as Rect;
      const ko = kindOf(other);
      let toGroup: number[];
      if (ko === 'netvsp' || ko === 'vpci-vsp') {
        const s = S - 1;
        const lx = slotLaneX(s);
        const ly = laneY(s);
        const tx = cx(g) + (ko === 'vpci-vsp' ? 40 : -20);
        toGroup = [x2(ro), cy(ro), lx, cy(ro), lx, ly, tx, ly, tx, y2(g)];
      } else if (ko === 'hypervisor') {
        toGroup = [cx(g), ro.y, cx(g), y2(g)];
      } else if (ko === 'vmwp') {
        const ly = USER_BAND.y + USER_BAND.h + 3;
        toGroup = [cx(ro) + 24, y2(ro), cx(ro) + 24, ly, g.x, ly];
      } else if (ko === 'iommu' || ko === 'nic-vf') {
        const ly = hwLaneY(3 + S - 1);
        const gx = cx(g) + 60;
        toGroup = [cx(ro), ro.y, cx(ro), ly, gx, ly, gx, y2(g)];
      } else {
        toGroup = autoRoute(ro, g);
      }
      pts = aIsCollapsedGuest ? reversePoints(toGroup) : toGroup;
    }
    if (!pts) pts = autoRoute(rects.get(na) as Rect, rects.get(nb) as Rect);
    pts = simplify(pts);
    if (l.kind === 'signal') pts = offsetPolyline(pts, canonicalSign(l.from, l.to) * 3.5);
    else if (l.kind === 'control') pts = offsetPolyline(pts, canonicalSign(l.from, l.to) * -3.5);
    geometry.push({ points: pts, inside: null });
  }

  /** +1 when (from, to) is in canonical order, so both directions of a pair offset to the same side. */
  function canonicalSign(from: string, to: string) {
    return from < to ? 1 : -1;
  }

  // Where a line crosses the hypervisor band without going through the hypervisor, a window
  // says so: the root's direct access to its device, and each VM's VF (DMA through the IOMMU).
  const passLabelW = 112;
  const passThrough: PassThrough[] = [
    { rect: { x: pfRect.x, y: hvY, w: pfRect.w, h: HV_H }, label: { x: pfRect.x - 8 - passLabelW, y: hvY + 4, w: passLabelW, h: HV_H - 8 }, labelKey: 'diagram.passThrough.root' },
  ];
  for (const vm of visible) {
    const r = rects.get(`${vm}.vf`);
    if (!r) continue;
    passThrough.push({
      rect: { x: cx(r) - 10, y: hvY, w: 20, h: HV_H },
      label: { x: cx(r) - 14 - 72, y: hvY + 4, w: 72, h: HV_H - 8 },
      labelKey: 'diagram.passThrough.vf',
    });
  }
  if (groupRect) {
    const gx = cx(groupRect) + 60; // where the collapsed VMs' VF lines drop (see the group routes)
    passThrough.push({ rect: { x: gx - 10, y: hvY, w: 20, h: HV_H }, label: { x: gx - 14 - 72, y: hvY + 4, w: 72, h: HV_H - 8 }, labelKey: 'diagram.passThrough.vf' });
  }
  // The hypervisor's title and its summary line in the widest stretch of the band the windows leave.
  const hvPlaced = placed.find((p) => p.id === 'hv');
  if (hvPlaced) hvPlaced.data = { ...hvPlaced.data, foldTitleX: widestGapCenter(passThrough.flatMap((p) => [[p.rect.x, x2(p.rect)] as const, [p.label.x, x2(p.label)] as const]), 0, totalW) };
  passThrough.forEach((p, i) => {
    placed.push({ id: `pass.${i}`, type: 'passlabel', parent: null, rect: p.label, data: { role: 'frame', componentId: null, kind: null, ids: [], vm: null, n: null, foldLabel: p.labelKey }, zIndex: 1 });
    rects.set(`pass.${i}`, p.label);
  });
  const { nodes, edges } = toFlow(topology, placed, rects, nodeOf, geometry, collapsedSet);
  const bounds: Rect = { x: 0, y: 0, w: totalW, h: y2(wireRect) };
  return { level: 'full', nodes, edges, linkGeometry: geometry, nodeOf, rects, visibleVms: visible, collapsedVms: collapsed, bounds, passThrough };
}
