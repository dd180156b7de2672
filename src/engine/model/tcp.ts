/**
 * TCP on the wire for the TCP-like flows (the workload, not a Hyper-V component): every segment is
 * a real simulated packet on the flow's path, so captures, the inspector and the animation agree.
 *
 * The request/response model stays underneath (traffic.ts): the client (the flow's source) sends
 * request n as one full-size data segment, the server answers each request it receives with one
 * data segment of the same size (an echo service). On top of it this module keeps one connection
 * per flow:
 * - a three-way handshake (SYN, SYN-ACK, ACK) before the first request; ISNs come from a PRNG
 *   seeded by the run's seed (a stream of its own, so adding TCP did not move the flow jitter);
 * - seq/ack count bytes: request n occupies client bytes [1 + (n − 1)·mss, 1 + n·mss) relative to
 *   the client ISN, so a retransmission of n carries the same seq; replies take server bytes in the
 *   order the server first sends them, and a reply to a request received again (the model re-sends
 *   a request when it, or its reply, was lost) re-sends the same server bytes;
 * - ACKs are piggybacked: each reply acknowledges everything received in order so far, each request
 *   acknowledges the replies received so far (one ACK per received segment, carried on the next
 *   data segment, a simplification of delayed ACK); pure ACKs end the handshake and the close;
 * - a constant receive window (4 MiB with window scale 8, announced in SYN/SYN-ACK), larger than
 *   anything in flight: the model has no flow control;
 * - FIN when the flow stops (`stopNs`): FIN, FIN-ACK from the server, last ACK.
 * Lost SYN/SYN-ACK and FIN/FIN-ACK are sent again after the compressed RTO, as data is.
 * Connections of flows replaced by `set-flows` or a VM removal end without FIN (not modelled).
 */
import { createPrng, type Prng } from '../core/prng';
import { MODEL } from '../costs';
import { Q_RETX } from './codes';
import type { Host } from './host';

export const TCP_FLAG = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;
/** Receive buffer both ends announce; the window field carries it >> TCP_WSCALE (RFC 7323). */
export const TCP_RCV_BUFFER = 4 * 1024 * 1024;
export const TCP_WSCALE = 8;
/** Window field of SYN and SYN-ACK (never scaled). */
export const TCP_SYN_WINDOW = 64240;
/** IP + TCP header bytes: 40, SYN options (MSS 4, NOP 1, window scale 3) add 8. */
export const TCP_HEADER_IP_BYTES = 40;
export const TCP_SYN_IP_BYTES = 48;
/** Q_RETX arg2 markers for control segments (data requests use their number, ≥ 1). */
export const RETX_SYN = 0;
export const RETX_FIN = -1;

const enum St {
  CLOSED = 0,
  SYN_SENT = 1,
  ESTABLISHED = 2,
  FIN_SENT = 3,
  DONE = 4,
}

/** One connection; seq numbers are relative (0 = the SYN) until `raw` adds the ISN. */
export interface TcpConn {
  gen: number;
  state: St;
  iss: number;
  irs: number;
  /** Payload bytes of every data segment (the flow's IP size − 40). */
  mss: number;
  /** Client: next in-order server byte expected, and server segments received beyond it. */
  cRcv: number;
  cOoo: Set<number>;
  /** Server: next in-order client byte expected, and client segments received beyond it. */
  sRcv: number;
  sOoo: Set<number>;
  /** Server: next new byte, and the seq of the reply to each request already answered. */
  sNext: number;
  replySeq: Map<number, number>;
  /** Client FIN seq once the flow stopped (-1 before), server FIN seq once sent (-1 before). */
  cFin: number;
  sFin: number;
  /** A FIN arrived before bytes it follows: answered when they are in. */
  sFinHeld: boolean;
  cFinHeld: boolean;
}

/** Per-host TCP state: one slot per flow index. */
export interface TcpState {
  rng: Prng;
  conns: (TcpConn | null)[];
  /** IPv4 identification per sender: VM index, or -1 for the external peer. */
  ipIds: Map<number, number>;
}

export function createTcpState(seed: number): TcpState {
  return { rng: createPrng((seed ^ 0x54435021) >>> 0), conns: [], ipIds: new Map() };
}

/** startFlows: every flow starts without a connection (a new generation). */
export function resetTcp(h: Host): void {
  h.tcp.conns = h.cfg.flows.map(() => null);
}

const u32 = (x: number) => x >>> 0;
const u32draw = (r: Prng) => u32(Math.floor(r.next() * 4294967296));

/** The next IPv4 identification of a sender (VM index, or -1 for the external peer). */
export function nextIpId(h: Host, sender: number): number {
  const m = h.tcp.ipIds;
  const cur = m.get(sender) ?? Math.floor(h.tcp.rng.next() * 65536);
  m.set(sender, (cur + 1) & 0xffff);
  return cur & 0xffff;
}

function conn(h: Host, fi: number): TcpConn | null {
  return h.tcp.conns[fi] ?? null;
}

export type Send = (h: Host, fi: number, reply: boolean, l4: number, flags: number, seq: number, ack: number) => void;

/**
 * flowTick of a TCP flow that may carry data now: opens the connection when needed.
 * True when a data request may be sent.
 */
export function tcpReady(h: Host, fi: number, send: Send): boolean {
  let c = conn(h, fi);
  if (!c) {
    const f = h.cfg.flows[fi];
    if (!f) return false;
    c = {
      gen: h.flowEpoch,
      state: St.CLOSED,
      iss: u32draw(h.tcp.rng),
      irs: u32draw(h.tcp.rng),
      mss: Math.max(1, f.packetBytes - TCP_HEADER_IP_BYTES),
      cRcv: 1,
      cOoo: new Set(),
      sRcv: 1,
      sOoo: new Set(),
      sNext: 1,
      replySeq: new Map(),
      cFin: -1,
      sFin: -1,
      sFinHeld: false,
      cFinHeld: false,
    };
    h.tcp.conns[fi] = c;
  }
  if (c.state === St.CLOSED) {
    c.state = St.SYN_SENT;
    send(h, fi, false, 0, TCP_FLAG.SYN, c.iss, 0);
    return false;
  }
  return c.state === St.ESTABLISHED;
}

/** The flow stopped: send FIN once, after the last request. */
export function tcpClose(h: Host, fi: number, lastRequest: number, send: Send): void {
  const c = conn(h, fi);
  if (!c || c.state !== St.ESTABLISHED) return;
  c.state = St.FIN_SENT;
  c.cFin = 1 + lastRequest * c.mss;
  send(h, fi, false, 0, TCP_FLAG.FIN | TCP_FLAG.ACK, u32(c.iss + c.cFin), u32(c.irs + c.cRcv));
}

/** Seq/ack/flags of data segment `l4` (a request, or the reply to request `l4`) about to be sent. */
export function stampData(h: Host, s: number, fi: number, reply: boolean, l4: number): void {
  const c = conn(h, fi);
  if (!c) return;
  const mv = h.mv;
  mv.tcpGen[s] = c.gen;
  mv.tcpFlags[s] = TCP_FLAG.PSH | TCP_FLAG.ACK;
  if (!reply) {
    mv.tcpSeq[s] = u32(c.iss + 1 + (l4 - 1) * c.mss);
    mv.tcpAck[s] = u32(c.irs + c.cRcv);
  } else {
    let rel = c.replySeq.get(l4);
    if (rel === undefined) {
      rel = c.sNext;
      c.sNext += c.mss;
      c.replySeq.set(l4, rel);
    }
    mv.tcpSeq[s] = u32(c.irs + rel);
    mv.tcpAck[s] = u32(c.iss + c.sRcv);
  }
}

/** In-order receive: advance `next` over `start` and any segments held beyond it. */
function receive(next: number, ooo: Set<number>, start: number, len: number): number {
  if (start > next) {
    ooo.add(start);
    return next;
  }
  let n = Math.max(next, start + len);
  while (ooo.delete(n)) n += len;
  for (const x of ooo) if (x < n) ooo.delete(x);
  return n;
}

/**
 * A TCP segment was delivered to its end: advance that end's state and send what it answers.
 * True when the engine should answer with a data reply (a request reached the server); the caller
 * then sends it and calls `tcpAfterReply`.
 */
export function tcpDelivered(h: Host, s: number, fi: number, send: Send): boolean {
  const c = conn(h, fi);
  const mv = h.mv;
  if (!c || mv.tcpGen[s] !== c.gen) return false;
  const flags = mv.tcpFlags[s] as number;
  const reply = mv.reply[s] === 1;
  const seq = mv.tcpSeq[s] as number;
  if (!reply) {
    // At the server.
    if (flags & TCP_FLAG.SYN) {
      send(h, fi, true, 0, TCP_FLAG.SYN | TCP_FLAG.ACK, c.irs, u32(c.iss + 1));
      return false;
    }
    if (flags & TCP_FLAG.FIN) {
      if (c.sRcv > c.cFin) serverFin(h, c, fi, send); // a FIN sent again: acknowledge it again
      else if (c.sRcv === c.cFin) {
        c.sRcv = c.cFin + 1;
        serverFin(h, c, fi, send);
      } else c.sFinHeld = true; // requests before it are missing: answer once they are in
      return false;
    }
    if (!(flags & TCP_FLAG.PSH)) return false; // a pure ACK
    c.sRcv = receive(c.sRcv, c.sOoo, u32(seq - c.iss), c.mss);
    return true;
  }
  // At the client.
  if (flags & TCP_FLAG.SYN) {
    if (c.state === St.SYN_SENT) c.state = St.ESTABLISHED;
    send(h, fi, false, 0, TCP_FLAG.ACK, u32(c.iss + 1), u32(c.irs + c.cRcv));
    return false;
  }
  if (flags & TCP_FLAG.FIN) {
    if (c.cRcv >= c.sFin) clientDone(h, c, fi, send);
    else c.cFinHeld = true;
    return false;
  }
  c.cRcv = receive(c.cRcv, c.cOoo, u32(seq - c.irs), c.mss);
  if (c.cFinHeld && c.cRcv >= c.sFin) {
    c.cFinHeld = false;
    clientDone(h, c, fi, send);
  }
  return false;
}

/** The client has every server byte and the server's FIN: the last ACK. */
function clientDone(h: Host, c: TcpConn, fi: number, send: Send): void {
  c.cRcv = c.sFin + 1;
  c.state = St.DONE;
  send(h, fi, false, 0, TCP_FLAG.ACK, u32(c.iss + c.cFin + 1), u32(c.irs + c.cRcv));
}

/** The server closes its side (FIN-ACK) once it has every client byte up to the FIN. */
function serverFin(h: Host, c: TcpConn, fi: number, send: Send): void {
  if (c.sFin < 0) c.sFin = c.sNext;
  send(h, fi, true, 0, TCP_FLAG.FIN | TCP_FLAG.ACK, u32(c.irs + c.sFin), u32(c.iss + c.sRcv));
}

/** After the server answered a request: a FIN held for the missing requests is answered now. */
export function tcpAfterReply(h: Host, fi: number, send: Send): void {
  const c = conn(h, fi);
  if (c && c.sFinHeld && c.sRcv === c.cFin) {
    c.sFinHeld = false;
    c.sRcv = c.cFin + 1;
    serverFin(h, c, fi, send);
  }
}

/**
 * A TCP segment was dropped. Data: the request is sent again after the RTO (traffic.ts).
 * SYN/SYN-ACK → the SYN again; FIN/FIN-ACK → the FIN again; a pure ACK is not re-sent (the next
 * segment carries the same acknowledgement). Returns false when this handled it.
 */
export function tcpDropped(h: Host, s: number, fi: number): boolean {
  const mv = h.mv;
  const flags = mv.tcpFlags[s] as number;
  if (flags & TCP_FLAG.PSH) return true;
  const c = conn(h, fi);
  if (!c || mv.tcpGen[s] !== c.gen) return false;
  if (flags & TCP_FLAG.SYN) h.sched.push(h.nowNs + MODEL.tcpRtoNs, Q_RETX, fi, RETX_SYN);
  else if (flags & TCP_FLAG.FIN) h.sched.push(h.nowNs + MODEL.tcpRtoNs, Q_RETX, fi, RETX_FIN);
  return false;
}

/** Q_RETX of a control segment: re-send the SYN or FIN if the connection still waits for it. */
export function tcpRetransmitControl(h: Host, fi: number, marker: number, send: Send): void {
  const c = conn(h, fi);
  if (!c) return;
  if (marker === RETX_SYN && c.state === St.SYN_SENT) send(h, fi, false, 0, TCP_FLAG.SYN, c.iss, 0);
  else if (marker === RETX_FIN && c.state === St.FIN_SENT) send(h, fi, false, 0, TCP_FLAG.FIN | TCP_FLAG.ACK, u32(c.iss + c.cFin), u32(c.irs + c.cRcv));
}

/** A data request may still be (re)sent: false once the connection has closed. */
export function tcpMaySend(h: Host, fi: number): boolean {
  const c = conn(h, fi);
  return !!c && (c.state === St.ESTABLISHED || c.state === St.FIN_SENT);
}

/** Relative seq/ack for the inspector (what Wireshark shows by default), or null. */
export function tcpRelative(h: Host, fi: number, gen: number, reply: boolean, seq: number, ack: number, flags: number): { seq: number; ack: number } | null {
  const c = conn(h, fi);
  if (!c || c.gen !== gen) return null;
  const [mine, theirs] = reply ? [c.irs, c.iss] : [c.iss, c.irs];
  return { seq: u32(seq - mine), ack: flags & TCP_FLAG.ACK ? u32(ack - theirs) : 0 };
}
