import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Scheduler } from './scheduler';
import { createPrng } from './prng';

describe('Scheduler', () => {
  it('pops in (time, seq) order: same-time entries first-in-first-out', () => {
    const s = new Scheduler(2);
    s.push(20, 1, 0);
    s.push(10, 1, 1);
    s.push(10, 1, 2);
    s.push(5, 1, 3);
    s.push(10, 1, 4);
    const out: number[] = [];
    while (s.pop()) out.push(s.popArg);
    expect(out).toEqual([3, 1, 2, 4, 0]);
  });

  it('skips cancelled entries lazily', () => {
    const s = new Scheduler();
    const a = s.push(1, 1, 1);
    s.push(2, 1, 2);
    s.cancel(a);
    expect(s.peekTime()).toBe(2);
    expect(s.pop()).toBe(true);
    expect(s.popArg).toBe(2);
    expect(s.pop()).toBe(false);
  });

  it('agrees with a stable sort for any sequence of pushes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), (times) => {
        const s = new Scheduler(1);
        times.forEach((t, i) => s.push(t, 0, i));
        const got: number[] = [];
        while (s.pop()) got.push(s.popArg);
        const want = times.map((t, i) => [t, i] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]).map((x) => x[1]);
        expect(got).toEqual(want);
      }),
    );
  });

  it('pops lanes and the general heap in exact (time, seq) order, with cancellations (property)', () => {
    // Ops: 0 push at now + d, 1 pushAfter(now, d) (FIFO lane of d), 2 pop, 3 cancel a queued entry.
    // Small delays and lags make same-time entries across lanes (the seq tie-break) common.
    const op = fc.tuple(fc.constantFrom(0, 1, 1, 1, 2, 2, 3), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 2 }), fc.nat());
    fc.assert(
      fc.property(fc.array(op, { minLength: 20, maxLength: 400, size: 'max' }), (ops) => {
        const s = new Scheduler(1);
        const ref: { t: number; seq: number; arg: number }[] = [];
        const cancelled = new Set<number>();
        let now = 0;
        const got: number[] = [];
        const want: number[] = [];
        const popRef = () => {
          ref.sort((x, y) => x.t - y.t || x.seq - y.seq);
          while (ref.length > 0 && cancelled.has((ref[0] as { seq: number }).seq)) ref.shift();
          return ref.shift();
        };
        ops.forEach(([kind, d, lag, pick], i) => {
          if (kind === 0) ref.push({ t: now + d, seq: s.push(now + d, 1, i), arg: i });
          else if (kind === 1) {
            // A `now` a little in the past now and then: the lane must refuse what would break its order.
            const at = Math.max(0, now - lag);
            ref.push({ t: at + d, seq: s.pushAfter(at, d, 1, i), arg: i });
          }
          else if (kind === 2) {
            const e = popRef();
            expect(s.peekTime()).toBe(e ? e.t : null);
            expect(s.pop()).toBe(e !== undefined);
            if (e) {
              got.push(s.popArg);
              want.push(e.arg);
              expect(s.popTime).toBe(e.t);
              now = e.t;
            }
          } else if (ref.length > 0) {
            const e = ref[pick % ref.length] as { seq: number };
            cancelled.add(e.seq);
            s.cancel(e.seq);
          }
        });
        for (let e = popRef(); e; e = popRef()) {
          expect(s.pop()).toBe(true);
          got.push(s.popArg);
          want.push(e.arg);
        }
        expect(s.pop()).toBe(false);
        expect(got).toEqual(want);
      }),
    );
  });
  it('keeps order once every lane is taken (more delays than lanes)', () => {
    const s = new Scheduler(4);
    const want: number[] = [];
    for (let d = 200; d > 0; d--) {
      s.pushAfter(0, d, 1, d);
      s.pushAfter(0, d, 1, d + 1000);
    }
    for (let d = 1; d <= 200; d++) want.push(d, d + 1000);
    const got: number[] = [];
    while (s.pop()) got.push(s.popArg);
    expect(got).toEqual(want);
  });
});

describe('PRNG', () => {
  it('is deterministic per seed and in [0, 1)', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const c = createPrng(43);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b.next()));
    expect(xs).not.toEqual(Array.from({ length: 100 }, () => c.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
