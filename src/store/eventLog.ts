import type { TraceEvent } from '../engine/types';

/**
 * Bounded log of trace events for the event-log panel. Oldest events roll off once `capacity` is
 * reached; `rolledOff` counts them. Not reactive: the store bumps a version number when it grows.
 */
export class EventLog {
  private buf: (TraceEvent | undefined)[];
  private start = 0;
  private size = 0;
  rolledOff = 0;
  skipped = 0;

  constructor(readonly capacity = 50_000) {
    this.buf = new Array(capacity);
  }

  get length() {
    return this.size;
  }

  push(events: readonly TraceEvent[]) {
    for (const e of events) {
      if (this.size < this.capacity) {
        this.buf[(this.start + this.size) % this.capacity] = e;
        this.size++;
      } else {
        this.buf[this.start] = e;
        this.start = (this.start + 1) % this.capacity;
        this.rolledOff++;
      }
    }
  }

  /** Count `n` events that never reached the log (the engine's per-snapshot bound). */
  skip(n: number) {
    if (n > 0) this.skipped += n;
  }

  /** Events no longer (or never) shown: rolled off the ring plus skipped by the engine's bound. */
  get missing() {
    return this.rolledOff + this.skipped;
  }

  /** Absolute position of the i-th held event since the log was cleared (stable across roll-off). */
  absIndex(i: number): number {
    return this.rolledOff + i;
  }

  /** i-th oldest event still held (0 ≤ i < length). */
  at(i: number): TraceEvent | undefined {
    if (i < 0 || i >= this.size) return undefined;
    return this.buf[(this.start + i) % this.capacity];
  }

  /** The most recent `n` events, oldest first. */
  tail(n: number): TraceEvent[] {
    const out: TraceEvent[] = [];
    for (let i = Math.max(0, this.size - n); i < this.size; i++) out.push(this.at(i) as TraceEvent);
    return out;
  }

  clear() {
    this.start = 0;
    this.size = 0;
    this.rolledOff = 0;
    this.skipped = 0;
    this.buf = new Array(this.capacity);
  }
}
