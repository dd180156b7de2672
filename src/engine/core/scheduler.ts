/**
 * The event queue, ordered by (time, seq): struct-of-arrays so a push or pop touches typed arrays
 * only (no object per event).
 *
 * Invariants: times are integer nanoseconds; `seq` is assigned at push time and strictly
 * increases, so events at the same time run first-in-first-out and every run is reproducible
 * (SimPy / ns-3 style). Cancellation is lazy: a cancelled entry stays queued and is skipped when
 * it reaches the front.
 *
 * Layout (issue 13: a binary heap of every queued event was a third of the engine's time, its
 * pop walking ≈12 levels at 2,000 packets in flight):
 * - Most events are hop ends pushed at `now + d` for one of a few hop latencies `d` (15 in the
 *   stress scenario). Since `now` never decreases, the entries pushed with the same `d` arrive in
 *   (time, seq) order: a FIFO "lane" per delay keeps them sorted for free (pushAfter()).
 * - Everything else goes to a general binary heap (push()), which counts as lane 0.
 * - A small heap of the non-empty lanes, keyed by each lane's front entry, yields the earliest
 *   entry of all: a pop costs a few levels of that heap instead of a walk through all entries.
 * A lane takes an entry only when its time is not before the lane's last (otherwise the entry goes
 * to the general heap), so the order is exact whatever lane a caller names: the queue pops the
 * same (time, seq) sequence as one heap of everything would.
 */

/** Lanes for FIFO delays (lane 0 is the general heap). */
const MAX_LANES = 64;

export class Scheduler {
  // Entries (nodes): time, seq, op, arguments and the next node of their lane (or free list).
  private nTime: Float64Array;
  private nSeq: Float64Array;
  private nOp: Int32Array;
  private nArg: Int32Array;
  private nArg2: Int32Array;
  private nNext: Int32Array;
  private freeNode = -1;
  private nodesUsed = 0;
  private size = 0;
  private nextSeq = 0;
  private readonly cancelled = new Set<number>();

  // The general heap (lane 0): node ids, with their times beside them for the comparisons.
  private heap: Int32Array;
  private heapTime: Float64Array;
  private heapSize = 0;

  // FIFO lanes 1 … lanesUsed − 1: the delay each stands for, front and back node, back's time.
  private readonly laneDelay = new Float64Array(MAX_LANES);
  private readonly laneHead = new Int32Array(MAX_LANES).fill(-1);
  private readonly laneTail = new Int32Array(MAX_LANES).fill(-1);
  private readonly laneTailTime = new Float64Array(MAX_LANES);
  private lanesUsed = 1;
  /** laneFor()'s cache: delay → lane, by a hash of the delay. */
  private readonly laneKey = new Float64Array(256).fill(NaN);
  private readonly laneVal = new Int32Array(256);

  // The heap of non-empty lanes by (time, seq) of their front entry; lanePos = a lane's place in it.
  private readonly lh = new Int32Array(MAX_LANES);
  private readonly lhTime = new Float64Array(MAX_LANES);
  private readonly lhSeq = new Float64Array(MAX_LANES);
  private readonly lanePos = new Int32Array(MAX_LANES).fill(-1);
  private lhSize = 0;

  /** Fields of the entry last returned by pop(). */
  popTime = 0;
  popOp = 0;
  popArg = 0;
  popArg2 = 0;
  popSeq = 0;

  constructor(capacity = 1024) {
    const cap = Math.max(1, capacity);
    this.nTime = new Float64Array(cap);
    this.nSeq = new Float64Array(cap);
    this.nOp = new Int32Array(cap);
    this.nArg = new Int32Array(cap);
    this.nArg2 = new Int32Array(cap);
    this.nNext = new Int32Array(cap);
    this.heap = new Int32Array(cap);
    this.heapTime = new Float64Array(cap);
  }

  get length(): number {
    return this.size;
  }

  private grow(): void {
    const cap = this.nTime.length * 2;
    const f64 = (a: Float64Array) => {
      const x = new Float64Array(cap);
      x.set(a);
      return x;
    };
    const i32 = (a: Int32Array) => {
      const x = new Int32Array(cap);
      x.set(a);
      return x;
    };
    this.nTime = f64(this.nTime);
    this.nSeq = f64(this.nSeq);
    this.nOp = i32(this.nOp);
    this.nArg = i32(this.nArg);
    this.nArg2 = i32(this.nArg2);
    this.nNext = i32(this.nNext);
    this.heap = i32(this.heap);
    this.heapTime = f64(this.heapTime);
  }

  /** A node holding the entry; returns its id. */
  private node(t: number, seq: number, op: number, arg: number, arg2: number): number {
    let k = this.freeNode;
    if (k >= 0) this.freeNode = this.nNext[k] as number;
    else {
      if (this.nodesUsed === this.nTime.length) this.grow();
      k = this.nodesUsed++;
    }
    this.nTime[k] = t;
    this.nSeq[k] = seq;
    this.nOp[k] = op;
    this.nArg[k] = arg;
    this.nArg2[k] = arg2;
    this.nNext[k] = -1;
    return k;
  }

  /**
   * The lane of entries pushed `delay` after now; 0 (the general heap) once every lane is taken.
   * A direct-mapped cache in front of the lanes' list keeps the look-up to two loads.
   */
  private laneFor(delay: number): number {
    const j = Math.imul(delay | 0, 0x9e3779b1) >>> 24;
    if (this.laneKey[j] === delay) return this.laneVal[j] as number;
    let lane = 0;
    for (let l = 1; l < this.lanesUsed; l++) if (this.laneDelay[l] === delay) lane = l;
    if (lane === 0 && this.lanesUsed < MAX_LANES) {
      lane = this.lanesUsed++;
      this.laneDelay[lane] = delay;
    }
    this.laneKey[j] = delay;
    this.laneVal[j] = lane;
    return lane;
  }

  /** Queue `op(arg, arg2)` at integer time `t` (ns). Returns a handle for cancel(). */
  push(t: number, op: number, arg: number, arg2 = 0): number {
    const seq = this.nextSeq++;
    const k = this.node(t, seq, op, arg, arg2);
    this.size++;
    const heap = this.heap;
    const heapTime = this.heapTime;
    const nSeq = this.nSeq;
    let i = this.heapSize++;
    // Sift up: move parents down until the place for (t, seq) is found.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = heapTime[p] as number;
      if (pt < t || (pt === t && (nSeq[heap[p] as number] as number) < seq)) break;
      heapTime[i] = pt;
      heap[i] = heap[p] as number;
      i = p;
    }
    heapTime[i] = t;
    heap[i] = k;
    // A new front of the general heap moves lane 0 up the lane heap.
    if (i === 0) this.laneFrontEarlier(0, t, seq);
    return seq;
  }

  /**
   * Queue `op(arg, arg2)` at `now + delay`, in the FIFO lane of that delay (hop ends: a handful of
   * latencies). As the clock never goes back, a lane's entries arrive in order; one earlier than
   * its lane's last would go to the general heap, so the order is exact whatever the caller
   * passes. Returns a handle for cancel().
   */
  pushAfter(now: number, delay: number, op: number, arg: number, arg2 = 0): number {
    const t = now + delay;
    const lane = this.laneFor(delay);
    const tail = lane > 0 ? (this.laneTail[lane] as number) : -1;
    if (lane === 0 || (tail >= 0 && t < (this.laneTailTime[lane] as number))) return this.push(t, op, arg, arg2);
    const seq = this.nextSeq++;
    const k = this.node(t, seq, op, arg, arg2);
    this.size++;
    this.laneTail[lane] = k;
    this.laneTailTime[lane] = t;
    if (tail >= 0) this.nNext[tail] = k;
    else {
      this.laneHead[lane] = k;
      this.laneFrontEarlier(lane, t, seq);
    }
    return seq;
  }

  /** Mark a queued entry as cancelled; it is dropped when it would have run. */
  cancel(handle: number): void {
    this.cancelled.add(handle);
  }

  /** Time of the next live entry, or null. */
  peekTime(): number | null {
    if (this.cancelled.size > 0) this.skipCancelled();
    return this.size > 0 ? (this.lhTime[0] as number) : null;
  }

  private skipCancelled(): void {
    while (this.size > 0 && this.cancelled.size > 0) {
      const seq = this.lhSeq[0] as number;
      if (!this.cancelled.has(seq)) return;
      this.cancelled.delete(seq);
      this.free(this.takeFront());
    }
  }

  /** Pop the earliest live entry into popTime/popOp/popArg/popArg2. False when empty. */
  pop(): boolean {
    if (this.cancelled.size > 0) this.skipCancelled();
    if (this.size === 0) return false;
    const k = this.takeFront();
    this.popTime = this.nTime[k] as number;
    this.popSeq = this.nSeq[k] as number;
    this.popOp = this.nOp[k] as number;
    this.popArg = this.nArg[k] as number;
    this.popArg2 = this.nArg2[k] as number;
    this.free(k);
    return true;
  }

  private free(k: number): void {
    this.nNext[k] = this.freeNode;
    this.freeNode = k;
  }

  /** Unlink the earliest entry (the front of the lane heap's top lane); returns its node. */
  private takeFront(): number {
    this.size--;
    const lane = this.lh[0] as number;
    let k: number;
    let next: number;
    if (lane === 0) {
      k = this.heap[0] as number;
      this.heapRemoveTop();
      next = this.heapSize > 0 ? (this.heap[0] as number) : -1;
    } else {
      k = this.laneHead[lane] as number;
      next = this.nNext[k] as number;
      this.laneHead[lane] = next;
      if (next < 0) this.laneTail[lane] = -1;
    }
    if (next >= 0) {
      // The lane's new front is later: move it down the lane heap.
      this.lhTime[0] = this.nTime[next] as number;
      this.lhSeq[0] = this.nSeq[next] as number;
      this.lhSiftDown(0);
    } else {
      // The lane is empty: the lane heap's last takes its place.
      this.lanePos[lane] = -1;
      const n = --this.lhSize;
      if (n > 0) {
        this.lhPlace(0, this.lh[n] as number, this.lhTime[n] as number, this.lhSeq[n] as number);
        this.lhSiftDown(0);
      }
    }
    return k;
  }

  /** Remove the general heap's root. */
  private heapRemoveTop(): void {
    const n = --this.heapSize;
    if (n === 0) return;
    const heap = this.heap;
    const heapTime = this.heapTime;
    const nSeq = this.nSeq;
    const k = heap[n] as number;
    const t = heapTime[n] as number;
    const s = nSeq[k] as number;
    let i = 0;
    // Sift down the former last entry from the root.
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n) {
        const ct = heapTime[c] as number;
        const rt = heapTime[r] as number;
        if (rt < ct || (rt === ct && (nSeq[heap[r] as number] as number) < (nSeq[heap[c] as number] as number))) c = r;
      }
      const ct = heapTime[c] as number;
      if (t < ct || (t === ct && s < (nSeq[heap[c] as number] as number))) break;
      heapTime[i] = ct;
      heap[i] = heap[c] as number;
      i = c;
    }
    heapTime[i] = t;
    heap[i] = k;
  }

  // --- The lane heap ----------------------------------------------------------------------------

  /** Lane `lane`'s front is now (t, seq), earlier than before or new: insert it or move it up. */
  private laneFrontEarlier(lane: number, t: number, seq: number): void {
    let i = this.lanePos[lane] as number;
    if (i < 0) i = this.lhSize++;
    const lh = this.lh;
    const lhTime = this.lhTime;
    const lhSeq = this.lhSeq;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = lhTime[p] as number;
      if (pt < t || (pt === t && (lhSeq[p] as number) < seq)) break;
      this.lhPlace(i, lh[p] as number, pt, lhSeq[p] as number);
      i = p;
    }
    this.lhPlace(i, lane, t, seq);
  }

  private lhSiftDown(i: number): void {
    const lh = this.lh;
    const lhTime = this.lhTime;
    const lhSeq = this.lhSeq;
    const n = this.lhSize;
    const lane = lh[i] as number;
    const t = lhTime[i] as number;
    const s = lhSeq[i] as number;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n) {
        const ct = lhTime[c] as number;
        const rt = lhTime[r] as number;
        if (rt < ct || (rt === ct && (lhSeq[r] as number) < (lhSeq[c] as number))) c = r;
      }
      const ct = lhTime[c] as number;
      if (t < ct || (t === ct && s < (lhSeq[c] as number))) break;
      this.lhPlace(i, lh[c] as number, ct, lhSeq[c] as number);
      i = c;
    }
    this.lhPlace(i, lane, t, s);
  }

  private lhPlace(i: number, lane: number, t: number, seq: number): void {
    this.lh[i] = lane;
    this.lhTime[i] = t;
    this.lhSeq[i] = seq;
    this.lanePos[lane] = i;
  }
}
