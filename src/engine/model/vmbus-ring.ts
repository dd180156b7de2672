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
 * 3. A writer that finds free space ≤ its packet blocks and posts pending_send_sz; the reader
 *    signals it once enough space is free. (Host writers of data drop with `ring-full` instead.)
 *
 * Simplifications: one channel per vNIC (no subchannels); the ring is a byte counter, not
 * memory; the barrier between unmask and re-check is implicit (nothing runs in between).
 */
import { MK, F, STEP, EK } from '../core/program';
import { MODEL } from '../costs';
import { ACT, PATH_INDEX, partGuest } from './codes';
import type { Host } from './host';
import type { VmRt } from './partition';
import { READER, ST, createStation, enqueue, type Station } from './station';
import { flushGuestCompletions } from './netvsc';
import { flushHostCompletions } from './netvsp';
import { signalGuestHops, signalHostHops, signalWriterHops } from './synic';
import type { VmState } from '../types';

const EK_ring = EK.ring;

/** A VM's ring in direction `dir` (out: the guest writes; in: the host writes). */
export function createRing(h: Host, vmId: string, vi: number, dir: 'out' | 'in'): number {
  const st = createStation(h.stations.length, ST.RING, `${vmId}.vmbus.${dir}`, vi);
  st.size = MODEL.ringBytes;
  st.guestWriter = dir === 'out';
  h.stations.push(st);
  return st.id;
}

/** PUT: reserve ring space, or block (rule 3), or drop. 1 = continue, 0 = parked or dropped. */
export function ringPut(h: Host, st: Station, s: number, code: Int32Array, b: number): number {
  const mv = h.mv;
  const at = code[b + F.FROM] as number;
  const vi = code[b + F.VM] as number;
  const bytes = (code[b + F.BUSY] as number) || (mv.ringBytes[s] as number);
  mv.ringBytes[s] = bytes;
  // facts §2.3: the writer refuses a packet when free space ≤ its size.
  if (st.size - st.used <= bytes || st.blockedCount > 0) {
    const data = mv.kind[s] === MK.DATA;
    if (!data || (st.guestWriter && st.blockedCount < MODEL.guestTxBacklog)) {
      // Writer blocks and posts pending_send_sz (facts §2.3 rule 3).
      if (st.blockedTail >= 0) mv.next[st.blockedTail] = s;
      else st.blockedHead = s;
      st.blockedTail = s;
      mv.next[s] = -1;
      st.blockedCount++;
      mv.at[s] = at;
      if (st.pendingSendSz === 0) {
        st.pendingSendSz = bytes;
        h.emit(EK_ring, h.eventPacket(s), h.intern(st.name), h.intern(st.name), mv.path[s] as number, -1, -1, -1, 0, h.intern('pending_send_sz'), 0, vi, -1, h.intern(`ring full: writer blocks until ${bytes} B are free`), false);
      }
      return 0;
    }
    h.dropMover(s, h.intern('ring-full'), at, vi, -1);
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

/** The reader took entry `s`: free its bytes; signal a blocked writer once pending_send_sz fits (rule 3). */
export function ringPopped(h: Host, st: Station, s: number): void {
  const bytes = h.mv.ringBytes[s] as number;
  st.used -= bytes;
  st.readIndex = (st.readIndex + bytes) % st.size;
  if (st.pendingSendSz > 0 && st.size - st.used > st.pendingSendSz) {
    st.pendingSendSz = 0;
    h.spawnToken(unblockRoute(h, st), h.eventPacket(s), h.mv.path[s] as number);
  }
}

/** Blocked writers retry in order while space is free. */
export function unblock(h: Host, st: Station): void {
  const mv = h.mv;
  while (st.blockedHead >= 0) {
    const s = st.blockedHead;
    const bytes = mv.ringBytes[s] as number;
    if (st.size - st.used <= bytes) {
      if (st.pendingSendSz === 0) st.pendingSendSz = bytes;
      return;
    }
    st.blockedHead = mv.next[s] as number;
    if (st.blockedHead < 0) st.blockedTail = -1;
    st.blockedCount--;
    st.used += bytes;
    h.resume(s);
  }
}

/** The token that wakes the ring's reader, by writer LP. */
function ringSignalRoute(h: Host, st: Station, writerLp: number): number {
  return h.routes.cached(st.signalRoutes, writerLp, (id) => {
    const b = h.builder(false);
    const vm = h.vms[st.vi] as VmRt;
    b.vm = vm.vi;
    if (st.guestWriter) signalHostHops(b, vm);
    else signalGuestHops(b, vm, writerLp >= 0 ? writerLp : vm.txLp);
    b.action(ACT.WAKE, st.id);
    b.end();
    return b.build(id, PATH_INDEX.synthetic);
  });
}

/** Key of the unblock token in a ring's signalRoutes (writer LPs are ≥ -1). */
const UNBLOCK_KEY = -100;

function unblockRoute(h: Host, st: Station): number {
  return h.routes.cached(st.signalRoutes, UNBLOCK_KEY, (id) => {
    const vm = h.vms[st.vi] as VmRt;
    const b = h.builder(false);
    b.vm = vm.vi;
    signalWriterHops(b, vm);
    b.hop(`${vm.id}.vmbus`, `${vm.id}.netvsc`, 'NetVSC send queue woken', { part: partGuest(vm.vi), lp: vm.vpLp, vp: 0 }, { cost: 'G3' });
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
