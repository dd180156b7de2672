/**
 * One packet's details (frame, encapsulation now, current hop, route ahead) and its history from
 * the trace ring: read-only projections for the inspector.
 */
import { F, MK, OP, STEP } from '../core/program';
import type { Host } from '../model/host';
import { vmOf } from '../model/partition';
import { TCP_FLAG, TCP_HEADER_IP_BYTES, TCP_RCV_BUFFER, TCP_SYN_IP_BYTES, TCP_SYN_WINDOW, TCP_WSCALE, tcpRelative } from '../model/tcp';
import { packetIpBytes, routeOffOf } from '../model/traffic';
import { ENC, EXTERNAL_IP, EXTERNAL_MAC, buildFrame, encapsulation, type PacketOffload } from '../packets';
import { PATH_KINDS, type PacketInfo, type PathKind, type TraceEvent, type VmId } from '../types';

function slotOf(h: Host, id: number): number {
  const mv = h.mv;
  for (let s = 0; s < mv.hw; s++) if (mv.alive[s] && mv.kind[s] !== MK.TOKEN && mv.id[s] === id) return s;
  return -1;
}

export function packetInfo(h: Host, id: number): PacketInfo | null {
  const s = slotOf(h, id);
  if (s < 0) return null;
  const mv = h.mv;
  const names = h.names.names;
  const route = h.routes.get(mv.route[s] as number);
  const code = route.code;
  const pc = mv.pc[s] as number;
  const vi = code[Math.min(pc, route.steps - 1) * STEP + F.VM] as number;
  const fi = mv.flow[s] as number;
  const flow = h.cfg.flows[fi];
  let frame: PacketInfo['frame'] = null;
  if (mv.kind[s] === MK.DATA && flow) frame = frameOf(h, s, fi, mv.reply[s] === 1, mv.l4[s] as number);
  const planned: string[] = [];
  for (let i = mv.onHop[s] ? pc + 1 : pc; i < route.steps; i++) if (code[i * STEP + F.OP] === OP.HOP) planned.push(names[code[i * STEP + F.TO] as number] as string);
  const vm = vi >= 0 ? h.vms[vi] : undefined;
  const msg = mv.msg[s] as number;
  const off = routeOffOf(h, route.id);
  const enc = mv.enc[s] as number;
  const rx = enc === ENC.VMBUS_RX;
  const offload: PacketOffload | undefined =
    off.segs > 1 || off.swCsumTx || off.swCsumRx ? { kind: off.lso ? 'lso' : off.rsc ? 'rsc' : 'none', frames: off.segs, mss: off.mss, checksum: !(rx ? off.swCsumRx : off.swCsumTx) } : undefined;
  return {
    id,
    flowId: flow && mv.kind[s] === MK.DATA ? flow.id : null,
    path: PATH_KINDS[mv.path[s] as number] as PathKind,
    vm: (vm?.id ?? null) as VmId | null,
    frame,
    message: msg >= 0 ? (names[msg] as string) : null,
    createdNs: mv.created[s] as number,
    hop: mv.onHop[s] ? { from: names[mv.from[s] as number] as string, to: names[mv.to[s] as number] as string, startNs: mv.start[s] as number, endNs: mv.end[s] as number } : null,
    at: (mv.at[s] as number) >= 0 ? (names[mv.at[s] as number] as string) : 'unknown',
    encapsulation: encapsulation(enc, frame, msg >= 0 ? (names[msg] as string) : null, { vf: vm?.vfAssigned ?? 0, relid: 1, transId: id, section: id % 170, trunk: h.cfg.vms.find((v) => v.id === vm?.id)?.nic?.vlanMode === 'trunk', onWire: onWire(enc, mv.onHop[s] ? (names[mv.to[s] as number] as string) : (names[mv.at[s] as number] ?? '')), ...(offload ? { offload } : {}) }),
    plannedRoute: planned,
    ...(offload && offload.kind !== 'none' ? { offload: { kind: offload.kind, frames: offload.frames, mss: offload.mss } } : {}),
  };
}

/** Is the frame on the physical side of the switch (the PF's DMA, the NIC, its queues, the wire)? */
function onWire(enc: number, at: string): boolean {
  return enc === ENC.PF_DMA || at === 'wire' || at === 'nic' || at === 'nic.eswitch' || at.startsWith('nic.queue');
}

function frameOf(h: Host, s: number, fi: number, reply: boolean, l4: number): PacketInfo['frame'] {
  const f = h.cfg.flows[fi];
  if (!f) return null;
  const vmA = h.vms[vmOf(h, f.vm)];
  const ext = { mac: EXTERNAL_MAC, ip: EXTERNAL_IP };
  const A = vmA ? { mac: vmA.mac, ip: vmA.ip } : ext;
  const P = f.direction === 'vm-to-vm' ? (h.vms[vmOf(h, f.peerVm)] ?? null) : null;
  let src = A;
  let dst = P ? { mac: P.mac, ip: P.ip } : ext;
  if (f.direction === 'external-to-vm') [src, dst] = [ext, A];
  if (reply) [src, dst] = [dst, src];
  const mv = h.mv;
  const ipBytes = packetIpBytes(h, s, f.packetBytes);
  const frame = buildFrame({ srcMac: src.mac, dstMac: dst.mac, srcIp: src.ip, dstIp: dst.ip, vlan: vmA?.vlan ?? null }, f.protocol, fi, ipBytes, l4, reply);
  frame.ipId = mv.ipId[s] as number;
  if (f.protocol === 'icmp') frame.icmp = { id: (fi + 1) & 0xffff, seq: l4 & 0xffff };
  if (f.protocol === 'tcp') {
    const flags = mv.tcpFlags[s] as number;
    const seq = mv.tcpSeq[s] as number;
    const ack = mv.tcpAck[s] as number;
    const rel = tcpRelative(h, fi, mv.tcpGen[s] as number, reply, seq, ack, flags);
    const syn = (flags & TCP_FLAG.SYN) !== 0;
    frame.tcp = {
      seq,
      ack,
      relSeq: rel?.seq ?? seq,
      relAck: rel?.ack ?? ack,
      flags,
      flagNames: tcpFlagNames(flags),
      window: syn ? TCP_SYN_WINDOW : TCP_RCV_BUFFER >>> TCP_WSCALE,
      windowBytes: syn ? TCP_SYN_WINDOW : TCP_RCV_BUFFER,
      mss: syn ? Math.max(536, Math.min(65495, f.packetBytes - TCP_HEADER_IP_BYTES)) : null,
      windowShift: syn ? TCP_WSCALE : null,
      payloadBytes: ipBytes - (syn ? TCP_SYN_IP_BYTES : TCP_HEADER_IP_BYTES),
    };
  }
  return frame;
}

const FLAG_NAMES: [number, string][] = [
  [TCP_FLAG.FIN, 'FIN'],
  [TCP_FLAG.SYN, 'SYN'],
  [TCP_FLAG.RST, 'RST'],
  [TCP_FLAG.PSH, 'PSH'],
  [TCP_FLAG.ACK, 'ACK'],
];

/** Wireshark's order: `FIN, ACK`, `SYN, ACK`, `PSH, ACK`. */
function tcpFlagNames(flags: number): string {
  return FLAG_NAMES.filter(([b]) => flags & b)
    .map(([, n]) => n)
    .join(', ');
}

/** Every event of packet `id` still in the trace ring, in order. */
export function packetHistory(h: Host, id: number): TraceEvent[] {
  const out: TraceEvent[] = [];
  const tr = h.trace;
  for (let seq = tr.first(); seq < tr.count; seq++) if (tr.packet[seq & tr.mask] === id) out.push(h.eventAt(seq));
  return out;
}
