/**
 * The event queue: a binary min-heap ordered by (time, seq), struct-of-arrays so a push or pop
 * touches typed arrays only (no object per event).
 *
 * Invariants: times are integer nanoseconds; `seq` is assigned at push time and strictly
 * increases, so events at the same time run first-in-first-out and every run is reproducible
 * (SimPy / ns-3 style). Cancellation is lazy: a cancelled entry stays in the heap and is skipped
 * when it reaches the top.
 */
export class Scheduler {
  private time: Float64Array;
  private seqs: Float64Array;
  private ops: Int32Array;
  private args: Int32Array;
  private args2: Int32Array;
  private size = 0;
  private nextSeq = 0;
  private readonly cancelled = new Set<number>();

  /** Fields of the entry last returned by pop(). */
  popTime = 0;
  popOp = 0;
  popArg = 0;
  popArg2 = 0;
  popSeq = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.ops = new Int32Array(capacity);
    this.args = new Int32Array(capacity);
    this.args2 = new Int32Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const t = new Float64Array(cap);
    t.set(this.time);
    this.time = t;
    const s = new Float64Array(cap);
    s.set(this.seqs);
    this.seqs = s;
    const o = new Int32Array(cap);
    o.set(this.ops);
    this.ops = o;
    const a = new Int32Array(cap);
    a.set(this.args);
    this.args = a;
    const b = new Int32Array(cap);
    b.set(this.args2);
    this.args2 = b;
  }

  /** Queue `op(arg, arg2)` at integer time `t` (ns). Returns a handle for cancel(). */
  push(t: number, op: number, arg: number, arg2 = 0): number {
    if (this.size === this.time.length) this.grow();
    const seq = this.nextSeq++;
    const time = this.time;
    const seqs = this.seqs;
    const ops = this.ops;
    const args = this.args;
    const args2 = this.args2;
    let i = this.size++;
    // Sift up: move parents down until the slot for (t, seq) is found.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = time[p] as number;
      if (pt < t || (pt === t && (seqs[p] as number) < seq)) break;
      time[i] = pt;
      seqs[i] = seqs[p] as number;
      ops[i] = ops[p] as number;
      args[i] = args[p] as number;
      args2[i] = args2[p] as number;
      i = p;
    }
    time[i] = t;
    seqs[i] = seq;
    ops[i] = op;
    args[i] = arg;
    args2[i] = arg2;
    return seq;
  }

  /** Mark a queued entry as cancelled; it is dropped when it would have run. */
  cancel(handle: number): void {
    this.cancelled.add(handle);
  }

  /** Time of the next live entry, or null. */
  peekTime(): number | null {
    this.skipCancelled();
    return this.size > 0 ? (this.time[0] as number) : null;
  }

  private skipCancelled(): void {
    while (this.size > 0 && this.cancelled.size > 0 && this.cancelled.has(this.seqs[0] as number)) {
      this.cancelled.delete(this.seqs[0] as number);
      this.removeTop();
    }
  }

  /** Pop the earliest live entry into popTime/popOp/popArg/popArg2. False when empty. */
  pop(): boolean {
    this.skipCancelled();
    if (this.size === 0) return false;
    this.popTime = this.time[0] as number;
    this.popSeq = this.seqs[0] as number;
    this.popOp = this.ops[0] as number;
    this.popArg = this.args[0] as number;
    this.popArg2 = this.args2[0] as number;
    this.removeTop();
    return true;
  }

  private removeTop(): void {
    const n = --this.size;
    if (n === 0) return;
    const time = this.time;
    const seqs = this.seqs;
    const ops = this.ops;
    const args = this.args;
    const args2 = this.args2;
    const t = time[n] as number;
    const s = seqs[n] as number;
    const o = ops[n] as number;
    const a = args[n] as number;
    const b = args2[n] as number;
    let i = 0;
    // Sift down the former last entry from the root.
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n) {
        const ct = time[c] as number;
        const rt = time[r] as number;
        if (rt < ct || (rt === ct && (seqs[r] as number) < (seqs[c] as number))) c = r;
      }
      const ct = time[c] as number;
      if (t < ct || (t === ct && s < (seqs[c] as number))) break;
      time[i] = ct;
      seqs[i] = seqs[c] as number;
      ops[i] = ops[c] as number;
      args[i] = args[c] as number;
      args2[i] = args2[c] as number;
      i = c;
    }
    time[i] = t;
    seqs[i] = s;
    ops[i] = o;
    args[i] = a;
    args2[i] = b;
  }
}
