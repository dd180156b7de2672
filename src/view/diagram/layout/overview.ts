/**
 * The folded levels of detail, for panes where the full drawing would have to shrink below a
 * readable size: `overview` and `minimal` show fewer, larger boxes in the same arrangement
 * (root partition left, child partitions right, hypervisor band, hardware at the bottom).
 *
 * - The root's management internals (management OS, VMMS, VID, VMBus, worker processes, vPCI VSPs)
 *   fold into "virtualization stack"; NetVSP, the extensible switch and the PF miniport stay.
 * - A child shows its guest stack and its three adapters (NetVSC with its rings and VMBus, the VF
 *   miniport, the emulated 21140); `minimal` folds the adapters into one box.
 * - Hardware: VMQ queues, the embedded switch with its VFs, IOMMU, logical processors, the NIC port.
 *
 * Every component still maps (`nodeOf`) onto the box that contains it, so packets, selection,
 * highlight and notes keep working; the full level is one click away.
 *
 * Routing is by hand and deterministic, laid out so that no link crosses a box it does not
 * connect or a label (checked by `intersections.ts`):
 * - links between the root and a child run in a corridor between the guest stack row and the
 *   adapter row, one lane per (VM, pair), and drop into the box from above;
 * - links from the root to hardware pass the hypervisor band in one labelled window at its left
 *   ("direct device access"), those of an SR-IOV VF in a labelled window under each VF;
 * - every other link is a straight or single-corner segment between neighbours.
 * Links between the same two boxes share one polyline (a bus).
 */
import type { ComponentInfo, ComponentKind, Topology, VmId } from '../../../engine/types';
import { autoRoute, cx, cy, reversePoints, simplify, widestGapCenter, x2, y2 } from './geometry';
import { toFlow } from './toFlow';
import type { DetailLevel, DiagramNodeData, LayoutOptions, LayoutResult, LinkGeometry, PassThrough, Placed, Rect } from './types';
import { pickVisibleVms } from './visibleVms';
import { guest as guestId, root } from '../../../engine/ids';

/** Font size (flow units) of the folded boxes' labels; see FoldNode. */
export const FOLD_LABEL_PX = 18;

const ROOT_FOLD: Partial<Record<ComponentKind, string>> = {
  'root-os': 'f.stack',
  vmms: 'f.stack',
  vid: 'f.stack',
  'vmbus-root': 'f.stack',
  vmwp: 'f.stack',
  'vpci-vsp': 'f.stack',
  netvsp: 'f.netvsp',
  vswitch: 'f.vswitch',
  'vswitch-extension': 'f.vswitch',
  'pf-miniport': 'f.pf',
  hypervisor: 'f.hv',
  'nic-queue': 'f.queues',
  'nic-eswitch': 'f.vfs',
  'nic-vf': 'f.vfs',
  iommu: 'f.iommu',
  lp: 'f.lps',
  nic: 'f.nic',
  wire: 'f.wire',
};

const VM_FOLD: Partial<Record<ComponentKind, 'guest' | 'netvsc' | 'vf' | 'legacy'>> = {
  'guest-stack': 'guest',
  vp: 'guest',
  netvsc: 'netvsc',
  'ring-out': 'netvsc',
  'ring-in': 'netvsc',
  'vmbus-guest': 'netvsc',
  'vpci-vsc': 'netvsc',
  'vf-miniport': 'vf',
  'legacy-nic': 'legacy',
};

interface Box {
  id: string;
  rect: Rect;
  label: string;
  sub?: string | null;
  tone: NonNullable<DiagramNodeData['foldTone']>;
  /** The component a click selects. */
  pick: string;
  parent: string | null;
  vm?: VmId | null;
}

export function overviewLayout(topology: Topology, options: LayoutOptions & { level: Exclude<DetailLevel, 'full'> }): LayoutResult {
  const minimal = options.level === 'minimal';
  /** `minimal` for a narrow portrait pane (a phone): the child partitions stack in one column. */
  const narrow = minimal && options.narrow === true;
  const comps = topology.components;
  const byId = new Map<string, ComponentInfo>(comps.map((c) => [c.id, c]));
  const allVms: VmId[] = comps.filter((c) => c.kind === 'guest-stack' && c.vm).map((c) => c.vm as VmId);
  const { visible, collapsed } = pickVisibleVms(allVms, options.expanded, 3, 2);
  const collapsedSet = new Set(collapsed);
  const slots: (VmId | 'more')[] = [...visible, ...(collapsed.length ? (['more'] as const) : [])];

  // --- Geometry (flow units) ------------------------------------------------------------------
  const RW = 300; // root partition width
  // Box widths hold their labels at the fold font (18 px) with real glyphs in en and ja
  // ("Virtualization" is 137 px of text; padding and border take 10 more): e2e/legibility.ts measureFit.
  const colL = { x: 12, w: 152 };
  const colR = { x: 176, w: 112 };
  const VW = minimal ? 124 : 240; // child partition width
  const GROUP_W = 200;
  // Rows: `minimal` is flatter, for wide, short panes (embeds, phones).
  const G = minimal
    ? { stackH: 64, rowB: 120, rowBH: 56, pfY: 192, pfH: 44, PH: 250, guestH: 46, chipY: 128, chipH: 56, lane0: 86, lanePitch: 4 }
    : { stackH: 84, rowB: 148, rowBH: 64, pfY: 232, pfH: 48, PH: 296, guestH: 48, chipY: 142, chipH: 70, lane0: 98, lanePitch: 5 };
  const stackR: Rect = { x: colL.x, y: 40, w: colL.w, h: G.stackH };
  const vswR: Rect = { x: colL.x, y: G.rowB, w: colL.w, h: G.rowBH };
  const netvspR: Rect = { x: colR.x, y: G.rowB, w: colR.w, h: G.rowBH };
  const pfR: Rect = { x: colL.x, y: G.pfY, w: colL.w, h: G.pfH };
  /** narrow: one child partition under the other, right of the root; lanes left and right of that column. */
  const N = { gapL: 16 + 2 * 3 * 4 + 8, vh: 158, pitch: 4 };
  const colX = RW + N.gapL;
  const slotY = (i: number) => (narrow ? i * (N.vh + 10) : 0);
  const PH = narrow ? Math.max(G.PH, slots.length * (N.vh + 10) - 10) : G.PH;
  const guestY = 40;
  const guestH = G.guestH;
  const chipY = G.chipY; // adapter row in a child
  const chipH = G.chipH;
  /** Corridor lanes between the guest row and the adapter row: 3 per slot. */
  const laneY = (slot: number, k: 0 | 1 | 2) => G.lane0 + (slot * 3 + k) * G.lanePitch;

  const boxes: Box[] = [];
  const placed: Placed[] = [];
  const rects = new Map<string, Rect>();
  const nodeOf = new Map<string, string>();
  const zone = (id: string, r: Rect, data: Partial<DiagramNodeData>) => {
    placed.push({ id, type: 'zone', parent: null, rect: r, data: { role: 'zone', componentId: null, kind: null, ids: [], vm: null, n: null, compact: true, userBand: null, kernelY: null, ...data } });
    rects.set(id, r);
  };

  zone('zone.root', { x: 0, y: 0, w: RW, h: PH }, { zone: 'root', ids: ['root.os'] });
  const firstNetvsp = visible[0] ? root.netvsp(visible[0]) : (comps.find((c) => c.kind === 'netvsp')?.id ?? 'root.vswitch');
  boxes.push(
    { id: 'f.stack', rect: stackR, label: 'diagram.fold.stack', sub: 'diagram.fold.stackSub', tone: 'root', pick: 'root.vmms', parent: 'zone.root' },
    { id: 'f.vswitch', rect: vswR, label: 'diagram.short.vswitch', tone: 'root', pick: 'root.vswitch', parent: 'zone.root' },
    { id: 'f.netvsp', rect: netvspR, label: 'diagram.short.netvsp', sub: 'diagram.fold.perVm', tone: 'root', pick: firstNetvsp, parent: 'zone.root' },
    { id: 'f.pf', rect: pfR, label: 'diagram.short.pf-miniport', tone: 'root', pick: 'root.pf', parent: 'zone.root' },
  );

  const slotX = (i: number) => (narrow ? colX : RW + 16 + i * (VW + 10));
  const vmBoxes = new Map<VmId, { guest: Rect; netvsc: Rect; vf: Rect; legacy: Rect }>();
  visible.forEach((vm, i) => {
    const x0 = slotX(i);
    const zid = `zone.${vm}`;
    const y0 = slotY(i);
    zone(zid, { x: x0, y: y0, w: VW, h: narrow ? N.vh : PH }, { zone: 'vm', vm });
    const guest: Rect = { x: x0 + 12, y: y0 + (narrow ? 32 : guestY), w: VW - 24, h: guestH };
    boxes.push({ id: `f.${vm}.guest`, rect: guest, label: 'diagram.short.guest-stack', tone: 'vm', pick: guestId.stack(vm), parent: zid, vm });
    if (minimal) {
      // "Adapters" / "アダプター" (92 px of text) need 102 px: a narrower margin than the guest row's.
      const a: Rect = narrow ? { x: x0 + 8, y: y0 + 90, w: VW - 16, h: 58 } : { x: x0 + 8, y: chipY, w: VW - 16, h: chipH };
      boxes.push({ id: `f.${vm}.adapter`, rect: a, label: 'diagram.fold.adapters', tone: 'vm', pick: guestId.netvsc(vm), parent: zid, vm });
      vmBoxes.set(vm, { guest, netvsc: a, vf: a, legacy: a });
    } else {
      // "Intel 21140" wraps to two lines of ≤ 63 px, "NetVSC" is 76 px: each box its text + 16
      // (padding, and the presenter's 2-px borders).
      const legacy: Rect = { x: x0 + 6, y: chipY, w: 80, h: chipH };
      const netvsc: Rect = { x: x0 + 90, y: chipY, w: 92, h: chipH };
      const vf: Rect = { x: x0 + 186, y: chipY, w: 44, h: chipH };
      boxes.push(
        { id: `f.${vm}.legacy`, rect: legacy, label: 'diagram.fold.legacy', tone: 'vm', pick: guestId.legacy(vm), parent: zid, vm },
        { id: `f.${vm}.netvsc`, rect: netvsc, label: 'diagram.short.netvsc', sub: 'diagram.fold.netvscSub', tone: 'vm', pick: guestId.netvsc(vm), parent: zid, vm },
        { id: `f.${vm}.vf`, rect: vf, label: 'diagram.fold.vf', tone: 'vm', pick: guestId.vf(vm), parent: zid, vm },
      );
      vmBoxes.set(vm, { guest, netvsc, vf, legacy });
    }
  });
  let groupRect: Rect | null = null;
  if (collapsed.length) {
    groupRect = narrow ? { x: colX, y: slotY(visible.length), w: VW, h: N.vh } : { x: slotX(visible.length), y: 0, w: GROUP_W, h: PH };
    const ids = comps.filter((c) => c.vm && collapsedSet.has(c.vm) && c.place === c.vm).map((c) => c.id);
    placed.push({ id: 'group.more', type: 'collapsed', parent: null, rect: groupRect, data: { role: 'collapsed', componentId: null, kind: null, ids, vm: null, n: null, vms: collapsed, compact: true } });
    rects.set('group.more', groupRect);
    for (const c of ids) nodeOf.set(c, 'group.more');
  }
  /** narrow: the lanes right of the child column, three per slot (hypervisor, IOMMU, NIC). */
  const gutterX0 = colX + VW + 10;
  const partitionsW = narrow
    ? gutterX0 + 3 * slots.length * N.pitch + 8
    : groupRect
      ? x2(groupRect)
      : visible.length
        ? slotX(visible.length - 1) + VW
        : RW;

  // Hypervisor band, the lanes under it, hardware.
  const hvY = PH + 16;
  const HV_H = 48;
  const hwLaneY = (k: number) => hvY + HV_H + 12 + k * 6;
  const hwLanes = 2 + slots.length;
  const hwY = hwLaneY(hwLanes) + 8;
  const hwChipY = hwY + (minimal ? 12 : 40);
  const hwChipH = 56;
  // `minimal`: the NIC's queues, switch and VFs are one box and the wire sits beside it.
  // 144 wide: "VMQ queues" stays on one line with the accent border of an active fold, so the
  // "▸ Queue" line under it fits the box.
  const queuesR: Rect = minimal ? { x: 60, y: hwChipY, w: 150, h: hwChipH } : { x: 60, y: hwChipY, w: 144, h: hwChipH };
  const vfsR: Rect = minimal ? queuesR : { x: 212, y: hwChipY, w: 144, h: hwChipH };
  const iommuR: Rect = { x: x2(vfsR) + 24, y: hwChipY, w: 100, h: hwChipH };
  // "論理プロセッサ" is 126 px of text.
  const lpsR: Rect = minimal ? { x: x2(iommuR) + 24, y: hwY + 34, w: 148, h: 48 } : { x: x2(iommuR) + 24, y: hwChipY, w: 148, h: hwChipH };
  const nicR: Rect = minimal ? queuesR : { x: 14, y: hwChipY + hwChipH + 14, w: x2(vfsR) - 14, h: 40 };
  const hwBottom = (minimal ? y2(lpsR) + 10 : y2(nicR) + 14);
  // minimal: level with the LPs, below the hardware band's (right-aligned) title strip.
  // "外部ネットワーク" is 108 px on one line (minimal); "External network" takes two lines (42 px high).
  // (narrow: under the NIC, below the hardware band, so the hardware is no wider than the partitions.)
  const wireR: Rect = narrow
    ? { x: queuesR.x + 20, y: hwBottom + 20, w: 128, h: 44 }
    : minimal
      ? { x: x2(lpsR) + 24, y: lpsR.y, w: 128, h: 44 }
      : { x: 100, y: hwBottom + 24, w: 180, h: 48 };
  const totalW = Math.max(partitionsW, x2(minimal && !narrow ? wireR : lpsR) + 14);
  const hwZone: Rect = { x: 0, y: hwY, w: totalW, h: hwBottom - hwY };
  const hvR: Rect = { x: 0, y: hvY, w: totalW, h: HV_H };
  const lpCount = comps.filter((c) => c.kind === 'lp').length;
  zone('zone.hardware', hwZone, { zone: 'hardware', titleAlign: 'right' });
  boxes.push(
    { id: 'f.hv', rect: hvR, label: 'components.hypervisor.title', tone: 'hv', pick: 'hv', parent: null },
    ...(minimal
      ? [{ id: 'f.nic', rect: nicR, label: 'diagram.short.nic', sub: 'diagram.fold.nicSub', tone: 'hardware' as const, pick: 'nic', parent: 'zone.hardware' }]
      : [
          { id: 'f.queues', rect: queuesR, label: 'diagram.fold.queues', tone: 'hardware' as const, pick: 'nic.queue.default', parent: 'zone.hardware' },
          { id: 'f.vfs', rect: vfsR, label: 'diagram.fold.vfs', sub: 'diagram.fold.vfsSub', tone: 'hardware' as const, pick: 'nic.eswitch', parent: 'zone.hardware' },
          { id: 'f.nic', rect: nicR, label: 'diagram.short.nic', tone: 'hardware' as const, pick: 'nic', parent: 'zone.hardware' },
        ]),
    { id: 'f.iommu', rect: iommuR, label: 'diagram.short.iommu', tone: 'hardware', pick: 'iommu', parent: 'zone.hardware' },
    { id: 'f.lps', rect: lpsR, label: 'diagram.fold.lps', sub: lpCount ? 'diagram.fold.lpsSub' : null, tone: 'hardware', pick: 'lp.0', parent: 'zone.hardware' },
    { id: 'f.wire', rect: wireR, label: 'diagram.short.wire', tone: 'wire', pick: 'wire', parent: null },
  );

  // Which box draws each component.
  for (const c of comps) {
    if (nodeOf.has(c.id)) continue;
    const rootFold = minimal && (c.kind === 'nic-queue' || c.kind === 'nic-eswitch' || c.kind === 'nic-vf') ? 'f.nic' : ROOT_FOLD[c.kind];
    if (rootFold) {
      nodeOf.set(c.id, rootFold);
      continue;
    }
    const vmFold = VM_FOLD[c.kind];
    if (vmFold && c.vm && vmBoxes.has(c.vm)) nodeOf.set(c.id, minimal && vmFold !== 'guest' ? `f.${c.vm}.adapter` : `f.${c.vm}.${vmFold}`);
    else if (c.vm && collapsedSet.has(c.vm)) nodeOf.set(c.id, 'group.more');
    else nodeOf.set(c.id, c.place === 'hardware' ? 'zone.hardware' : c.vm && vmBoxes.has(c.vm) ? `zone.${c.vm}` : 'zone.root');
  }
  const members = new Map<string, string[]>();
  for (const [cid, nid] of nodeOf) members.set(nid, [...(members.get(nid) ?? []), cid]);
  for (const b of boxes) {
    const ids = members.get(b.id) ?? [];
    const pick = byId.has(b.pick) ? b.pick : (ids[0] ?? null);
    placed.push({
      id: b.id,
      type: 'fold',
      parent: b.parent,
      rect: b.rect,
      data: {
        role: 'fold',
        componentId: pick,
        kind: pick ? (byId.get(pick)?.kind ?? null) : null,
        ids,
        vm: b.vm ?? null,
        n: b.id === 'f.lps' ? lpCount : null,
        foldLabel: b.label,
        foldSub: b.sub ?? null,
        foldTone: b.tone,
      },
    });
    rects.set(b.id, b.rect);
  }

  // --- Routing: one polyline per pair of boxes --------------------------------------------------
  const slotOfBox = (id: string): number => {
    if (id === 'group.more') return slots.length - 1;
    const vm = id.split('.')[1] as VmId;
    return Math.max(0, visible.indexOf(vm));
  };
  const roleOf = (id: string) => (id === 'group.more' ? 'group' : id.startsWith('f.') && id.split('.').length === 3 ? `vm.${id.split('.')[2]}` : id);
  const R = (id: string) => rects.get(id) as Rect;
  /** Where lines into a child box drop from the corridor (x), by what they come from. */
  const dropX = (target: string, from: 'netvsp' | 'stack' | 'guest') => {
    const r = R(target);
    if (target === 'group.more') return r.x; // arrive horizontally at the group's side
    const role = roleOf(target);
    if (role === 'vm.legacy') return r.x + (from === 'stack' ? 18 : 44);
    return r.x + (from === 'netvsp' ? 18 : from === 'stack' ? 36 : 56);
  };
  const passRoot: Rect = { x: 14, y: hvY, w: 26, h: HV_H };
  const passLabelRoot: Rect = { x: 44, y: hvY + 4, w: 112, h: HV_H - 8 };
  const passThrough: PassThrough[] = [{ rect: passRoot, label: passLabelRoot, labelKey: 'diagram.passThrough.root' }];
  const vfLineX = (id: string) => {
    const r = R(id);
    return id === 'group.more' ? [x2(r) - 40, x2(r) - 28] : minimal ? [x2(r) - 28, x2(r) - 16] : [cx(r) + 2, cx(r) + 14];
  };
  /** narrow: lane x of slot s's line to the hypervisor (k 0), the IOMMU (1), the NIC (2); the first VM outermost. */
  const gutterLane = (s: number, k: 0 | 1 | 2) =>
    k === 0 ? gutterX0 + (slots.length - 1 - s) * N.pitch : gutterX0 + slots.length * N.pitch + ((slots.length - 1 - s) * 2 + (k - 1)) * N.pitch;
  if (narrow) {
    const a = gutterLane(slots.length - 1, 1);
    const b = gutterLane(0, 2);
    const labelW = 84;
    passThrough.push({
      rect: { x: a - 4, y: hvY, w: b - a + 8, h: HV_H },
      label: { x: a - 8 - labelW, y: hvY + 4, w: labelW, h: HV_H - 8 },
      labelKey: 'diagram.passThrough.vf',
    });
  }
  for (const s of narrow ? [] : slots) {
    const id = s === 'more' ? 'group.more' : minimal ? `f.${s}.adapter` : `f.${s}.vf`;
    const [a, b] = vfLineX(id) as [number, number];
    const labelW = 84; // "VF: direct (IOMMU)" in two lines at 13 px
    passThrough.push({
      rect: { x: a - 4, y: hvY, w: b - a + 8, h: HV_H },
      label: { x: a - 8 - labelW, y: hvY + 4, w: labelW, h: HV_H - 8 },
      labelKey: 'diagram.passThrough.vf',
    });
  }

  // The hypervisor's title in the widest stretch of its band that no pass-through window or label takes.
  const hvTitleX = widestGapCenter(passThrough.flatMap((p) => [[p.rect.x, x2(p.rect)] as const, [p.label.x, x2(p.label)] as const]), 0, totalW);
  const hvPlaced = placed.find((p) => p.id === 'f.hv');
  if (hvPlaced) hvPlaced.data = { ...hvPlaced.data, foldTitleX: hvTitleX };

  function route(a: string, b: string): number[] | null {
    const ra = R(a);
    const rb = R(b);
    const A = roleOf(a);
    const B = roleOf(b);
    const key = `${A}>${B}`;
    if (narrow) {
      const p = narrowRoute(a, b, A, B);
      if (p) return p;
    }
    switch (key) {
      case 'f.stack>f.vswitch':
        return [cx(ra), y2(ra), cx(ra), rb.y];
      case 'f.stack>f.netvsp':
        return [x2(ra), ra.y + 14, colR.x + 8, ra.y + 14, colR.x + 8, rb.y];
      case 'f.stack>f.hv':
        return [ra.x, cy(ra) + 14, 5, cy(ra) + 14, 5, rb.y];
      case 'f.stack>f.pf':
        return [ra.x, cy(ra) - 14, 9, cy(ra) - 14, 9, cy(rb), rb.x, cy(rb)];
      case 'f.netvsp>f.vswitch':
        return [ra.x, cy(ra), x2(rb), cy(rb)];
      case 'f.netvsp>f.hv':
        return [cx(ra), y2(ra), cx(ra), rb.y];
      case 'f.vswitch>f.pf':
        return [cx(ra), y2(ra), cx(ra), rb.y];
      case 'f.pf>f.hv':
        return [x2(ra) - 12, y2(ra), x2(ra) - 12, rb.y];
      case 'f.pf>f.nic':
        return minimal ? [26, y2(ra), 26, hwLaneY(0), rb.x + 20, hwLaneY(0), rb.x + 20, rb.y] : [20, y2(ra), 20, rb.y];
      case 'f.nic>f.hv':
        return [cx(ra) + 24, ra.y, cx(ra) + 24, y2(rb)];
      case 'f.nic>f.iommu':
        return [x2(ra), cy(ra), rb.x, cy(rb)];
      case 'f.pf>f.queues':
        return [26, y2(ra), 26, hwLaneY(0), cx(rb) - 20, hwLaneY(0), cx(rb) - 20, rb.y];
      case 'f.pf>f.vfs':
        return [32, y2(ra), 32, hwLaneY(1), cx(rb) - 20, hwLaneY(1), cx(rb) - 20, rb.y];
      case 'f.hv>f.iommu':
        return [cx(rb), y2(ra), cx(rb), rb.y];
      case 'f.queues>f.hv':
      case 'f.vfs>f.hv':
        return [cx(ra) + 24, ra.y, cx(ra) + 24, y2(rb)];
      case 'f.queues>f.vfs':
      case 'f.vfs>f.iommu':
        return [x2(ra), cy(ra), rb.x, cy(rb)];
      case 'f.nic>f.queues':
      case 'f.nic>f.vfs':
        return [cx(rb) + 4, ra.y, cx(rb) + 4, y2(rb)];
      case 'f.nic>f.wire': {
        if (!minimal) return [cx(rb), y2(ra), cx(rb), rb.y];
        const ly = hwBottom - 5;
        return [cx(ra) - 30, y2(ra), cx(ra) - 30, ly, cx(rb), ly, cx(rb), y2(rb)];
      }
      case 'vm.guest>vm.netvsc':
      case 'vm.guest>vm.legacy':
      case 'vm.guest>vm.adapter':
        return [dropX(b, 'guest'), y2(ra), dropX(b, 'guest'), rb.y];
      case 'vm.netvsc>vm.vf':
        return [x2(ra), cy(ra), rb.x, cy(rb)];
      case 'vm.netvsc>f.hv':
      case 'vm.legacy>f.hv':
      case 'vm.adapter>f.hv':
        return [ra.x + (A === 'vm.adapter' ? 60 : ra.w - 12), y2(ra), ra.x + (A === 'vm.adapter' ? 60 : ra.w - 12), rb.y];
      case 'vm.vf>f.hv':
        return [ra.x + 8, y2(ra), ra.x + 8, rb.y];
      case 'group>f.hv':
        return [ra.x + 30, y2(ra), ra.x + 30, rb.y];
      case 'f.netvsp>vm.netvsc':
      case 'f.netvsp>vm.adapter':
      case 'f.netvsp>group':
        return corridor(a, b, 'netvsp');
      case 'f.stack>vm.netvsc':
      case 'f.stack>vm.legacy':
      case 'f.stack>vm.adapter':
      case 'f.stack>group':
        return corridor(a, b, 'stack');
      case 'vm.vf>f.iommu':
      case 'vm.vf>f.vfs':
      case 'vm.adapter>f.iommu':
      case 'vm.adapter>f.vfs':
      case 'group>f.iommu':
      case 'group>f.vfs':
      case 'vm.adapter>f.nic':
      case 'group>f.nic': {
        const s = slotOfBox(a);
        const [xi, xv] = vfLineX(a) as [number, number];
        const toIommu = B === 'f.iommu';
        const x = toIommu ? xi : xv;
        const ly = hwLaneY(2 + s) + (toIommu ? 0 : 3);
        const tx = toIommu ? cx(rb) + 10 * (s - 1) : x2(rb) - 16 - 8 * s;
        return [x, y2(ra), x, ly, tx, ly, tx, rb.y];
      }
      default:
        return null;
    }
  }

  /**
   * narrow: root → child from the side, down a lane of the gap left of the child column (the first
   * VM's lanes nearest the column); child → hypervisor / hardware leaves by the right side into a
   * lane of its own right of the column, then as in `minimal` below the band.
   */
  function narrowRoute(a: string, b: string, A: string, B: string): number[] | null {
    const ra = R(a);
    const rb = R(b);
    const childA = A === 'vm.adapter' || A === 'group';
    const childB = B === 'vm.adapter' || B === 'group';
    if ((A === 'f.netvsp' || A === 'f.stack') && childB) {
      const s = slotOfBox(b);
      const inner = (slots.length - 1 - s) * N.pitch;
      const fromNetvsp = A === 'f.netvsp';
      const lx = RW + 6 + inner + (fromNetvsp ? 0 : slots.length * N.pitch + 4);
      const sy = ra.y + (fromNetvsp ? 10 : 30) + s * 8;
      const ty = rb.y + (B === 'group' ? 40 : 0) + (fromNetvsp ? 14 : 34);
      return [x2(ra), sy, lx, sy, lx, ty, rb.x, ty];
    }
    if (childA && (B === 'f.hv' || B === 'f.iommu' || B === 'f.nic')) {
      const s = slotOfBox(a);
      const k = B === 'f.hv' ? 0 : B === 'f.iommu' ? 1 : 2;
      const lx = gutterLane(s, k);
      const ey = ra.y + (A === 'group' ? 40 : 0) + 12 + k * 12;
      if (k === 0) return [x2(ra), ey, lx, ey, lx, rb.y];
      const ly = hwLaneY(2 + s) + (k === 1 ? 0 : 3);
      const tx = k === 1 ? cx(rb) + 10 * (s - 1) : x2(rb) - 16 - 8 * s;
      return [x2(ra), ey, lx, ey, lx, ly, tx, ly, tx, rb.y];
    }
    if (A === 'f.nic' && B === 'f.wire') return [cx(rb), y2(ra), cx(rb), rb.y];
    return null;
  }

  /** Root box → child box through the corridor (one lane per VM and source). */
  function corridor(a: string, b: string, from: 'netvsp' | 'stack'): number[] {
    const ra = R(a);
    const rb = R(b);
    const s = slotOfBox(b);
    const legacy = roleOf(b) === 'vm.legacy';
    const k: 0 | 1 | 2 = from === 'netvsp' ? 0 : legacy ? 2 : 1;
    const ly = laneY(s, k);
    const tx = dropX(b, from);
    const end = b === 'group.more' ? [tx, ly] : [tx, ly, tx, rb.y];
    if (from === 'netvsp') {
      const vx = colR.x + 16 + s * 8;
      return [vx, ra.y, vx, ly, ...end];
    }
    const vx = colR.x + 52 + s * 8 + (legacy ? 32 : 0);
    const sy = ra.y + 26 + s * 8 + (legacy ? 4 : 0);
    return [x2(ra), sy, vx, sy, vx, ly, ...end];
  }

  const pairCache = new Map<string, number[]>();
  const geometry: LinkGeometry[] = topology.links.map((l) => {
    const na = nodeOf.get(l.from) as string;
    const nb = nodeOf.get(l.to) as string;
    if (na === nb || !rects.has(na) || !rects.has(nb)) {
      const r = rects.get(na) ?? rects.get(nb) ?? { x: 0, y: 0, w: 0, h: 0 };
      return { points: [cx(r), cy(r), cx(r), cy(r)], inside: r, ...(na === 'group.more' && nb === 'group.more' ? { summarized: true } : {}) };
    }
    const forward = na < nb;
    const key = forward ? `${na}|${nb}` : `${nb}|${na}`;
    let p = pairCache.get(key);
    if (!p) {
      const [c0, c1] = forward ? [na, nb] : [nb, na];
      const direct = route(c0, c1);
      const rev = direct ? null : route(c1, c0);
      p = simplify(direct ?? (rev ? reversePoints(rev) : autoRoute(R(c0), R(c1))));
      pairCache.set(key, p);
    }
    return { points: forward ? p : reversePoints(p), inside: null };
  });

  passThrough.forEach((p, i) => {
    placed.push({ id: `pass.${i}`, type: 'passlabel', parent: null, rect: p.label, data: { role: 'frame', componentId: null, kind: null, ids: [], vm: null, n: null, foldLabel: p.labelKey }, zIndex: 1 });
    rects.set(`pass.${i}`, p.label);
  });
  const { nodes, edges } = toFlow(topology, placed, rects, nodeOf, geometry, collapsedSet, { bus: true });
  return {
    level: options.level,
    nodes,
    edges,
    linkGeometry: geometry,
    nodeOf,
    rects,
    visibleVms: visible,
    collapsedVms: collapsed,
    bounds: { x: 0, y: 0, w: totalW, h: Math.max(y2(wireR), y2(hwZone)) },
    passThrough,
  };
}
