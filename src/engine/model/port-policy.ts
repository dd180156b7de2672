/**
 * vSwitch port policy (issue 11; fidelity audit §5; hyperv-facts.md §5.3 "Packet traversal" and
 * §7 "Policy: with SR-IOV the vSwitch is bypassed for data"): per VM port, the VLAN mode (access
 * or trunk), a port ACL, a bandwidth limit and port mirroring, each applied at its place in the
 * extensible switch's data path (WDK "packet flow through the extensible switch data path"):
 *
 *   ingress (capture → filter) → built-in INGRESS policies: the source port's ACL (its outbound
 *   rules) and, for a trunk port, the guest's VLAN tag → forwarding → MINIPORT EDGE: QoS (the
 *   source port's bandwidth limit) and port mirroring (copies to every mirror-destination port) →
 *   egress: forwarding → built-in EGRESS policies: trunk mode and the destination port's ACL (its
 *   inbound rules) → filter → capture → protocol edge delivers.
 *
 * A VM whose data runs on its SR-IOV VF never enters the vSwitch through its port, so none of its
 * port's policies apply to that traffic (facts §7 Policy row; WDK SR-IOV architecture; Azure
 * Accelerated Networking offloads them into the NIC instead): the path compilers leave the policy
 * hops out and put a note on the VF hop that says so.
 *
 * Simplifications (the model, not Windows):
 * - ACL rules match direction, protocol and the remote L4 port only, like
 *   `Add-VMNetworkAdapterExtendedAcl -Direction -Action -Protocol -RemotePort`; no IP or MAC
 *   addresses (`Add-VMNetworkAdapterAcl`), no local port, not stateful. The list order is the
 *   priority and the first matching rule wins (Windows orders extended ACLs by `-Weight`, highest
 *   first). No rule matched: the frame is allowed (the port's default).
 * - Remote port: for a frame the VM sends (outbound) its destination port, for a frame it
 *   receives (inbound) its source port.
 * - Trunk mode: the VM's `vlan` is the VLAN its guest tags frames with; a frame whose VLAN is not
 *   in `trunkVlans` is dropped (untagged frames are taken as the native VLAN and pass).
 * - Bandwidth limit (`-MaximumBandwidth`): a pacer on the traffic the VM sends, at the miniport
 *   edge: frames leave no faster than `maxMbps` (each occupies the port's pacer for its bits at
 *   that rate); frames wait for the pacer up to PACER_HOLD_NS and beyond it are dropped
 *   (`port-limit`). The hold is a model estimate: Windows' pacer queue depth is not documented.
 *   Inbound limits (VFP `InboundMaximumMbps`) are not modelled.
 * - Mirroring: a copy of every frame to or from a `source` port is delivered to every
 *   `destination` port (not to the frame's own ends), as its own packet; copies are counted as
 *   packets (sent and delivered) but belong to no flow.
 * - The policy checks' CPU cost is inside H7a / H7c (vSwitch ingress/egress "port policy"); the
 *   policy hops add a few ns of latency and no cycles (model estimate).
 */
import { MK, NO_CHARGE, type RouteBuilder } from '../core/program';
import { nic, root } from '../ids';
import { ENC } from '../packets';
import { ACT, ADMIT, PART_ROOT, PATH_INDEX } from './codes';
import { emitSimple } from './control-path';
import type { Host } from './host';
import type { FlowMatch, PathCtx, VmPlace } from './paths/context';
import { syntheticReceive } from './paths/synthetic';
import { emulatedReceive } from './paths/emulated';
import { sriovReceive } from './paths/sriov';
import type { PortAclRule, Protocol, VmConfig, VmNicSettings } from '../types';

/** How long a frame may wait for the port's pacer before it is dropped (model estimate). */
export const PACER_HOLD_NS = 2_000_000;
/** Latency of one policy check hop (model estimate; its CPU cost is inside H7a/H7c). */
const POLICY_HOP_NS = 20;

/** The port policy a path compiler applies; null when the port has none (no hops at all). */
export interface PortPolicy {
  vm: string;
  vlanMode: 'access' | 'trunk';
  trunkVlans: readonly number[];
  acl: readonly PortAclRule[];
  maxMbps: number | null;
  mirror: 'none' | 'source' | 'destination';
}

/** True when the settings carry any port policy beyond the defaults. */
export function hasPortPolicy(n: VmNicSettings | undefined): boolean {
  return !!n && (n.vlanMode === 'trunk' || (n.acl?.length ?? 0) > 0 || (n.maxMbps ?? 0) > 0 || (n.mirror !== undefined && n.mirror !== 'none'));
}

export function portPolicyOf(v: VmConfig | undefined): PortPolicy | null {
  const n = v?.nic;
  if (!v || !n || !hasPortPolicy(n)) return null;
  return { vm: v.id, vlanMode: n.vlanMode ?? 'access', trunkVlans: n.trunkVlans ?? [], acl: n.acl ?? [], maxMbps: n.maxMbps ? n.maxMbps : null, mirror: n.mirror ?? 'none' };
}

/** The first rule that matches a frame in `dir` (first match wins), with its index; null: none. */
export function aclMatch(acl: readonly PortAclRule[], dir: 'inbound' | 'outbound', protocol: Protocol, remotePort: number | null): { rule: PortAclRule; index: number } | null {
  for (let i = 0; i < acl.length; i++) {
    const r = acl[i] as PortAclRule;
    if (r.direction !== 'both' && r.direction !== dir) continue;
    if (r.protocol !== undefined && r.protocol !== protocol) continue;
    if (r.remotePort !== undefined && r.remotePort !== remotePort) continue;
    return { rule: r, index: i };
  }
  return null;
}

/** "udp 53", "udp", "any": what a rule matches, for reasons and notes. */
export function ruleText(r: PortAclRule): string {
  return r.protocol === undefined ? (r.remotePort === undefined ? 'any' : `port ${r.remotePort}`) : r.remotePort === undefined ? r.protocol : `${r.protocol} ${r.remotePort}`;
}

/** May a frame with this VLAN pass the port's VLAN policy? (access: always; trunk: listed or untagged) */
export function trunkAllows(p: PortPolicy, vlan: number | null): boolean {
  return p.vlanMode !== 'trunk' || vlan === null || p.trunkVlans.includes(vlan);
}

/** Pacing time of one frame at `mbps` (its bits at that rate), ns. */
export const pacerNs = (frameBytes: number, mbps: number): number => Math.max(1, Math.round((frameBytes * 8 * 1000) / mbps));

/** The source port's policy, unless the sender's data bypasses the vSwitch (SR-IOV). */
function srcPolicy(ctx: PathCtx, src: number): PortPolicy | null {
  if (src < 0 || !ctx.policy) return null;
  return ctx.vm(src).txPath === 'sriov' ? null : ctx.policy(src);
}

function dstPolicy(ctx: PathCtx, dst: number): PortPolicy | null {
  if (dst < 0 || !ctx.policy) return null;
  return ctx.vm(dst).rxPath === 'sriov' ? null : ctx.policy(dst);
}

export interface PolicySpec {
  src: number;
  dst: number;
  frameBytes: number;
  match: FlowMatch;
  vlan?: number | null;
}

function check(b: RouteBuilder, at: string, detail: string, lp: number, note?: string): void {
  b.hop(at, at, detail, { part: PART_ROOT, lp }, { cost: null, lat: POLICY_HOP_NS, cycles: 0, enc: ENC.NBL, ...(note ? { note } : {}) });
}

function policyDrop(b: RouteBuilder, at: string, reason: string, note: string, vi: number, hostSendDoneVm: number): void {
  b.action(ACT.PORT_POLICY_DROP, vi);
  if (hostSendDoneVm >= 0) b.action(ACT.HOST_SEND_DONE, hostSendDoneVm); // the switch completes the NBL it dropped
  b.drop(at, reason, note);
}

/**
 * Built-in ingress policies of the source port (facts §5.3 step 2, 2012 R2+): its ACL's outbound
 * rules and, on a trunk port, the guest's VLAN tag. False when the frame was dropped.
 */
export function ingressPolicies(ctx: PathCtx, b: RouteBuilder, spec: PolicySpec, at: string, lp: number, hostSendDoneVm: number): boolean {
  const p = srcPolicy(ctx, spec.src);
  if (!p) return true;
  const vi = spec.src;
  const vlan = spec.vlan ?? null;
  if (p.vlanMode === 'trunk' && vlan !== null) {
    if (!trunkAllows(p, vlan)) {
      policyDrop(b, at, 'vlan-not-allowed', `VLAN ${vlan} is not allowed on ${p.vm}'s trunk port (outbound)`, vi, hostSendDoneVm);
      return false;
    }
    check(b, at, `built-in ingress policy: VLAN ${vlan} tagged by the guest is allowed on ${p.vm}'s trunk port`, lp);
  }
  if (p.acl.length > 0) {
    const m = aclMatch(p.acl, 'outbound', spec.match.protocol, spec.match.dstPort);
    if (m && m.rule.action === 'deny') {
      policyDrop(b, at, 'port-acl', `denied by ${p.vm}'s port ACL (outbound, ${ruleText(m.rule)})`, vi, hostSendDoneVm);
      return false;
    }
    check(b, at, `built-in ingress policy: ${p.vm}'s port ACL allows the frame (outbound)`, lp, m ? `rule ${m.index + 1} allows (outbound, ${ruleText(m.rule)})` : 'no rule matched: allowed');
  }
  return true;
}

/**
 * The miniport edge (facts §5.3 step 3): QoS paces the source port's traffic to its limit, then
 * port mirroring adds every mirror-destination port as a destination of a copy.
 */
export function miniportEdgePolicies(ctx: PathCtx, b: RouteBuilder, spec: PolicySpec, at: string, lp: number): void {
  const sp = srcPolicy(ctx, spec.src);
  if (sp && sp.maxMbps !== null && ctx.qosRes) {
    const busy = pacerNs(spec.frameBytes, sp.maxMbps);
    b.admit(ADMIT.PORT_LIMIT, spec.src, at, 'port-limit');
    b.hop(at, at, `miniport edge: QoS paces ${sp.vm}'s port to ${sp.maxMbps} Mbit/s (-MaximumBandwidth)`, { part: -1, lp: -1, res: ctx.qosRes(spec.src), busy }, { cost: null, lat: busy, enc: ENC.NBL, note: `frames wait for the pacer up to ${PACER_HOLD_NS / 1_000_000} ms, then are dropped (model estimate)` });
  }
  const dp = dstPolicy(ctx, spec.dst);
  const mirrored = sp?.mirror === 'source' ? sp : dp?.mirror === 'source' ? dp : null;
  if (!mirrored || !ctx.mirrorDestinations) return;
  for (const mi of ctx.mirrorDestinations()) {
    if (mi === spec.src || mi === spec.dst) continue;
    const d = ctx.vm(mi);
    const route = ctx.addRoute((id) => mirrorRoute(ctx, d, spec.frameBytes, at, lp, id));
    check(b, at, `miniport edge: port mirroring adds ${d.id}'s port as a destination (a copy of ${mirrored.vm}'s traffic)`, lp);
    b.action(ACT.PORT_MIRROR, route);
  }
}

/** Egress texts of the extensions (as paths/compose.ts writes them for every frame). */
const EGRESS_DETAIL: Record<string, string> = {
  'root.vswitch.capture': 'capturing extension inspects the NBL (egress)',
  'root.vswitch.filter': 'filtering extension applies its destination-port rules (egress)',
  'root.vswitch.forwarding': 'forwarding extension: egress pass, destination ports set',
};

/** The copy's own program: from the miniport edge up the egress pass to the mirror-destination port. */
function mirrorRoute(ctx: PathCtx, d: VmPlace, frameBytes: number, at: string, lp: number, id: number) {
  const b = ctx.builder();
  b.vm = d.vi;
  b.send(at, 'port mirroring: copy made at the miniport edge', ENC.NBL);
  const r = { part: PART_ROOT, lp };
  // The copy takes the egress pass up the extensions to the protocol edge like any frame (D3).
  const chain = ctx.chain;
  for (let i = chain.indexOf(at); i >= 1; i--) {
    const ext = chain[i] as string;
    b.hop(ext, chain[i - 1] as string, EGRESS_DETAIL[ext] ?? ext, r, { cost: 'H7d', enc: ENC.NBL });
  }
  at = chain[0] as string;
  if (d.rxPath === 'synthetic') {
    b.hop(at, root.netvsp(d.id), 'mirrored copy → mirror-destination port; egress to NetVSP', r, { cost: 'H7c', enc: ENC.NBL });
    syntheticReceive(b, d, lp);
  } else if (d.rxPath === 'emulated') {
    b.hop(at, root.vmwp(d.id), 'mirrored copy → mirror-destination port; egress to the VMWP device model', r, { cost: 'H7c', enc: ENC.NBL });
    emulatedReceive(b, d, frameBytes);
  } else {
    // The destination's MAC is on its VF VPort: out through the PF and the NIC switch.
    b.hop(at, 'root.pf', 'mirrored copy → external port (mirror destination is on a VF VPort)', r, { cost: 'H7c', enc: ENC.NBL });
    b.hop('root.pf', 'nic', 'PF miniport posts the TX descriptor and rings the doorbell', { part: PART_ROOT, lp }, { cost: 'H8', enc: ENC.PF_DMA });
    b.hop('nic', 'nic.eswitch', 'NIC switch: destination MAC/VLAN on a VF VPort', NO_CHARGE, { cost: 'N1', enc: ENC.ETH });
    b.hop('nic.eswitch', nic.vf(d.vf), `NIC switch → VF ${d.vf} VPort receive queue`, NO_CHARGE, { cost: 'N1', enc: ENC.ETH });
    sriovReceive(b, d);
  }
  return b.build(id, PATH_INDEX[d.rxPath], { vmA: d.vi, genA: d.gen, flow: -1 });
}

/**
 * Built-in egress policies of the destination port (facts §5.3 step 4): trunk mode, then its
 * ACL's inbound rules. False when the frame was dropped.
 */
export function egressPolicies(ctx: PathCtx, b: RouteBuilder, spec: PolicySpec, at: string, lp: number, hostSendDoneVm: number): boolean {
  const p = dstPolicy(ctx, spec.dst);
  if (!p) return true;
  const vi = spec.dst;
  const vlan = spec.vlan ?? null;
  if (p.vlanMode === 'trunk' && vlan !== null) {
    if (!trunkAllows(p, vlan)) {
      policyDrop(b, at, 'vlan-not-allowed', `VLAN ${vlan} is not allowed on ${p.vm}'s trunk port (inbound)`, vi, hostSendDoneVm);
      return false;
    }
    check(b, at, `built-in egress policy: trunk mode, VLAN ${vlan} is allowed on ${p.vm}'s port`, lp);
  }
  if (p.acl.length > 0) {
    const remote = spec.match.srcPort ?? null;
    const m = aclMatch(p.acl, 'inbound', spec.match.protocol, remote);
    if (m && m.rule.action === 'deny') {
      policyDrop(b, at, 'port-acl', `denied by ${p.vm}'s port ACL (inbound, ${ruleText(m.rule)})`, vi, hostSendDoneVm);
      return false;
    }
    check(b, at, `built-in egress policy: ${p.vm}'s port ACL allows the frame (inbound)`, lp, m ? `rule ${m.index + 1} allows (inbound, ${ruleText(m.rule)})` : 'no rule matched: allowed');
  }
  return true;
}

/** The note on an SR-IOV VM's VF hop when its port has policy that its VF traffic bypasses. */
export function bypassNote(ctx: PathCtx, vi: number): string | undefined {
  const p = ctx.policy?.(vi);
  return p ? `${p.vm}'s port policy is not applied: its traffic runs on the SR-IOV VF and bypasses the vSwitch` : undefined;
}

// --- Runtime ---------------------------------------------------------------------------------

/** Per-VM counters of the port policy (views/metrics.ts). */
export interface PortStats {
  policyDrops: number;
  limitDrops: number;
  /** Frames that waited for the pacer, and their total wait. */
  limitHeld: number;
  limitWaitNs: number;
  /** Mirrored copies sent to this port (mirror destination). */
  mirrored: number;
}

export function portStats(h: Host, vi: number): PortStats {
  let s = h.portStats.get(vi);
  if (!s) {
    s = { policyDrops: 0, limitDrops: 0, limitHeld: 0, limitWaitNs: 0, mirrored: 0 };
    h.portStats.set(vi, s);
  }
  return s;
}

/** The port's pacer (a serialising resource), made on first use. */
export function qosResource(h: Host, vi: number): number {
  let r = h.qosRes.get(vi);
  if (r === undefined) {
    r = h.res.add();
    h.qosRes.set(vi, r);
  }
  return r;
}

/** ADMIT.PORT_LIMIT: the frame waits for the pacer unless it would wait longer than PACER_HOLD_NS. */
export function portLimitAdmit(h: Host, vi: number): boolean {
  if (h.uncontended) return true;
  const wait = (h.res.free[qosResource(h, vi)] as number) - h.nowNs;
  const st = portStats(h, vi);
  if (wait > PACER_HOLD_NS) {
    st.limitDrops++;
    return false;
  }
  if (wait > 0) {
    st.limitHeld++;
    st.limitWaitNs += wait;
  }
  return true;
}

/**
 * ACT.PORT_MIRROR: start the copy (its own packet) on route `route`. The copy carries the frame of
 * the original `s` (flow, L4 and TCP fields), so the inspector and a capture at the mirror
 * destination's port show it; its route has no flow (-1), which is how traffic.ts tells a copy
 * from the flow's own packets (no flow counts, replies or retransmissions for it).
 */
export function mirrorCopy(h: Host, route: number, s: number): void {
  const dst = h.routes.get(route).vmA;
  if (dst >= 0) portStats(h, dst).mirrored++;
  const c = h.alloc(MK.DATA, route);
  const mv = h.mv;
  mv.flow[c] = mv.flow[s] as number;
  mv.reply[c] = mv.reply[s] as number;
  mv.l4[c] = mv.l4[s] as number;
  mv.tcpFlags[c] = mv.tcpFlags[s] as number;
  mv.tcpSeq[c] = mv.tcpSeq[s] as number;
  mv.tcpAck[c] = mv.tcpAck[s] as number;
  mv.tcpGen[c] = mv.tcpGen[s] as number;
  mv.ipId[c] = mv.ipId[s] as number;
  h.runMover(c);
}

/** ACT.PORT_POLICY_DROP: count a frame the port's ACL or VLAN policy dropped. */
export function countPolicyDrop(h: Host, vi: number): void {
  portStats(h, vi).policyDrops++;
}

/**
 * `set-vm-nic` changed a port's settings: new packets take routes compiled with the new policy
 * (packets in flight finish on theirs). A VLAN change reaches the switch as a port property
 * update (NdisSwitchPortPropertyTypeVlan, WDK OID_SWITCH_PORT_PROPERTY_UPDATE).
 */
export function portPolicyChanged(h: Host, vi: number, settings: VmNicSettings): void {
  const touches = settings.vlanMode !== undefined || settings.trunkVlans !== undefined || settings.acl !== undefined || settings.maxMbps !== undefined || settings.mirror !== undefined;
  if (!touches) return;
  if (settings.vlanMode !== undefined || settings.trunkVlans !== undefined) emitSimple(h, 'config', 'root.vmms', 'root.vswitch', 'OID_SWITCH_PORT_PROPERTY_UPDATE', { vi, note: 'VLAN property (NdisSwitchPortPropertyTypeVlan)' });
  h.flowRoutes.clear();
  h.topoChanged();
}
