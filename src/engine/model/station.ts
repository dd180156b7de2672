/**
 * Stations: the places a mover waits for a reader, and the reader loop they share (wake → drain
 * one entry at a time → idle). Four kinds, each owned by its component module:
 * - ST.RING: a VMBus ring buffer (vmbus-ring.ts: indices, interrupt_mask, pending_send_sz);
 * - ST.NICQ: a physical NIC receive queue with interrupt moderation (nic.ts, facts §6, H17);
 * - ST.VFQ: an SR-IOV VF receive queue (sriov-vf.ts, §9.10), moderated like a NIC queue;
 * - ST.LEGACY: the emulated 21140's RX descriptor ring, read by its ISR (worker-process.ts);
 * - ST.LEGACY_TX: the 21140's TX descriptor ring as the guest driver fills it; frames beyond it
 *   wait in the guest's queue (worker-process.ts legacyTxPut).
 *
 * Simplification: one record type carries the fields of all four kinds (a kind ignores the
 * others), so the kernel's PUT/COMMIT hooks index one array.
 *
 * Movers in a station are linked through the kernel's mover `next` array (intrusive FIFO), so a
 * station holds no per-packet objects.
 */
import type { Host } from './host';
import { Q_READER } from './codes';
import { ringIdle, ringPopped, ringUnmask, ringWake } from './vmbus-ring';

export const ST = { RING: 0, NICQ: 1, VFQ: 2, LEGACY: 3, LEGACY_TX: 4 } as const;
export const READER = { IDLE: 0, WAKING: 1, DRAINING: 2 } as const;

export interface Station {
  id: number;
  kind: number;
  /** Component id of the station (e.g. `vm1.vmbus.in`, `nic.queue.3`). */
  name: string;
  /** Owning VM index, or -1. */
  vi: number;
  /** NIC queue number (NICQ). */
  q: number;
  head: number;
  tail: number;
  count: number;
  // VMBus ring header state.
  size: number;
  used: number;
  writeIndex: number;
  readIndex: number;
  mask: boolean;
  pendingSendSz: number;
  peakBytes: number;
  /** Out ring: the guest writes (and may block); in ring: the host writes. */
  guestWriter: boolean;
  blockedHead: number;
  blockedTail: number;
  blockedCount: number;
  /** Out ring: control messages among the waiting writers (the rest are frames). */
  blockedCtl: number;
  /** Out ring: NetVSC's send queue is stopped (netif_tx_stop_queue). */
  txStopped: boolean;
  // Reader.
  reader: number;
  readerScheduled: boolean;
  /** ring-exhaust fault: the reader does not drain before this time. */
  pausedUntil: number;
  // Interrupt moderation (NICQ, VFQ).
  limit: number;
  modCount: number;
  timerArmed: boolean;
  timerCause: number;
  timerPath: number;
  // Tulip ISR.
  reserved: number;
  isrActive: boolean;
  irqPending: boolean;
  phase: number;
  txDonePending: boolean;
  /** Compiled token routes that wake the reader, by writer LP (rings) or VF number. */
  signalRoutes: Map<number, number>;
  /**
   * A subchannel's in ring (vrss.ts): its sub_channel_index and target VP / LP; null for a
   * primary channel's rings (read on the VM's VP 0).
   */
  target: { chan: number; vp: number; lp: number } | null;
}

export function createStation(id: number, kind: number, name: string, vi: number): Station {
  return {
    id,
    kind,
    name,
    vi,
    q: 0,
    head: -1,
    tail: -1,
    count: 0,
    size: 0,
    used: 0,
    writeIndex: 0,
    readIndex: 0,
    mask: false,
    pendingSendSz: 0,
    peakBytes: 0,
    guestWriter: false,
    blockedHead: -1,
    blockedTail: -1,
    blockedCount: 0,
    blockedCtl: 0,
    txStopped: false,
    reader: READER.IDLE,
    readerScheduled: false,
    pausedUntil: 0,
    limit: Number.MAX_SAFE_INTEGER,
    modCount: 0,
    timerArmed: false,
    timerCause: -1,
    timerPath: 0,
    reserved: 0,
    isrActive: false,
    irqPending: false,
    phase: 0,
    txDonePending: false,
    signalRoutes: new Map(),
    target: null,
  };
}

/**
 * Park mover `s` at the end of the station's wait list (movers blocked from entering it: a full
 * VMBus ring, the 21140's stopped TX ring), stamped with the time it started waiting.
 */
export function parkBlocked(h: Host, st: Station, s: number, at: number): void {
  const mv = h.mv;
  if (st.blockedTail >= 0) mv.next[st.blockedTail] = s;
  else st.blockedHead = s;
  st.blockedTail = s;
  mv.next[s] = -1;
  st.blockedCount++;
  mv.at[s] = at;
}

export function enqueue(h: Host, st: Station, s: number): void {
  const next = h.mv.next;
  next[s] = -1;
  if (st.tail >= 0) next[st.tail] = s;
  else st.head = s;
  st.tail = s;
  st.count++;
}

export function dequeue(h: Host, st: Station): number {
  const next = h.mv.next;
  const s = st.head;
  st.head = next[s] as number;
  if (st.head < 0) st.tail = -1;
  st.count--;
  next[s] = -1;
  return s;
}

/** A signal or interrupt reached the station's reader: it starts draining. */
export function wake(h: Host, st: Station): void {
  st.reader = READER.DRAINING;
  if (st.kind === ST.RING) ringWake(h, st);
  drain(h, st);
}

/** The reader takes the next entry, or goes idle when there is none. */
export function drain(h: Host, st: Station): void {
  st.readerScheduled = false;
  if (st.reader !== READER.DRAINING) return;
  if (h.nowNs < st.pausedUntil) {
    st.readerScheduled = true;
    h.sched.push(st.pausedUntil, Q_READER, st.id);
    return;
  }
  if (st.count === 0) {
    if (st.kind === ST.RING) ringUnmask(h, st);
    st.reader = READER.IDLE;
    st.modCount = 0;
    if (st.kind === ST.RING) ringIdle(h, st);
    return;
  }
  const s = dequeue(h, st);
  if (st.kind === ST.RING) ringPopped(h, st, s);
  const end = h.resume(s);
  st.readerScheduled = true;
  h.sched.push(end > h.nowNs ? end : h.nowNs, Q_READER, st.id);
}
