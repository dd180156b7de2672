/**
 * Stations: the places a packet waits for a reader. VMBus rings (facts §2.3), NIC receive queues
 * (facts §6, cost H17), VF receive queues (§9.10) and the tulip RX descriptor ring (§4, §9.7).
 *
 * VMBus ring rules modelled (facts §2.3):
 * 1. The writer signals only if the reader's interrupt_mask is 0 and the ring was empty before the
 *    write (empty → non-empty).
 * 2. A draining reader sets interrupt_mask = 1; when it finds the ring empty it clears the mask
 *    and re-checks.
 * 3. A writer that finds free space ≤ its packet blocks and posts pending_send_sz; the reader
 *    signals it once enough space is free. (Host writers drop with reason `ring-full` instead.)
 *
 * Packets in a station are linked through the engine's mover `next` array (intrusive FIFO), so a
 * station holds no per-packet objects.
 */

export const ST = { RING: 0, NICQ: 1, VFQ: 2, LEGACY: 3 } as const;
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
  };
}
