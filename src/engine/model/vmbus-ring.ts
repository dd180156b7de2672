/**
 * The VMBus ring buffer (hyperv-facts.md §2.3, §3.5): one ring per direction of a channel
 * (`<vm>.vmbus.out`, guest → host; `<vm>.vmbus.in`, host → guest), with its write and read
 * indices, the reader's interrupt_mask and the writer's pending_send_sz.
 *
 * Rules modelled (facts §2.3):
 * 1. The writer signals only if the reader's interrupt_mask is 0 and the ring was empty before
 *    the write (empty → non-empty).
 * 2. A draining reader sets interrupt_mask = 1; when it finds the ring empty it clears the mask
 *    and re-checks.
 * 3. Flow control, on the side that really does it (fidelity audit D4, D27):
 *    - The guest's NetVSC (writer of the out ring) never posts pending_send_sz. It stops its send
 *      queue when less than 10 % of the ring is free after a send (or a send finds no room) and
 *      wakes it from its send-completion handler once more than 20 % is free or nothing is
 *      outstanding (Linux netvsc.c RING_AVAIL_PERCENT_LOWATER/HIWATER, netvsc_send_pkt,
 *      netvsc_send_tx_complete). Frames wait in the guest's queue (txqueuelen, MODEL.guestTxBacklog)
 *      meanwhile; beyond it the guest drops them (`tx-queue-full`). NetVSC's own control messages
 *      (receive completions) wait only for room and are retried as soon as there is (Linux retries
 *      on its next poll). The Windows guest driver's thresholds are unverified: Linux is modelled.
 *    - The host (NetVSP, writer of the in ring) blocks on a full ring and posts pending_send_sz;
 *      the guest reader signals it once that much is free (ring_buffer.c hv_pkt_iter_close).
 *      Only NetVSP's own queue of waiting receives has a limit (MODEL.hostRxBacklog, a model
 *      estimate): a frame beyond it is dropped as `ring-full`, and the drop says so.
 *
 * Simplifications: subchannels (vrss.ts) get their own in ring each; sends stay on the primary's
 * out ring; the ring is a byte counter, not
 * memory; the barrier between unmask and re-check is implicit (nothing runs in between).
 */
import { ring } from '../ids';
import { MK, F, STEP, EK } from '../core/program';
import { MODEL } from '../costs';
import { ACT, PATH_INDEX } from './codes';
import type { Host } from './host';
import type { VmRt } from './partition';
import { READER, ST, createStation, enqueue, parkBlocked, type Station } from './station';
import { flushGuestCompletions } from './netvsc';
import { flushHostCompletions } from './netvsp';
import { signalBlockedHostHops, signalGuestHops, signalHostHops } from './synic';
import type { VmState } from '../types';

const EK_ring = EK.ring;

/** A VM's ring in direction `dir` (out: the guest writes; in: the host writes). */
export function createRing(h: Host, vmId: string, vi: number, dir: 'out' | 'in', target: Station['target'] = null): number {
  const st = createStation(h.stations.length, ST.RING, ring(vmId, dir), vi);
  st.size = MODEL.ringBytes;
  st.guestWriter = dir === 'out';
  st.target = target; // a subchannel's ring (vrss.ts): same component id, its own indices and reader
  h.stations.push(st);
  return st.id;
}

/** NetVSC's send-queue thresholds, % of the ring free (Linux netvsc.c; Windows unverified). */
export const TX_STOP_BELOW_PCT = 10;
export const TX_WAKE_ABOVE_PCT = 20;


function ringEvent(h: Host, st: Station, packet: number, path: number, detail: string, note: string): void {
  const n = h.intern(st.name);
  h.emit(EK_ring, packet, n, n, path, -1, -1, -1, 0, h.intern(detail), 0, st.vi, -1, h.intern(note), false);
}

/** netif_tx_stop_queue: NetVSC stops handing frames to the ring. */
function stopQueue(h: Host, st: Station, s: number): void {
  st.txStopped = true;
  ringEvent(h, st, h.eventPacket(s), h.mv.path[s] as number, 'netif_tx_stop_queue', `NetVSC stops its send queue: less than ${TX_STOP_BELOW_PCT} % of the out ring free (Linux netvsc.c; Windows unverified)`);
}

/** After a data write: stop the send queue when less than TX_STOP_BELOW_PCT % is free. */
function afterDataWrite(h: Host, st: Station, s: number): void {
  if (!st.txStopped && (st.size - st.used) * 100 < st.size * TX_STOP_BELOW_PCT) stopQueue(h, st, s);
}

/** PUT: reserve ring space, or wait (rule 3), or drop. 1 = continue, 0 = parked or dropped. */
export function ringPut(h: Host, st: Station, s: number, code: Int32Array, b: number): number {
  const mv = h.mv;
  const at = code[b + F.FROM] as number;
  const vi = code[b + F.VM] as number;
  const bytes = (code[b + F.BUSY] as number) || (mv.ringBytes[s] as number);
  mv.ringBytes[s] = bytes;
  const data = mv.kind[s] === MK.DATA;
  // facts §2.3: the writer refuses a packet when free space ≤ its size.
  const noRoom = st.size - st.used <= bytes;
  if (st.guestWriter) {
    if (data) {
      if (st.txStopped || st.blockedCount > st.blockedCtl || noRoom) {
        if (st.blockedCount - st.blockedCtl >= MODEL.guestTxBacklog) {
          h.dropMover(s, h.intern('tx-queue-full'), at, vi, h.intern('guest send queue full while NetVSC’s queue is stopped (txqueuelen)'));
          return 0;
        }
        if (!st.txStopped) stopQueue(h, st, s); // a send that found no room stops the queue too
        parkBlocked(h, st, s, at);
        return 0;
      }
      st.used += bytes;
      afterDataWrite(h, st, s);
      return 1;
    }
    if (noRoom || st.blockedCtl > 0) {
      parkBlocked(h, st, s, at);
      st.blockedCtl++;
      return 0;
    }
    st.used += bytes;
    return 1;
  }
  if (noRoom || st.blockedCount > 0) {
    if (data && st.blockedCount >= MODEL.hostRxBacklog) {
      h.dropMover(s, h.intern('ring-full'), at, vi, h.intern(`NetVSP’s queue of receives waiting for the in ring is full (${MODEL.hostRxBacklog}; host queue limit is a model estimate)`));
      return 0;
    }
    parkBlocked(h, st, s, at);
    if (st.pendingSendSz === 0) {
      st.pendingSendSz = bytes;
      ringEvent(h, st, h.eventPacket(s), mv.path[s] as number, 'pending_send_sz', `ring full: writer blocks until ${bytes} B are free`);
    }
    return 0;
  }
  st.used += bytes;
  return 1;
}

/** COMMIT: advance the write index; signal the reader on empty → non-empty with mask 0 (rule 1). */
export function ringCommit(h: Host, st: Station, s: number, code: Int32Array, b: number): void {
  const wasEmpty = st.count === 0;
  enqueue(h, st, s);
  const bytes = h.mv.ringBytes[s] as number;
  st.writeIndex = (st.writeIndex + bytes) % st.size;
  if (st.used > st.peakBytes) st.peakBytes = st.used;
  const vm = h.vms[st.vi];
  if (vm) {
    if (st.guestWriter) vm.counters.ringOutPeak = Math.max(vm.counters.ringOutPeak, st.used);
    else vm.counters.ringInPeak = Math.max(vm.counters.ringInPeak, st.used);
  }
  if (wasEmpty && !st.mask && st.reader === READER.IDLE) {
    st.reader = READER.WAKING;
    // The writer's LP is the LP of the hop that wrote the entry (the step before COMMIT).
    const writerLp = code[b - STEP + F.LP] as number;
    h.spawnToken(ringSignalRoute(h, st, writerLp), h.eventPacket(s), h.mv.path[s] as number);
  }
}

/** Rule 2 / facts §3.5: the reader masks while draining. */
export function ringWake(h: Host, st: Station): void {
  st.mask = true;
  const n = h.intern(st.name);
  h.emit(EK_ring, -1, n, n, PATH_INDEX.synthetic, -1, -1, -1, 0, h.idMask1, 0, st.vi, -1, h.idMask1Note, false);
}

/** Rule 2: the ring is empty: unmask, barrier, re-check (nothing can arrive in between here). */
export function ringUnmask(h: Host, st: Station): void {
  st.mask = false;
  const n = h.intern(st.name);
  h.emit(EK_ring, -1, n, n, PATH_INDEX.synthetic, -1, -1, -1, 0, h.idMask0, 0, st.vi, -1, h.idMask0Note, false);
}

/** The reader went idle: write the completions it owes (NVSP 108, batched). */
export function ringIdle(h: Host, st: Station): void {
  if (st.vi < 0) return;
  if (st.guestWriter) flushHostCompletions(h, st.vi);
  else flushGuestCompletions(h, st.vi);
}

/**
 * The reader took entry `s`: free its bytes. In ring: signal the blocked host writer once
 * pending_send_sz fits (hv_pkt_iter_close). Out ring: NetVSC's waiting control messages retry.
 */
export function ringPopped(h: Host, st: Station, s: number): void {
  const bytes = h.mv.ringBytes[s] as number;
  st.used -= bytes;
  st.readIndex = (st.readIndex + bytes) % st.size;
  if (st.guestWriter) {
    if (st.blockedCtl > 0) unblock(h, st);
  } else if (st.pendingSendSz > 0 && st.size - st.used > st.pendingSendSz) {
    st.pendingSendSz = 0;
    h.spawnToken(unblockRoute(h, st), h.eventPacket(s), h.mv.path[s] as number);
  }
}

/**
 * Waiting writers retry in order while there is room. Out ring: control messages always; frames
 * only while NetVSC's send queue runs (it may stop again after any of them).
 */
export function unblock(h: Host, st: Station): void {
  const mv = h.mv;
  let prev = -1;
  let s = st.blockedHead;
  while (s >= 0) {
    const next = mv.next[s] as number;
    const data = mv.kind[s] === MK.DATA;
    const bytes = mv.ringBytes[s] as number;
    if (st.size - st.used <= bytes) {
      if (!st.guestWriter && st.pendingSendSz === 0) st.pendingSendSz = bytes;
      return;
    }
    if (st.guestWriter && data && st.txStopped) {
      prev = s;
      s = next;
      continue;
    }
    // Unlink s.
    if (prev >= 0) mv.next[prev] = next;
    else st.blockedHead = next;
    if (st.blockedTail === s) st.blockedTail = prev;
    st.blockedCount--;
    if (st.guestWriter && !data) st.blockedCtl--;
    st.used += bytes;
    if (st.guestWriter && data) afterDataWrite(h, st, s);
    h.resume(s);
    s = next;
  }
}

/**
 * ACT.TX_WAKE, at the end of NetVSC's send-completion handler: wake a stopped send queue once
 * more than TX_WAKE_ABOVE_PCT % of the out ring is free, or nothing it sent is outstanding.
 */
export function txWake(h: Host, vi: number): void {
  const vm = h.vms[vi] as VmRt;
  const st = h.stations[vm.out] as Station;
  if (!st.txStopped) return;
  if ((st.size - st.used) * 100 <= st.size * TX_WAKE_ABOVE_PCT && st.count > 0) return;
  st.txStopped = false;
  ringEvent(h, st, -1, PATH_INDEX.synthetic, 'netif_tx_wake_queue', `send completions read: more than ${TX_WAKE_ABOVE_PCT} % of the out ring free, NetVSC wakes its send queue (Linux netvsc.c; Windows unverified)`);
  unblock(h, st);
}

/** The token that wakes the ring's reader, by writer LP. */
function ringSignalRoute(h: Host, st: Station, writerLp: number): number {
  return h.routes.cached(st.signalRoutes, writerLp, (id) => {
    const b = h.builder(false);
    const vm = h.vms[st.vi] as VmRt;
    b.vm = vm.vi;
    if (st.guestWriter) signalHostHops(b, vm);
    else signalGuestHops(b, vm, writerLp >= 0 ? writerLp : vm.txLp, st.target);
    b.action(ACT.WAKE, st.id);
    b.end();
    return b.build(id, PATH_INDEX.synthetic);
  });
}

/** Key of the unblock token in a ring's signalRoutes (writer LPs are ≥ -1). */
const UNBLOCK_KEY = -100;

/** In ring: the guest reader freed pending_send_sz and signals the blocked host writer. */
function unblockRoute(h: Host, st: Station): number {
  return h.routes.cached(st.signalRoutes, UNBLOCK_KEY, (id) => {
    const vm = h.vms[st.vi] as VmRt;
    const b = h.builder(false);
    b.vm = vm.vi;
    signalBlockedHostHops(b, vm);
    b.action(ACT.UNBLOCK, st.id);
    b.end();
    return b.build(id, PATH_INDEX.synthetic);
  });
}

/** The ring's header as the snapshot shows it. */
export function ringState(st: Station): VmState['out'] {
  return {
    sizeBytes: st.size,
    usedBytes: st.used,
    writeIndex: st.writeIndex,
    readIndex: st.readIndex,
    interruptMask: st.mask,
    pendingSendSz: st.pendingSendSz,
    packets: st.count,
  };
}
