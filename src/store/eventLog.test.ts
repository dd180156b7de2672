import { describe, expect, it } from 'vitest';
import { EventLog } from './eventLog';
import type { TraceEvent } from '../engine/types';

const ev = (seq: number): TraceEvent => ({
  t: seq, seq, kind: 'hop', packet: null, from: 'a', to: 'b', path: 'control', cpu: null, detail: '', dur: 0, vm: null, cost: null,
});

describe('EventLog', () => {
  it('keeps the newest events and counts what rolled off', () => {
    const log = new EventLog(3);
    log.push([ev(1), ev(2)]);
    expect(log.length).toBe(2);
    log.push([ev(3), ev(4), ev(5)]);
    expect(log.length).toBe(3);
    expect(log.rolledOff).toBe(2);
    expect([0, 1, 2].map((i) => log.at(i)?.seq)).toEqual([3, 4, 5]);
    expect(log.tail(2).map((e) => e.seq)).toEqual([4, 5]);
    expect(log.at(3)).toBeUndefined();
  });
});
