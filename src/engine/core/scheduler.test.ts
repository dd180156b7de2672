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
