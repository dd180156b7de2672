/**
 * Traffic: the configured flows as packet sources (not a Hyper-V component: the workload). Each
 * flow sends at its rate with ±MODEL.rateJitter/2 jitter once its VMs can carry data; TCP-like
 * and ICMP flows answer each request once; a dropped TCP request is sent again after a
 * compressed RTO (MODEL.tcpRtoNs). A flow's route is compiled on first use per direction and
 * dropped when a VM it touches changes path (partition.ts refreshPaths).
 */
import { MK, type Route } from '../core/program';
import { MODEL } from '../costs';
import { WINDOW_BUCKETS, type PathCounters } from '../metrics';
import { DST_PORT, EXTERNAL_IP, frameBytesOf } from '../packets';
import { flowHash, rssChannelOf } from './vrss';
import { Q_FLOW, Q_RETX, ROUTES_PER_FLOW } from './codes';
import type { Host } from './host';
import { composeRoute, type RouteSpec } from './paths/compose';
import { completeDroppedSend } from './netvsp';
import { vmOf, type VmRt } from './partition';
import { NO_OFFLOADS, offloadsOf, routeOffloads, type OffloadEnd, type RouteOffloads } from './offloads';
import type { SimConfig } from '../types';
import { TCP_FLAG, TCP_HEADER_IP_BYTES, TCP_SYN_IP_BYTES, nextIpId, resetTcp, stampData, tcpAfterReply, tcpClose, tcpDelivered, tcpDropped, tcpMaySend, tcpReady, tcpRetransmitControl, type Send } from './tcp';

/** (Re)start every flow's generator; ticks of an older epoch are ignored. */
export function startFlows(h: Host): void {
  const epoch = ++h.flowEpoch;
  h.flowNextSeq = h.cfg.flows.map(() => 1);
  h.flowSent = h.cfg.flows.map(() => 0);
  h.flowDelivered = h.cfg.flows.map(() => 0);
  h.flowDropped = h.cfg.flows.map(() => 0);
  h.flowBytes = h.cfg.flows.map(() => 0);
  h.flowPending = h.cfg.flows.map(() => 0);
  resetTcp(h);
  h.cfg.flows.forEach((f, i) => {
    h.sched.push(Math.max(h.nowNs, f.startNs ?? 0), Q_FLOW, i, epoch);
  });
}

/** The flow's VMs exist and can carry data. */
export function flowActive(h: Host, fi: number): boolean {
  const f = h.cfg.flows[fi];
  if (!f) return false;
  const a = vmOf(h, f.vm);
  if (a < 0 || !(h.vms[a] as VmRt).dataReady) return false;
  if (f.direction === 'vm-to-vm') {
    const b = vmOf(h, f.peerVm);
    if (b < 0 || !(h.vms[b] as VmRt).dataReady) return false;
  }
  return true;
}

export function flowTick(h: Host, fi: number, epoch: number): void {
  if (epoch !== h.flowEpoch) return;
  const f = h.cfg.flows[fi];
  if (!f) return;
  if (f.stopNs !== undefined && h.nowNs >= f.stopNs) {
    if (f.protocol === 'tcp') tcpClose(h, fi, (h.flowNextSeq[fi] as number) - 1, sendSegment);
    return;
  }
  if (flowActive(h, fi) && (f.protocol !== 'tcp' || tcpReady(h, fi, sendSegment))) {
    // LSO/RSC (model/offloads.ts): the flow's next `segs` packets travel as one; a tick adds one.
    const segs = f.protocol === 'udp' ? segsOf(h, routeFor(h, fi, false)) : 1;
    const pend = (h.flowPending[fi] ?? 0) + 1;
    if (pend >= segs) {
      h.flowPending[fi] = 0;
      const seq = h.flowNextSeq[fi] as number;
      h.flowNextSeq[fi] = seq + segs;
      createPacket(h, fi, false, seq);
    } else h.flowPending[fi] = pend;
  }
  const base = 1e9 / f.ratePps;
  const dt = Math.max(1, Math.round(base * (1 - MODEL.rateJitter / 2 + MODEL.rateJitter * h.rng.next())));
  h.sched.push(h.nowNs + dt, Q_FLOW, fi, epoch);
}

/**
 * The compiled route of flow `fi` in one direction; `ipBytes` > 0 is a TCP control segment of
 * that IP size (SYN 48, others 40), whose hops are timed for its own, smaller frame.
 */
export function routeFor(h: Host, fi: number, reply: boolean, ipBytes = 0): number {
  const key = fi * ROUTES_PER_FLOW + (ipBytes === 0 ? 0 : ipBytes === TCP_SYN_IP_BYTES ? 4 : 2) + (reply ? 1 : 0);
  const hit = h.flowRoutes.get(key);
  return hit !== undefined ? hit : compileFlowRoute(h, fi, reply, ipBytes, key);
}

/**
 * routeFor's miss: compile and cache the route. A function of its own because the compile
 * closure captures locals, and V8 allocates the captured context on entry to the function that
 * declares them: kept in routeFor, every packet's cache hit paid for it (issue 13, ≈4 % of a run).
 */
function compileFlowRoute(h: Host, fi: number, reply: boolean, ipBytes: number, key: number): number {
  const f = h.cfg.flows[fi] as SimConfig['flows'][number];
  const a = vmOf(h, f.vm);
  const p = f.direction === 'vm-to-vm' ? vmOf(h, f.peerVm) : -1;
  let src: number;
  let dst: number;
  if (f.direction === 'vm-to-external') [src, dst] = reply ? [-1, a] : [a, -1];
  else if (f.direction === 'external-to-vm') [src, dst] = reply ? [a, -1] : [-1, a];
  else [src, dst] = reply ? [p, a] : [a, p];
  const vlan = (h.vms[a] as VmRt).vlan;
  const ipb = ipBytes || f.packetBytes;
  const off = ipBytes === 0 ? routeOffloads(f.protocol, ipb, offloadEnd(h, src, true), offloadEnd(h, dst, false)) : NO_OFFLOADS;
  const spec: RouteSpec = {
    src,
    dst,
    frameBytes: frameBytesOf(ipBytes || f.packetBytes, vlan),
    match: {
      protocol: f.protocol,
      dstPort: reply ? (f.protocol === 'icmp' ? null : 49152 + (fi % 16384)) : DST_PORT[f.protocol],
      srcVm: src >= 0 ? (h.vms[src] as VmRt).id : null,
      dstVm: dst >= 0 ? (h.vms[dst] as VmRt).id : null,
      srcPort: DST_PORT[f.protocol] === null ? null : reply ? DST_PORT[f.protocol] : 49152 + (fi % 16384),
    },
    vlan,
    dropRules: h.cfg.extensions.filter.dropRules,
    filterEnabled: h.cfg.extensions.filter.enabled,
    ...(off === NO_OFFLOADS ? {} : { off }),
  };
  // vRSS/VMMQ (vrss.ts): the destination's channel is the RSS hash of the frame's addresses and ports.
  const rxRss = dst >= 0 ? (h.vms[dst] as VmRt).rss : null;
  if (rxRss) {
    const ephemeral = 49152 + (fi % 16384);
    const service = DST_PORT[f.protocol];
    const srcIp = src >= 0 ? (h.vms[src] as VmRt).ip : EXTERNAL_IP;
    const dstIp = (h.vms[dst] as VmRt).ip;
    const ports: [number | null, number | null] = service === null ? [null, null] : reply ? [service, ephemeral] : [ephemeral, service];
    spec.rxChannel = rssChannelOf(flowHash(srcIp, dstIp, ports[0], ports[1]), rxRss.channels);
  }
  const ctx = h.pathCtx();
  return h.routes.cached(h.flowRoutes, key, (rid) => {
    if (off !== NO_OFFLOADS) h.routeOff.set(rid, off);
    return composeRoute(ctx, spec, rid, { flow: fi, reply });
  });
}

/** A route end for the offloads: the VM's settings and its data path now; null for the wire. */
function offloadEnd(h: Host, vi: number, sending: boolean): OffloadEnd | null {
  if (vi < 0) return null;
  const vm = h.vms[vi] as VmRt;
  return { off: offloadsOf(h.cfg.vms.find((v) => v.id === vm.id)?.nic), path: sending ? vm.txPath : vm.rxPath };
}

/** The offloads a compiled route carries (NO_OFFLOADS for most). */
export const routeOffOf = (h: Host, rid: number): RouteOffloads => h.routeOff.get(rid) ?? NO_OFFLOADS;

/** Frames one packet of route `rid` stands for (LSO large send, RSC coalesced receive), 1 otherwise. */
export const segsOf = (h: Host, rid: number): number => h.routeOff.get(rid)?.segs ?? 1;

/** A TCP control segment (SYN, SYN-ACK, ACK, FIN), not a flow's data: not counted per flow. */
function isTcpControl(h: Host, s: number): boolean {
  const flags = h.mv.tcpFlags[s] as number;
  return flags !== 0 && !(flags & TCP_FLAG.PSH);
}

/** IP bytes of data packet `s`: the flow's size, or a TCP control segment's headers. */
export function packetIpBytes(h: Host, s: number, packetBytes: number): number {
  const flags = h.mv.tcpFlags[s] as number;
  if (flags === 0 || flags & TCP_FLAG.PSH) return packetBytes;
  return flags & TCP_FLAG.SYN ? TCP_SYN_IP_BYTES : TCP_HEADER_IP_BYTES;
}

/** The sender of a flow's packet for IPv4 identification: a VM index, or -1 (external peer). */
function senderOf(h: Host, fi: number, reply: boolean): number {
  const f = h.cfg.flows[fi] as SimConfig['flows'][number];
  const a = vmOf(h, f.vm);
  if (f.direction === 'vm-to-vm') return reply ? vmOf(h, f.peerVm) : a;
  return (f.direction === 'vm-to-external') !== reply ? a : -1;
}

/**
 * Send a data packet: request `l4` or the reply to it; for TCP, `flags` ≠ 0 (without PSH) makes it
 * a control segment (SYN, SYN-ACK, ACK, FIN) with the given raw seq/ack.
 */
export function createPacket(h: Host, fi: number, reply: boolean, l4: number, flags = 0, seq = 0, ack = 0): void {
  const ctl = flags !== 0 && !(flags & TCP_FLAG.PSH);
  const s = h.alloc(MK.DATA, routeFor(h, fi, reply, ctl ? (flags & TCP_FLAG.SYN ? TCP_SYN_IP_BYTES : TCP_HEADER_IP_BYTES) : 0));
  const mv = h.mv; // after alloc: the arrays may have grown
  mv.l4[s] = l4;
  mv.ipId[s] = nextIpId(h, senderOf(h, fi, reply));
  if (ctl) {
    mv.tcpFlags[s] = flags;
    mv.tcpSeq[s] = seq;
    mv.tcpAck[s] = ack;
    mv.tcpGen[s] = h.tcp.conns[fi]?.gen ?? 0;
  } else if (h.cfg.flows[fi]?.protocol === 'tcp') stampData(h, s, fi, reply, l4);
  if (!reply && !ctl) h.flowSent[fi] = (h.flowSent[fi] ?? 0) + segsOf(h, mv.route[s] as number);
  h.runMover(s);
}

const sendSegment: Send = (h, fi, reply, l4, flags, seq, ack) => createPacket(h, fi, reply, l4, flags, seq, ack);

/** A data packet arrived: count it; a TCP-like or ICMP request is answered once. */
export function onDelivered(h: Host, s: number, route: Route, vi: number): void {
  const mv = h.mv;
  if (mv.kind[s] !== MK.DATA) return;
  const lat = h.nowNs - (mv.created[s] as number);
  const fi = mv.flow[s] as number;
  const flow = h.cfg.flows[fi];
  const segs = segsOf(h, route.id);
  const bytes = flow ? frameBytesOf(packetIpBytes(h, s, flow.packetBytes), null) * segs : 0;
  const bi = h.bucket % WINDOW_BUCKETS;
  const pc = h.perPath[route.path] as PathCounters;
  pc.packets += segs;
  pc.bytes += bytes;
  pc.latency.add(lat);
  pc.windowBytes[bi] = (pc.windowBytes[bi] as number) + bytes;
  const vm = h.vms[vi];
  if (vm) {
    const c = vm.counters;
    c.packets += segs;
    c.bytes += bytes;
    c.latency.add(lat);
    c.windowBytes[bi] = (c.windowBytes[bi] as number) + bytes;
  }
  if (route.flow !== fi) return; // a mirrored copy (port-policy.ts): received, but not the flow's delivery
  if (flow && !mv.reply[s] && fi < h.flowDelivered.length && !isTcpControl(h, s)) {
    h.flowDelivered[fi] = (h.flowDelivered[fi] as number) + segs;
    h.flowBytes[fi] = (h.flowBytes[fi] as number) + bytes;
  }
  if (!flow || !flowActive(h, fi)) return;
  if (flow.protocol === 'icmp' && !mv.reply[s]) createPacket(h, fi, true, mv.l4[s] as number);
  else if (flow.protocol === 'tcp' && tcpDelivered(h, s, fi, sendSegment)) {
    createPacket(h, fi, true, mv.l4[s] as number);
    tcpAfterReply(h, fi, sendSegment);
  }
}

/** A data packet was dropped: count the reason; a TCP-like request is retransmitted after the RTO. */
export function onDropped(h: Host, s: number, reason: number, vi: number): void {
  const mv = h.mv;
  if (mv.kind[s] !== MK.DATA) return;
  const name = h.names.name(reason);
  h.dropsByReason.set(name, (h.dropsByReason.get(name) ?? 0) + 1);
  completeDroppedSend(h, s);
  const vm = h.vms[vi];
  if (vm) vm.counters.drops++;
  const fi = mv.flow[s] as number;
  if (h.routes.get(mv.route[s] as number).flow !== fi) return; // a mirrored copy (port-policy.ts)
  const flow = h.cfg.flows[fi];
  if (flow && !mv.reply[s] && fi < h.flowDropped.length && !isTcpControl(h, s)) h.flowDropped[fi] = (h.flowDropped[fi] as number) + segsOf(h, mv.route[s] as number);
  if (flow && flow.protocol === 'tcp' && tcpDropped(h, s, fi)) h.sched.push(h.nowNs + MODEL.tcpRtoNs, Q_RETX, fi, mv.l4[s] as number);
}

/** Q_RETX: resend the request (or a TCP SYN/FIN, l4 ≤ 0) once the flow can carry data again. */
export function retransmit(h: Host, fi: number, l4: number): void {
  const tcp = h.cfg.flows[fi]?.protocol === 'tcp';
  if (tcp && l4 > 0 && !tcpMaySend(h, fi)) return; // the connection has closed meanwhile
  if (flowActive(h, fi)) {
    if (tcp && l4 <= 0) tcpRetransmitControl(h, fi, l4, sendSegment);
    else createPacket(h, fi, false, l4);
  }
  else h.sched.push(h.nowNs + MODEL.tcpRtoNs, Q_RETX, fi, l4);
}
