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
import { DST_PORT, frameBytesOf } from '../packets';
import { Q_FLOW, Q_RETX } from './codes';
import type { Host } from './host';
import { composeRoute, type RouteSpec } from './paths/compose';
import { vmOf, type VmRt } from './partition';
import type { SimConfig } from '../types';

/** (Re)start every flow's generator; ticks of an older epoch are ignored. */
export function startFlows(h: Host): void {
  const epoch = ++h.flowEpoch;
  h.flowNextSeq = h.cfg.flows.map(() => 1);
  h.flowSent = h.cfg.flows.map(() => 0);
  h.flowDelivered = h.cfg.flows.map(() => 0);
  h.flowDropped = h.cfg.flows.map(() => 0);
  h.flowBytes = h.cfg.flows.map(() => 0);
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
  if (f.stopNs !== undefined && h.nowNs >= f.stopNs) return;
  if (flowActive(h, fi)) {
    const seq = h.flowNextSeq[fi] as number;
    h.flowNextSeq[fi] = seq + 1;
    createPacket(h, fi, false, seq);
  }
  const base = 1e9 / f.ratePps;
  const dt = Math.max(1, Math.round(base * (1 - MODEL.rateJitter / 2 + MODEL.rateJitter * h.rng.next())));
  h.sched.push(h.nowNs + dt, Q_FLOW, fi, epoch);
}

/** The compiled route of flow `fi` in one direction. */
export function routeFor(h: Host, fi: number, reply: boolean): number {
  const key = fi * 2 + (reply ? 1 : 0);
  const hit = h.flowRoutes.get(key);
  if (hit !== undefined) return hit;
  const f = h.cfg.flows[fi] as SimConfig['flows'][number];
  const a = vmOf(h, f.vm);
  const p = f.direction === 'vm-to-vm' ? vmOf(h, f.peerVm) : -1;
  let src: number;
  let dst: number;
  if (f.direction === 'vm-to-external') [src, dst] = reply ? [-1, a] : [a, -1];
  else if (f.direction === 'external-to-vm') [src, dst] = reply ? [a, -1] : [-1, a];
  else [src, dst] = reply ? [p, a] : [a, p];
  const vlan = (h.vms[a] as VmRt).vlan;
  const spec: RouteSpec = {
    src,
    dst,
    frameBytes: frameBytesOf(f.packetBytes, vlan),
    match: {
      protocol: f.protocol,
      dstPort: reply ? (f.protocol === 'icmp' ? null : 49152 + (fi % 16384)) : DST_PORT[f.protocol],
      srcVm: src >= 0 ? (h.vms[src] as VmRt).id : null,
      dstVm: dst >= 0 ? (h.vms[dst] as VmRt).id : null,
    },
    dropRules: h.cfg.extensions.filter.dropRules,
    filterEnabled: h.cfg.extensions.filter.enabled,
  };
  const ctx = h.pathCtx();
  return h.routes.cached(h.flowRoutes, key, (rid) => composeRoute(ctx, spec, rid, { flow: fi, reply }));
}

export function createPacket(h: Host, fi: number, reply: boolean, l4: number): void {
  const s = h.alloc(MK.DATA, routeFor(h, fi, reply));
  if (!reply) h.flowSent[fi] = (h.flowSent[fi] ?? 0) + 1;
  h.mv.l4[s] = l4;
  h.runMover(s);
}

/** A data packet arrived: count it; a TCP-like or ICMP request is answered once. */
export function onDelivered(h: Host, s: number, route: Route, vi: number): void {
  const mv = h.mv;
  if (mv.kind[s] !== MK.DATA) return;
  const lat = h.nowNs - (mv.created[s] as number);
  const fi = mv.flow[s] as number;
  const flow = h.cfg.flows[fi];
  const bytes = flow ? frameBytesOf(flow.packetBytes, null) : 0;
  const bi = h.bucket % WINDOW_BUCKETS;
  const pc = h.perPath[route.path] as PathCounters;
  pc.packets++;
  pc.bytes += bytes;
  pc.latency.add(lat);
  pc.windowBytes[bi] = (pc.windowBytes[bi] as number) + bytes;
  const vm = h.vms[vi];
  if (vm) {
    const c = vm.counters;
    c.packets++;
    c.bytes += bytes;
    c.latency.add(lat);
    c.windowBytes[bi] = (c.windowBytes[bi] as number) + bytes;
  }
  if (flow && !mv.reply[s] && fi < h.flowDelivered.length) {
    h.flowDelivered[fi] = (h.flowDelivered[fi] as number) + 1;
    h.flowBytes[fi] = (h.flowBytes[fi] as number) + bytes;
  }
  if (flow && !mv.reply[s] && (flow.protocol === 'tcp' || flow.protocol === 'icmp') && flowActive(h, fi)) {
    createPacket(h, fi, true, mv.l4[s] as number);
  }
}

/** A data packet was dropped: count the reason; a TCP-like request is retransmitted after the RTO. */
export function onDropped(h: Host, s: number, reason: number, vi: number): void {
  const mv = h.mv;
  if (mv.kind[s] !== MK.DATA) return;
  const name = h.names.name(reason);
  h.dropsByReason.set(name, (h.dropsByReason.get(name) ?? 0) + 1);
  const vm = h.vms[vi];
  if (vm) vm.counters.drops++;
  const fi = mv.flow[s] as number;
  const flow = h.cfg.flows[fi];
  if (flow && !mv.reply[s] && fi < h.flowDropped.length) h.flowDropped[fi] = (h.flowDropped[fi] as number) + 1;
  if (flow && flow.protocol === 'tcp') h.sched.push(h.nowNs + MODEL.tcpRtoNs, Q_RETX, fi, mv.l4[s] as number);
}

/** Q_RETX: resend the request once the flow can carry data again. */
export function retransmit(h: Host, fi: number, l4: number): void {
  if (flowActive(h, fi)) createPacket(h, fi, false, l4);
  else h.sched.push(h.nowNs + MODEL.tcpRtoNs, Q_RETX, fi, l4);
}
