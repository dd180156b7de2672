import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel';
import { EK, MK, RouteBuilder, type CostSource, type Route } from './program';
import { RouteTable } from './routes';
import { runSteps, type Step } from './sequence';
import type { TraceEvent } from '../types';

const COSTS: CostSource = { row: () => ({ latencyNs: 10, cycles: 30 }), index: () => -1, cyclesPerNs: 3 };

/** A kernel with no model: two processors, no stations, events recorded as `kind from>to @t`. */
class Toy extends Kernel {
  readonly log: string[] = [];
  constructor(uncontended = false) {
    super(1, 2, uncontended, 16);
  }
  builder() {
    return new RouteBuilder((s) => this.intern(s), COSTS);
  }
  protected stationPut(): number {
    return 1;
  }
  protected stationCommit(): void {}
  protected action(): void {}
  protected admit(): boolean {
    return true;
  }
  protected routeValid(_r: Route): boolean {
    return true;
  }
  protected onDeliver(): void {}
  protected onDrop(): void {}
  protected count(kind: number, _path: number, _part: number, _lp: number, _cycles: number, _vi: number): void {
    this.log.push(`${kind}@${this.nowNs}`);
  }
  protected onEvent(): void {}
  protected onTick(): void {}
  eventAt(seq: number): TraceEvent {
    return { seq } as TraceEvent;
  }
}

describe('core kernel: the interpreter without a model', () => {
  it('runs a program: send, two hops on one processor (serialised), deliver', () => {
    const k = new Toy();
    const r = k.routes.add((id) => k.builder().send('a', 'sent', 0).hop('a', 'b', 'h1', { part: 0, lp: 0 }, { cost: 'X' }).deliver('b', 'done', 0).build(id, 0));
    const s1 = k.alloc(MK.DATA, r);
    const s2 = k.alloc(MK.DATA, r);
    k.runMover(s1);
    k.runMover(s2);
    k.runUntil(100);
    expect(k.sent).toBe(2);
    expect(k.delivered).toBe(2);
    // The second hop waits for the processor: it starts at 10 (busy 30 cycles / 3 = 10 ns).
    expect(k.log).toEqual([`${EK.send}@0`, `${EK.hop}@0`, `${EK.send}@0`, `${EK.deliver}@10`, `${EK.hop}@10`, `${EK.deliver}@20`]);
  });

  it('uncontended: the same hops overlap', () => {
    const k = new Toy(true);
    const r = k.routes.add((id) => k.builder().hop('a', 'b', 'h1', { part: 0, lp: 0 }, { cost: 'X' }).end().build(id, 0));
    k.runMover(k.alloc(MK.TOKEN, r));
    k.runMover(k.alloc(MK.TOKEN, r));
    k.runUntil(100);
    expect(k.log).toEqual([`${EK.hop}@0`, `${EK.hop}@0`]);
  });

  it('LINK_CHECK drops while the gate is closed', () => {
    const k = new Toy();
    k.gateOpen = false;
    const r = k.routes.add((id) => k.builder().send('a', 's', 0).linkCheck('a').deliver('a', 'd', 0).build(id, 0));
    k.runMover(k.alloc(MK.DATA, r));
    expect([k.sent, k.delivered, k.dropped]).toEqual([1, 0, 1]);
  });
});

describe('core routes and sequences', () => {
  it('cached() compiles once per key', () => {
    const t = new RouteTable();
    const cache = new Map<string, number>();
    let builds = 0;
    const build = (id: number): Route => (builds++, { id, code: new Int32Array(0), steps: 0, path: 0, vmA: -1, genA: 0, vmB: -1, genB: 0, flow: -1, reply: false });
    expect(t.cached(cache, 'a', build)).toBe(t.cached(cache, 'a', build));
    t.cached(cache, 'b', build);
    expect(builds).toBe(2);
  });

  it('runSteps runs done after the last step, or when a step stops early', () => {
    const seen: string[] = [];
    const steps: Step[] = [(next) => (seen.push('1'), next()), (_next, stop) => (seen.push('2'), stop()), () => seen.push('never')];
    runSteps(steps, () => seen.push('done'));
    expect(seen).toEqual(['1', '2', 'done']);
  });
});
