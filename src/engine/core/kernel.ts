/**
 * The kernel: the clock, the event queue, the movers, the route table, the resources, the trace
 * ring and THE interpreter loop that runs route programs. No Hyper-V names: what a station, an
 * action or an admission check means is the model's (src/engine/model), bound in by overriding
 * the hooks below once, at construction; the per-event path (pop → hop end → next step → hop
 * start) stays in this file.
 *
 * Invariants
 * - Time is integer ns; the queue is ordered by (time, seq), so same-time events run in the order
 *   they were scheduled and a run is reproducible byte for byte.
 * - Trace events are written in non-decreasing `t`; `seq` is their global order.
 * - A mover runs its program from `pc` until it starts a hop, parks in a station or ends; the
 *   model resumes a parked mover by advancing `pc` and calling runMover().
 */
import { Movers } from './movers';
import { NameTable } from './names';
import { EK, F, FLAG_MISS, FLAG_UNVERIFIED, KIND_MASK, MK, OP, STEP, type Route } from './program';
import { createPrng, type Prng } from './prng';
import { Resources } from './resources';
import { RouteTable } from './routes';
import { Scheduler } from './scheduler';
import { TraceRing } from './trace';
import type { TraceEvent } from '../types';

/** Queue op codes of the kernel; the model numbers its own from Q.MODEL up. */
export const Q = { HOP_END: 1, HOP_START: 2, CALLBACK: 3, MODEL: 16 } as const;

const EK_send = EK.send;
const EK_deliver = EK.deliver;
const EK_drop = EK.drop;

export abstract class Kernel {
  readonly seed: number;
  readonly rng: Prng;
  readonly sched = new Scheduler(4096);
  nowNs = 0;
  /** Time of the next onTick() call (the model's metric buckets). */
  protected nextTickNs = Number.POSITIVE_INFINITY;
  /** No contention: resources, station puts and commits are skipped (load generator). */
  readonly uncontended: boolean;
  readonly names = new NameTable();
  readonly routes = new RouteTable();
  readonly mv = new Movers(1024);
  readonly res: Resources;
  readonly trace: TraceRing;
  /** Closed: LINK_CHECK steps drop their mover. */
  gateOpen = true;
  /** FLAG_MISS hops: probability and extra latency of a miss. */
  missProbability = 0;
  missNs = 0;
  nextPacketId = 0;
  // Data-mover accounting.
  sent = 0;
  delivered = 0;
  dropped = 0;
  protected readonly listeners = new Set<(e: TraceEvent) => void>();
  private readonly callbacks: ((() => void) | undefined)[] = [];
  private readonly freeCallbacks: number[] = [];
  protected disposed = false;

  constructor(seed: number, processors: number, uncontended: boolean, minTraceEvents: number) {
    this.seed = seed >>> 0;
    this.rng = createPrng(this.seed ^ 0x9e3779b9);
    this.uncontended = uncontended;
    this.res = new Resources(processors);
    this.trace = new TraceRing(minTraceEvents);
  }

  // --- Hooks the model implements -------------------------------------------------------------

  /** PUT on station `st`: 1 = continue, 0 = the mover parked or was dropped. */
  protected abstract stationPut(st: number, s: number, code: Int32Array, b: number): number;
  /** COMMIT on station `st`: the mover is parked until the station's reader pops it. */
  protected abstract stationCommit(st: number, s: number, code: Int32Array, b: number): void;
  protected abstract action(act: number, arg: number, s: number): void;
  protected abstract admit(kind: number, arg: number): boolean;
  /** False once an owner of the route is gone (its generation changed). */
  protected abstract routeValid(r: Route): boolean;
  /** A data or control mover arrived (after its `deliver` event, before its slot is freed). */
  protected abstract onDeliver(s: number, route: Route, vi: number): void;
  /** A data or control mover was dropped (after its `drop` event, before its slot is freed). */
  protected abstract onDrop(s: number, reason: number, vi: number): void;
  /** Counters of one trace event (by kind, path, partition, processor). */
  protected abstract count(kind: number, path: number, part: number, lp: number, cycles: number, vi: number): void;
  /** Model queue ops (≥ Q.MODEL). */
  protected abstract onEvent(op: number, a: number, b: number): void;
  /** The clock reached nextTickNs. */
  protected abstract onTick(now: number): void;
  /** The event `seq` as an object (for subscribers). */
  abstract eventAt(seq: number): TraceEvent;

  // --- Helpers --------------------------------------------------------------------------------

  intern(s: string): number {
    return this.names.intern(s);
  }

  callback(fn: () => void): number {
    const id = this.freeCallbacks.pop() ?? this.callbacks.length;
    this.callbacks[id] = fn;
    return id;
  }

  runCallback(id: number): void {
    const fn = this.callbacks[id];
    this.callbacks[id] = undefined;
    this.freeCallbacks.push(id);
    fn?.();
  }

  /** Run `fn` after `dt` ns of simulated time. */
  later(dt: number, fn: () => void): void {
    this.sched.push(this.nowNs + Math.max(0, Math.round(dt)), Q.CALLBACK, this.callback(fn));
  }

  alloc(kind: number, route: number): number {
    const mv = this.mv;
    const s = mv.take();
    const r = this.routes.get(route);
    mv.alive[s] = 1;
    mv.kind[s] = kind;
    mv.route[s] = route;
    mv.pc[s] = 0;
    mv.id[s] = kind === MK.TOKEN ? -1 : this.nextPacketId++;
    mv.cause[s] = -1;
    mv.flow[s] = r.flow;
    mv.reply[s] = r.reply ? 1 : 0;
    mv.l4[s] = 0;
    mv.tcpFlags[s] = 0;
    mv.tcpSeq[s] = 0;
    mv.tcpAck[s] = 0;
    mv.tcpGen[s] = 0;
    mv.ipId[s] = 0;
    mv.created[s] = this.nowNs;
    mv.onHop[s] = 0;
    mv.from[s] = -1;
    mv.to[s] = -1;
    mv.at[s] = -1;
    mv.enc[s] = 0;
    mv.path[s] = r.path;
    mv.msg[s] = -1;
    mv.note[s] = -1;
    mv.ringBytes[s] = 0;
    mv.cb[s] = -1;
    mv.next[s] = -1;
    return s;
  }

  /** Spawn an invisible token (signal, interrupt, completion batch) and run it. */
  spawnToken(route: number, cause: number, path: number, ringBytes = 0, note = -1): void {
    const s = this.alloc(MK.TOKEN, route);
    const mv = this.mv;
    mv.cause[s] = cause;
    mv.path[s] = path;
    mv.ringBytes[s] = ringBytes;
    mv.note[s] = note;
    this.runMover(s);
  }

  /** The packet id a mover's events carry: its own, or for a token the packet it acts for. */
  eventPacket(s: number): number {
    return this.mv.kind[s] === MK.TOKEN ? (this.mv.cause[s] as number) : (this.mv.id[s] as number);
  }

  // --- The interpreter ------------------------------------------------------------------------

  /**
   * Run a mover's program from its current step until it starts a hop, parks in a station or
   * ends. Returns the end time of the hop it started (or now).
   */
  runMover(s: number): number {
    const mv = this.mv;
    const routes = this.routes.routes;
    for (;;) {
      const route = routes[mv.route[s] as number] as Route;
      const code = route.code;
      const b = (mv.pc[s] as number) * STEP;
      switch (code[b + F.OP] as number) {
        case OP.HOP: {
          const now = this.nowNs;
          const res = code[b + F.RES] as number;
          let start = now;
          if (res >= 0 && !this.uncontended) {
            const freeAt = this.res.free;
            const free = freeAt[res] as number;
            if (free > start) start = free;
            freeAt[res] = start + (code[b + F.BUSY] as number);
          }
          let lat = code[b + F.LAT] as number;
          if ((code[b + F.KIND] as number) & FLAG_MISS && this.rng.next() < this.missProbability) lat += this.missNs;
          mv.start[s] = start;
          mv.end[s] = start + lat;
          mv.from[s] = code[b + F.FROM] as number;
          mv.to[s] = code[b + F.TO] as number;
          if (start > now) {
            mv.onHop[s] = 0;
            mv.at[s] = code[b + F.FROM] as number;
            this.sched.push(start, Q.HOP_START, s);
          } else {
            this.beginHop(s, code, b);
            // A hop end: the scheduler's FIFO lane of this latency (see scheduler.ts).
            this.sched.pushAfter(now, lat, Q.HOP_END, s);
          }
          return start + lat;
        }
        case OP.SEND: {
          mv.at[s] = code[b + F.FROM] as number;
          mv.enc[s] = code[b + F.ENC] as number;
          if (mv.kind[s] === MK.DATA) this.sent++;
          this.emit(EK_send, mv.id[s] as number, code[b + F.FROM] as number, code[b + F.TO] as number, route.path, -1, -1, -1, 0, code[b + F.DETAIL] as number, 0, code[b + F.VM] as number, -1, -1, false);
          mv.pc[s] = (mv.pc[s] as number) + 1;
          continue;
        }
        case OP.DELIVER:
          this.deliver(s, route, code, b);
          return this.nowNs;
        case OP.DROP:
          this.dropMover(s, code[b + F.DETAIL] as number, code[b + F.FROM] as number, code[b + F.VM] as number, code[b + F.NOTE] as number);
          return this.nowNs;
        case OP.LINK_CHECK:
          if (!this.gateOpen) {
            this.dropMover(s, code[b + F.DETAIL] as number, code[b + F.FROM] as number, code[b + F.VM] as number, -1);
            return this.nowNs;
          }
          mv.pc[s] = (mv.pc[s] as number) + 1;
          continue;
        case OP.PUT: {
          if (!this.routeValid(route)) {
            this.dropMover(s, this.intern('vm-removed'), code[b + F.FROM] as number, code[b + F.VM] as number, -1);
            return this.nowNs;
          }
          if (this.uncontended || this.stationPut(code[b + F.ARG] as number, s, code, b) === 1) {
            mv.pc[s] = (mv.pc[s] as number) + 1;
            continue;
          }
          return this.nowNs;
        }
        case OP.COMMIT: {
          if (this.uncontended) {
            mv.pc[s] = (mv.pc[s] as number) + 1;
            continue;
          }
          mv.at[s] = code[b + F.FROM] as number;
          this.stationCommit(code[b + F.ARG] as number, s, code, b);
          return this.nowNs;
        }
        case OP.FORK:
          this.spawnToken(code[b + F.ARG] as number, this.eventPacket(s), mv.path[s] as number);
          mv.pc[s] = (mv.pc[s] as number) + 1;
          continue;
        case OP.ACTION:
          mv.pc[s] = (mv.pc[s] as number) + 1;
          this.action(code[b + F.ARG] as number, code[b + F.ARG2] as number, s);
          if (!mv.alive[s]) return this.nowNs;
          continue;
        case OP.ADMIT:
          if (!this.admit(code[b + F.ARG] as number, code[b + F.ARG2] as number)) {
            this.dropMover(s, code[b + F.DETAIL] as number, code[b + F.FROM] as number, code[b + F.VM] as number, -1);
            return this.nowNs;
          }
          mv.pc[s] = (mv.pc[s] as number) + 1;
          continue;
        default:
          // OP.END
          mv.release(s);
          return this.nowNs;
      }
    }
  }

  /** Resume a parked mover at its next step (a station's reader popped it). */
  resume(s: number): number {
    this.mv.pc[s] = (this.mv.pc[s] as number) + 1;
    return this.runMover(s);
  }

  private beginHop(s: number, code: Int32Array, b: number): void {
    const mv = this.mv;
    mv.onHop[s] = 1;
    mv.enc[s] = code[b + F.ENC] as number;
    const note = mv.note[s] as number;
    const kind = code[b + F.KIND] as number;
    this.emit(
      kind & KIND_MASK,
      this.eventPacket(s),
      code[b + F.FROM] as number,
      code[b + F.TO] as number,
      mv.path[s] as number,
      code[b + F.PART] as number,
      code[b + F.LP] as number,
      code[b + F.VP] as number,
      code[b + F.CYC] as number,
      code[b + F.DETAIL] as number,
      (mv.end[s] as number) - (mv.start[s] as number),
      code[b + F.VM] as number,
      code[b + F.COST] as number,
      note >= 0 ? note : (code[b + F.NOTE] as number),
      (kind & FLAG_UNVERIFIED) !== 0,
    );
  }

  private deliver(s: number, route: Route, code: Int32Array, b: number): void {
    const vi = code[b + F.VM] as number;
    if (!this.routeValid(route)) {
      this.dropMover(s, this.intern('vm-removed'), code[b + F.FROM] as number, vi, -1);
      return;
    }
    this.emit(EK_deliver, this.mv.id[s] as number, code[b + F.FROM] as number, code[b + F.TO] as number, route.path, -1, -1, -1, 0, code[b + F.DETAIL] as number, 0, vi, -1, -1, false);
    if (this.mv.kind[s] === MK.DATA) this.delivered++;
    this.onDeliver(s, route, vi);
    this.mv.release(s);
  }

  dropMover(s: number, reason: number, at: number, vi: number, note: number): void {
    this.emit(EK_drop, this.eventPacket(s), at, at, this.mv.path[s] as number, -1, -1, -1, 0, reason, 0, vi, -1, note, false);
    if (this.mv.kind[s] === MK.DATA) this.dropped++;
    this.onDrop(s, reason, vi);
    this.mv.release(s);
  }

  // --- Trace ----------------------------------------------------------------------------------

  emit(kind: number, packet: number, from: number, to: number, path: number, part: number, lp: number, vp: number, cycles: number, detail: number, dur: number, vi: number, costI: number, note: number, unverified: boolean): void {
    const tr = this.trace;
    const seq = tr.count++;
    const i = seq & tr.mask;
    tr.t[i] = this.nowNs;
    tr.kind[i] = kind;
    tr.packet[i] = packet;
    tr.from[i] = from;
    tr.to[i] = to;
    tr.path[i] = path;
    tr.part[i] = part;
    tr.lp[i] = lp;
    tr.vp[i] = vp;
    tr.cycles[i] = cycles;
    tr.detail[i] = detail;
    tr.dur[i] = dur;
    tr.vm[i] = vi;
    tr.cost[i] = costI;
    tr.note[i] = note;
    tr.unverified[i] = unverified ? 1 : 0;
    this.count(kind, path, part, lp, cycles, vi);
    if (this.listeners.size > 0) {
      const e = this.eventAt(seq);
      for (const l of this.listeners) l(e);
    }
  }

  // --- The loop -------------------------------------------------------------------------------

  private dispatch(op: number, a: number, b: number): void {
    switch (op) {
      case Q.HOP_END: {
        const mv = this.mv;
        mv.onHop[a] = 0;
        mv.at[a] = mv.to[a] as number;
        mv.pc[a] = (mv.pc[a] as number) + 1;
        this.runMover(a);
        return;
      }
      case Q.HOP_START: {
        const route = this.routes.get(this.mv.route[a] as number);
        this.beginHop(a, route.code, (this.mv.pc[a] as number) * STEP);
        this.sched.pushAfter(this.nowNs, (this.mv.end[a] as number) - this.nowNs, Q.HOP_END, a);
        return;
      }
      case Q.CALLBACK:
        this.runCallback(a);
        return;
      default:
        this.onEvent(op, a, b);
    }
  }

  now(): number {
    return this.nowNs;
  }

  step(): boolean {
    if (this.disposed) return false;
    const s = this.sched;
    if (!s.pop()) return false;
    if (s.popTime > this.nowNs) {
      this.nowNs = s.popTime;
      if (this.nowNs >= this.nextTickNs) this.onTick(this.nowNs);
    }
    this.dispatch(s.popOp, s.popArg, s.popArg2);
    return true;
  }

  runUntil(t: number): void {
    if (this.disposed) return;
    const s = this.sched;
    for (;;) {
      const nt = s.peekTime();
      if (nt === null || nt > t) break;
      s.pop();
      if (s.popTime > this.nowNs) {
        this.nowNs = s.popTime;
        if (this.nowNs >= this.nextTickNs) this.onTick(this.nowNs);
      }
      this.dispatch(s.popOp, s.popArg, s.popArg2);
    }
    if (t > this.nowNs) {
      this.nowNs = Math.floor(t);
      if (this.nowNs >= this.nextTickNs) this.onTick(this.nowNs);
    }
  }

  peekTime(): number | null {
    return this.sched.peekTime();
  }

  subscribe(listener: (e: TraceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
