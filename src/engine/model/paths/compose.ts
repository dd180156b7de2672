/**
 * Composes a whole route from its end points: source segment (guest adapter or the wire), the
 * physical NIC's classification or NIC switch, the vSwitch with its extensions in stack order,
 * and the destination segment. Chooses the path from the adapters' state at compile time.
 */
import { guest, root, nic } from '../../ids';
import { COSTS, PROPAGATION_NS, serializationNs } from '../../costs';
import { ENC } from '../../packets';
import { NO_CHARGE, type Route, type RouteBuilder } from '../../core/program';
import { ACT, PART_ROOT, PATH_INDEX, SECTION_BIT } from '../codes';
import type { FlowMatch, PathCtx, VmPlace } from './context';
import { fitsSection, syntheticReceive, syntheticSend, type SendVia } from './synthetic';
import { emulatedReceive, emulatedSend } from './emulated';
import { sriovReceive, sriovSend } from './sriov';
import type { DropRule, PathKind } from '../../types';
import { bypassNote, egressPolicies, ingressPolicies, miniportEdgePolicies } from '../port-policy';
import { NO_OFFLOADS, type RouteOffloads } from '../offloads';

export interface RouteSpec {
  /** Source VM index, or -1 for the external network. */
  src: number;
  /** Destination VM index, or -1 for the external network. */
  dst: number;
  frameBytes: number;
  match: FlowMatch;
  dropRules: readonly DropRule[];
  filterEnabled: boolean;
  /** The destination's receive channel under vRSS/VMMQ (vrss.ts: RSS hash → indirection table); 0 otherwise. */
  rxChannel?: number;
  /** The frame's 802.1Q VLAN (trunk-mode port policy); absent or null: untagged. */
  vlan?: number | null;
  /** Offloads of this direction (model/offloads.ts); absent: one frame per packet, as before. */
  off?: RouteOffloads;
}

export function ruleMatches(r: DropRule, m: FlowMatch): boolean {
  if (r.protocol !== undefined && r.protocol !== m.protocol) return false;
  if (r.dstPort !== undefined && r.dstPort !== m.dstPort) return false;
  if (r.srcVm !== undefined && r.srcVm !== m.srcVm) return false;
  if (r.dstVm !== undefined && r.dstVm !== m.dstVm) return false;
  return true;
}

/** The path label of a route: the source adapter's path, or the destination's for external senders. */
export function pathOf(ctx: PathCtx, spec: RouteSpec): Exclude<PathKind, 'control'> {
  if (spec.src >= 0) return ctx.vm(spec.src).txPath;
  if (spec.dst >= 0) return ctx.vm(spec.dst).rxPath;
  return 'synthetic';
}

function wireIn(ctx: PathCtx, b: RouteBuilder, frameBytes: number, frames = 1): void {
  const ser = serializationNs(frameBytes, ctx.linkGbps) * frames;
  const detail = frames > 1 ? `${frames} frames of one flow arrive on the physical port` : 'frame arrives on the physical port';
  b.hop('wire', 'nic', detail, { part: -1, lp: -1, res: ctx.wireRxRes, busy: ser }, { cost: 'H10', lat: ser + PROPAGATION_NS, enc: ENC.ETH });
  b.linkCheck('nic');
}

function wireOut(ctx: PathCtx, b: RouteBuilder, frameBytes: number, from: string, frames = 1): void {
  const ser = serializationNs(frameBytes, ctx.linkGbps) * frames;
  b.linkCheck(from);
  const detail = frames > 1 ? `${frames} frames transmitted on the physical port (cut from one large send by the NIC, TSO)` : 'frame transmitted on the physical port';
  b.hop(from, 'wire', detail, { part: -1, lp: -1, res: ctx.wireTxRes, busy: ser }, { cost: 'H10', lat: ser + PROPAGATION_NS, enc: ENC.ETH });
  b.deliver('wire', 'delivered to the external network', ENC.ETH);
}

/** PF transmit: miniport posts the descriptor, the NIC DMA-reads it (H8, H9). */
function pfTransmit(b: RouteBuilder, lp: number, off: RouteOffloads = NO_OFFLOADS): void {
  if (off.lso) {
    // The physical NIC does TSO: one descriptor chain for the large send, cut into MSS-sized frames.
    const dma = COSTS.H9T as { latencyNs: number };
    b.hop('root.pf', 'nic', `PF miniport posts one LSO descriptor chain (MSS ${off.mss}) and rings the doorbell`, { part: PART_ROOT, lp }, { cost: 'H8', enc: ENC.PF_DMA, note: `one large send: the NIC cuts it into ${off.segs} frames (TSO)` });
    b.hop('nic', 'nic', `DMA read of the large send; the NIC segments it into ${off.segs} frames (TSO) and fills their checksums`, NO_CHARGE, { kind: 'dma', cost: 'H9T', lat: dma.latencyNs * off.segs, enc: ENC.PF_DMA });
    return;
  }
  b.hop('root.pf', 'nic', 'PF miniport posts the TX descriptor and rings the doorbell', { part: PART_ROOT, lp }, { cost: 'H8', enc: ENC.PF_DMA });
  b.hop('nic', 'nic', 'DMA read: descriptor + payload from host memory', NO_CHARGE, { kind: 'dma', cost: 'H9T', enc: ENC.PF_DMA });
}

/** NIC receive queue → DPC → vSwitch protocol edge (facts §9.4 steps 1–2, §9.5 steps 2–3). */
function queueToSwitch(ctx: PathCtx, b: RouteBuilder, q: number, off: RouteOffloads = NO_OFFLOADS): number {
  const qname = nic.queue(q);
  b.put(ctx.nicq(q), qname);
  b.commit(ctx.nicq(q), qname); // moderated MSI-X → hv → root VP on the queue's LP
  const lp = ctx.queueLp(q);
  if (off.rsc) {
    // RSC in the vSwitch (WS2019+; cost-model Q3): the frames are indicated one by one, then
    // coalesced into one packet of the flow before they go on (model/offloads.ts).
    const k = off.segs;
    const h8 = COSTS.H8 as { latencyNs: number; cycles: number };
    const h7a = COSTS.H7a as { latencyNs: number; cycles: number };
    const h7r = COSTS.H7R as { latencyNs: number; cycles: number };
    b.hop(qname, 'root.pf', `PF miniport indicates ${k} frames of one flow from queue ${q} (DPC)`, { part: PART_ROOT, lp }, { cost: 'H8', cycles: h8.cycles * k, lat: h8.latencyNs * k, enc: ENC.NBL, note: `H8 × ${k} frames` });
    b.hop('root.pf', 'root.vswitch', `external port: protocol edge, ingress; RSC coalesces ${k} segments into one packet`, { part: PART_ROOT, lp }, { cost: 'H7a', cycles: (h7a.cycles + h7r.cycles) * k, lat: (h7a.latencyNs + h7r.latencyNs) * k, enc: ENC.NBL, note: `RSC coalesced ${k} segments: (H7a + H7R) × ${k}` });
    return lp;
  }
  b.hop(qname, 'root.pf', q === 0 ? 'PF miniport indicates the frame from the default queue (DPC)' : `PF miniport indicates queue ${q}'s frames (single-queue indication)`, { part: PART_ROOT, lp }, { cost: 'H8', enc: ENC.NBL });
  b.hop('root.pf', 'root.vswitch', 'external port: protocol edge, ingress', { part: PART_ROOT, lp }, { cost: 'H7a', enc: ENC.NBL });
  return lp;
}

const EXT_DETAIL: Record<string, string> = {
  'root.vswitch.capture': 'capturing extension inspects the NBL (ingress)',
  'root.vswitch.filter': 'filtering extension applies its rules (ingress)',
  'root.vswitch.forwarding': 'forwarding extension sets the destination ports (ingress)',
};
/** Egress hops, from the extension to the one above it (the protocol edge last). */
const EXT_EGRESS_DETAIL: Record<string, string> = {
  'root.vswitch.capture': 'capturing extension inspects the NBL (egress)',
  'root.vswitch.filter': 'filtering extension applies its destination-port rules (egress)',
  'root.vswitch.forwarding': 'forwarding extension: egress pass, destination ports set',
};

/**
 * A rule that names the destination VM can only be enforced on egress, where the NBL carries its
 * destination ports: "packets obtained on the ingress data path do not have destination ports …
 * filtering extensions must only enforce custom policies based on the packet data or the source
 * port" (WDK filtering-extensions; fidelity audit D3). Protocol, L4 destination port (packet
 * data) and source VM rules apply on ingress.
 */
export const egressRule = (r: DropRule): boolean => r.dstVm !== undefined;

/** The first enabled drop rule that matches on this pass, if the filter extension is on. */
function matchingRule(spec: RouteSpec, egress: boolean): DropRule | undefined {
  if (!spec.filterEnabled) return undefined;
  return spec.dropRules.find((r) => egressRule(r) === egress && ruleMatches(r, spec.match));
}

/** A dropped NBL is completed back to its source port at once (NdisFSendNetBufferListsComplete). */
function filterDrop(b: RouteBuilder, ext: string, rule: DropRule, hostSendDoneVm: number, egress: boolean): void {
  if (hostSendDoneVm >= 0) b.action(ACT.HOST_SEND_DONE, hostSendDoneVm);
  b.drop(ext, 'filter-extension', egress ? `drop rule ${rule.id} (egress: destination port)` : `drop rule ${rule.id}`);
}

/**
 * The extensible switch data path (facts §5.2; WDK "packet flow through the extensible switch
 * data path"; fidelity audit D3): down the extensions in stack order on ingress (capture, filter,
 * forwarding, which picks the destination ports), then, from the miniport edge, back up them in
 * reverse on egress (forwarding, filter, capture) to the protocol edge, which delivers to the
 * destination ports. Each extension sees the NBL twice (H7d per traversal). False when the
 * filter extension dropped it; a guest's dropped send is still completed (`hostSendDoneVm` ≥ 0).
 */
function throughExtensions(ctx: PathCtx, b: RouteBuilder, spec: RouteSpec, lp: number, hostSendDoneVm: number): boolean {
  const r = { part: PART_ROOT, lp };
  const chain = ctx.chain;
  // Port policy (port-policy.ts): built-in ingress policies sit above the forwarding extension,
  // QoS and mirroring at the miniport edge, built-in egress policies below forwarding's egress.
  const fwd = chain.includes('root.vswitch.forwarding');
  for (let i = 1; i < chain.length; i++) {
    const ext = chain[i] as string;
    if (ext === 'root.vswitch.forwarding' && !ingressPolicies(ctx, b, spec, chain[i - 1] as string, lp, hostSendDoneVm)) return false;
    b.hop(chain[i - 1] as string, ext, EXT_DETAIL[ext] ?? ext, r, { cost: 'H7d', enc: ENC.NBL });
    const rule = ext === 'root.vswitch.filter' ? matchingRule(spec, false) : undefined;
    if (rule) {
      filterDrop(b, ext, rule, hostSendDoneVm, false);
      return false;
    }
  }
  const edge = chain[chain.length - 1] as string;
  if (!fwd && !ingressPolicies(ctx, b, spec, edge, lp, hostSendDoneVm)) return false;
  miniportEdgePolicies(ctx, b, spec, edge, lp);
  if (!fwd && !egressPolicies(ctx, b, spec, edge, lp, hostSendDoneVm)) return false;
  // Egress: each hop is the extension's own egress pass, then the hand-up to the one above it.
  for (let i = chain.length - 1; i >= 1; i--) {
    const ext = chain[i] as string;
    const rule = ext === 'root.vswitch.filter' ? matchingRule(spec, true) : undefined;
    if (rule) {
      filterDrop(b, ext, rule, hostSendDoneVm, true);
      return false;
    }
    b.hop(ext, chain[i - 1] as string, EXT_EGRESS_DETAIL[ext] ?? ext, r, { cost: 'H7d', enc: ENC.NBL });
    if (ext === 'root.vswitch.forwarding' && !egressPolicies(ctx, b, spec, chain[i - 1] as string, lp, hostSendDoneVm)) return false;
  }
  return true;
}

/**
 * vSwitch (from its protocol edge, on `lp`) to the destination. A guest's send (`hostSendDoneVm`
 * ≥ 0) is completed only once it has been delivered (fidelity audit D2; facts §9.3 step 8; WDK
 * "packet flow through the extensible switch data path", egress step 7): the extensible switch
 * completes an NBL after every destination port has it, back up the same path, so NetVSP writes
 * NVSP 108 after the PF's NIC has DMA-read the frame, or after the destination's receive copy.
 * Only then may NetVSC reuse the send section (netvsc.c netvsc_send_tx_complete).
 */
function switchToDestination(ctx: PathCtx, b: RouteBuilder, spec: RouteSpec, lp: number, hostSendDoneVm: number): void {
  if (!throughExtensions(ctx, b, spec, lp, hostSendDoneVm)) return;
  // Back at the protocol edge after the egress pass: it delivers to the destination port.
  const end = 'root.vswitch';
  const r = { part: PART_ROOT, lp };
  const done = () => {
    if (hostSendDoneVm >= 0) b.action(ACT.HOST_SEND_DONE, hostSendDoneVm); // facts §9.3 step 8
  };
  if (spec.dst < 0) {
    b.hop(end, 'root.pf', 'forwarding → external port; egress to the PF miniport', r, { cost: 'H7bc', enc: ENC.NBL });
    pfTransmit(b, lp, spec.off);
    done(); // the NIC has read the frame: the PF's send completion goes back up the switch
    wireOut(ctx, b, spec.frameBytes, 'nic', spec.off?.segs ?? 1);
    return;
  }
  const d = ctx.vm(spec.dst);
  if (d.rxPath === 'synthetic') {
    b.hop(end, root.netvsp(d.id), 'forwarding → VM port; egress to NetVSP', r, { cost: 'H7bc', enc: ENC.NBL });
    syntheticReceive(b, d, lp, hostSendDoneVm, spec.rxChannel ?? 0, spec.off, spec.frameBytes);
  } else if (d.rxPath === 'emulated') {
    b.hop(end, root.vmwp(d.id), 'forwarding → emulated port; egress to the VMWP device model', r, { cost: 'H7bc', enc: ENC.NBL });
    emulatedReceive(b, d, spec.frameBytes, hostSendDoneVm);
  } else {
    // The destination's MAC/VLAN filter is on its VF VPort: out through the PF into the NIC switch.
    b.hop(end, 'root.pf', 'forwarding → external port (destination is on a VF VPort)', r, { cost: 'H7bc', enc: ENC.NBL });
    pfTransmit(b, lp);
    done();
    b.hop('nic', 'nic.eswitch', 'NIC switch: destination MAC/VLAN on a VF VPort', NO_CHARGE, { cost: 'N1', enc: ENC.ETH });
    b.hop('nic.eswitch', nic.vf(d.vf), `NIC switch → VF ${d.vf} VPort receive queue`, NO_CHARGE, { cost: 'N1', enc: ENC.ETH });
    sriovReceive(b, d, bypassNote(ctx, d.vi));
  }
}

/** From the NIC switch after a VF transmit (facts §9.9 step 4). */
function fromEswitch(ctx: PathCtx, b: RouteBuilder, spec: RouteSpec): void {
  if (spec.dst < 0) {
    b.hop('nic.eswitch', 'nic', 'NIC switch → physical port', NO_CHARGE, { cost: 'N1', enc: ENC.ETH });
    wireOut(ctx, b, spec.frameBytes, 'nic');
    return;
  }
  const d = ctx.vm(spec.dst);
  if (d.rxPath === 'sriov') {
    b.hop('nic.eswitch', nic.vf(d.vf), `NIC switch → VF ${d.vf} VPort (VF to VF, no vSwitch)`, NO_CHARGE, { cost: 'N1', enc: ENC.ETH });
    sriovReceive(b, d, bypassNote(ctx, d.vi));
    return;
  }
  // Destination without a VF: PF default VPort → vSwitch → synthetic/emulated path (facts §7.1).
  // The PF's VMQ filter {MAC, VLAN} applies here as on the wire: a synthetic destination with a
  // queue gets the frame on it (fidelity audit D13).
  const q = d.rxPath === 'synthetic' ? rxQueueOf(d, spec) : 0;
  b.hop('nic.eswitch', nic.queue(q), q === 0 ? 'NIC switch → PF default VPort; DMA to the default queue' : `NIC switch → PF VPort; VMQ filter {MAC, VLAN} → queue ${q}; DMA into its receive buffers`, NO_CHARGE, { kind: 'dma', cost: 'H9R', enc: ENC.PF_DMA });
  const lp = vrssHandoff(b, d, spec, queueToSwitch(ctx, b, q));
  switchToDestination(ctx, b, spec, lp, -1);
}

/** The NIC queue a synthetic destination's frame lands in: VMMQ's queue for its channel, else its VMQ queue. */
function rxQueueOf(d: VmPlace, spec: RouteSpec): number {
  const qs = d.rss?.queues;
  if (qs && qs.length > 0) return qs[Math.min(spec.rxChannel ?? 0, qs.length - 1)] as number;
  return d.rxQueue;
}

/**
 * Software vRSS (vrss.ts; facts §6 CUOMO-2012R2): after the queue's LP indicated the frame, the
 * vSwitch hashes it and queues it to the LP of its channel; the rest runs there. Returns that LP.
 */
function vrssHandoff(b: RouteBuilder, d: VmPlace | null, spec: RouteSpec, lp: number): number {
  const lps = d?.rxPath === 'synthetic' ? d.rss?.hostLps : undefined;
  if (!d || !lps || lps.length === 0) return lp;
  const to = lps[Math.min(spec.rxChannel ?? 0, lps.length - 1)] as number;
  if (to === lp) return lp;
  b.hop('root.vswitch', 'root.vswitch', `vRSS: Toeplitz hash → channel ${spec.rxChannel ?? 0}; NBL queued to LP ${to}`, { part: PART_ROOT, lp }, { cost: 'V1', enc: ENC.NBL });
  return to;
}

/**
 * Compile the program of one packet from `spec.src` to `spec.dst`. A synthetic sender's frame that
 * fits a send-buffer section gets a GPA-direct twin route, compiled first, which a packet takes
 * when no section is free (fidelity audit D5); a larger frame is GPA-direct only.
 */
export function composeRoute(ctx: PathCtx, spec: RouteSpec, id: number, meta: { flow: number; reply: boolean }): Route {
  const a = spec.src >= 0 ? ctx.vm(spec.src) : null;
  if (!a || a.txPath !== 'synthetic') return composeWith(ctx, spec, id, meta, null);
  const frameBytes = spec.frameBytes;
  // LSO: the large send is always GPA-direct (facts §3.3), so it has no section twin.
  if (spec.off?.lso) return composeWith(ctx, spec, id, meta, { gpa: true, twin: -1, frameBytes: frameBytes * spec.off.segs });
  if (!fitsSection(frameBytes)) return composeWith(ctx, spec, id, meta, { gpa: true, twin: -1, frameBytes });
  const twin = ctx.lg ? -1 : ctx.addRoute((tid) => composeWith(ctx, spec, tid, meta, { gpa: true, twin: -1, frameBytes }));
  return composeWith(ctx, spec, id, meta, { gpa: false, twin, frameBytes });
}

function composeWith(ctx: PathCtx, spec: RouteSpec, id: number, meta: { flow: number; reply: boolean }, via: SendVia | null): Route {
  const b = ctx.builder();
  const path = pathOf(ctx, spec);
  const a = spec.src >= 0 ? ctx.vm(spec.src) : null;
  const d = spec.dst >= 0 ? ctx.vm(spec.dst) : null;
  b.vm = (a ?? d)?.vi ?? -1;
  if (a) {
    b.send(guest.stack(a.id), 'sent by the guest stack', ENC.ETH);
    if (a.txPath === 'sriov') {
      sriovSend(b, a, bypassNote(ctx, a.vi));
      fromEswitch(ctx, b, spec);
    } else if (a.txPath === 'emulated') {
      const lp = emulatedSend(b, a, spec.frameBytes);
      switchToDestination(ctx, b, spec, lp, -1);
    } else {
      const lp = syntheticSend(b, a, via as SendVia, spec.off);
      switchToDestination(ctx, b, spec, lp, a.vi | (via?.gpa ? 0 : SECTION_BIT));
    }
  } else {
    b.send('wire', 'sent by the external host', ENC.ETH);
    wireIn(ctx, b, spec.frameBytes, spec.off?.segs ?? 1);
    if (d && d.rxPath === 'sriov') {
      // facts §9.10 step 1: NIC switch matches dest MAC/VLAN → VF VPort queue.
      b.hop('nic', 'nic.eswitch', 'NIC switch: dest MAC/VLAN → VF VPort', NO_CHARGE, { cost: 'N1', enc: ENC.ETH });
      b.hop('nic.eswitch', nic.vf(d.vf), `VF ${d.vf} VPort receive queue`, NO_CHARGE, { cost: 'N1', enc: ENC.ETH });
      sriovReceive(b, d, bypassNote(ctx, d.vi));
    } else {
      const q = d && d.rxPath === 'synthetic' ? rxQueueOf(d, spec) : 0;
      const qname = nic.queue(q);
      const rxDma = COSTS.H9R as { latencyNs: number };
      const vmmq = d?.rxPath === 'synthetic' && (d.rss?.queues.length ?? 0) > 0;
      const dmaDetail = vmmq ? `VMMQ: {MAC, VLAN} → ${d?.id ?? ''}'s queues, Toeplitz hash → queue ${q}; DMA into its receive buffers` : q === 0 ? 'no VMQ filter match → default queue; DMA into its receive buffers' : `VMQ filter {MAC, VLAN} → queue ${q}; DMA into its receive buffers (host memory)`;
      b.hop('nic', qname, dmaDetail, NO_CHARGE, {
        kind: 'dma',
        cost: 'H9R',
        lat: rxDma.latencyNs + 100,
        enc: ENC.PF_DMA,
      });
      const lp = vrssHandoff(b, d, spec, queueToSwitch(ctx, b, q, spec.off));
      switchToDestination(ctx, b, spec, lp, -1);
    }
  }
  const vms = [a, d].filter((x): x is VmPlace => x !== null);
  return b.build(id, PATH_INDEX[path], {
    vmA: vms[0]?.vi ?? -1,
    genA: vms[0]?.gen ?? 0,
    vmB: vms[1]?.vi ?? -1,
    genB: vms[1]?.gen ?? 0,
    ...meta,
  });
}
