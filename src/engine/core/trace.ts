/**
 * The trace ring: the last `cap` trace events as typed-array columns (a power of two, so a
 * sequence number maps to its slot with a mask). Events become objects only when a subscriber,
 * snapshot() or a history asks (see views/trace-event.ts).
 */
export class TraceRing {
  readonly cap: number;
  readonly mask: number;
  /** Events written so far; the next event's `seq`. */
  count = 0;
  readonly t: Float64Array;
  readonly kind: Uint8Array;
  readonly packet: Float64Array;
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly path: Uint8Array;
  readonly part: Int16Array;
  readonly lp: Int16Array;
  readonly vp: Int16Array;
  readonly cycles: Float64Array;
  readonly detail: Int32Array;
  readonly dur: Float64Array;
  readonly vm: Int16Array;
  readonly cost: Int16Array;
  readonly note: Int32Array;
  readonly unverified: Uint8Array;

  /** A ring holding at least `minEvents` (and at least 65,536) events. */
  constructor(minEvents: number) {
    let cap = 1 << 16;
    while (cap < minEvents) cap <<= 1;
    this.cap = cap;
    this.mask = cap - 1;
    this.t = new Float64Array(cap);
    this.kind = new Uint8Array(cap);
    this.packet = new Float64Array(cap);
    this.from = new Int32Array(cap);
    this.to = new Int32Array(cap);
    this.path = new Uint8Array(cap);
    this.part = new Int16Array(cap);
    this.lp = new Int16Array(cap);
    this.vp = new Int16Array(cap);
    this.cycles = new Float64Array(cap);
    this.detail = new Int32Array(cap);
    this.dur = new Float64Array(cap);
    this.vm = new Int16Array(cap);
    this.cost = new Int16Array(cap);
    this.note = new Int32Array(cap);
    this.unverified = new Uint8Array(cap);
  }

  /** Sequence number of the oldest event still in the ring. */
  first(): number {
    return Math.max(0, this.count - this.cap);
  }
}
