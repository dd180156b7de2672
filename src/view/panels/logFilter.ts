/**
 * Filtering the event log without rescanning it: an index of matching rows that grows as events
 * arrive and drops rows that rolled off the ring buffer. A filter change or a restart rebuilds it.
 * Cost per update is O(new events), so the panel keeps up with tens of thousands of rows.
 */
import type { TraceEvent } from '../../engine/types';
import type { EventLog } from '../../store/eventLog';

export interface EffectiveFilter {
  vm: string;
  path: string;
  /** Substring match on `from` or `to`. */
  component: string;
  kind: string;
  /** Exact component (from the selection), or null. */
  componentExact: string | null;
  /** Packet id (from the selection), or null. */
  packet: number | null;
}

export function matches(e: TraceEvent, f: EffectiveFilter): boolean {
  if (f.kind && e.kind !== f.kind) return false;
  if (f.path && e.path !== f.path) return false;
  if (f.vm && e.vm !== f.vm) return false;
  if (f.packet !== null && e.packet !== f.packet) return false;
  if (f.componentExact !== null && e.from !== f.componentExact && e.to !== f.componentExact) return false;
  if (f.component && !e.from.includes(f.component) && !e.to.includes(f.component)) return false;
  return true;
}

const isEmpty = (f: EffectiveFilter) => !f.vm && !f.path && !f.component && !f.kind && f.componentExact === null && f.packet === null;

export class FilteredLog {
  private abs: number[] = [];
  private head = 0;
  private scanned = 0;
  private key = '';
  private generation = -1;
  private unfiltered = true;
  private log: EventLog | null = null;

  /** Bring the index up to date; `generation` changes whenever the log was cleared. */
  update(log: EventLog, f: EffectiveFilter, generation: number) {
    const key = JSON.stringify(f);
    this.log = log;
    if (key !== this.key || generation !== this.generation || this.scanned > log.rolledOff + log.length) {
      this.key = key;
      this.generation = generation;
      this.abs = [];
      this.head = 0;
      this.scanned = log.rolledOff;
      this.unfiltered = isEmpty(f);
    }
    if (this.unfiltered) {
      this.scanned = log.rolledOff + log.length;
      return;
    }
    const first = log.rolledOff;
    while (this.head < this.abs.length && (this.abs[this.head] as number) < first) this.head++;
    if (this.head > 4096 && this.head * 2 > this.abs.length) {
      this.abs = this.abs.slice(this.head);
      this.head = 0;
    }
    const end = log.rolledOff + log.length;
    for (let a = Math.max(this.scanned, first); a < end; a++) {
      const e = log.at(a - first);
      if (e && matches(e, f)) this.abs.push(a);
    }
    this.scanned = end;
  }

  get count(): number {
    if (!this.log) return 0;
    return this.unfiltered ? this.log.length : this.abs.length - this.head;
  }

  at(i: number): TraceEvent | undefined {
    const log = this.log;
    if (!log) return undefined;
    if (this.unfiltered) return log.at(i);
    const a = this.abs[this.head + i];
    return a === undefined ? undefined : log.at(a - log.rolledOff);
  }

  /** Row of the newest event with this seq or earlier, for scrolling to a selection. */
  indexOfSeq(seq: number): number {
    let lo = 0;
    let hi = this.count - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const e = this.at(mid);
      if (!e) break;
      if (e.seq <= seq) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }
}
