import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/types';
import { EventLog } from '../../store/eventLog';
import { FilteredLog, type EffectiveFilter } from './logFilter';

const ev = (seq: number, o: Partial<TraceEvent> = {}): TraceEvent => ({
  t: seq * 10, seq, kind: 'hop', packet: seq % 3, from: 'vm1.netvsc', to: 'vm1.vmbus.out', path: 'synthetic', cpu: null, detail: '', dur: 5, vm: 'vm1', cost: null, ...o,
});
const none: EffectiveFilter = { vm: '', path: '', component: '', kind: '', componentExact: null, packet: null };

describe('FilteredLog', () => {
  it('without a filter it is the log itself', () => {
    const log = new EventLog(10);
    log.push([ev(1), ev(2)]);
    const f = new FilteredLog();
    f.update(log, none, 0);
    expect(f.count).toBe(2);
    expect(f.at(1)?.seq).toBe(2);
  });

  it('grows incrementally and forgets rows that rolled off', () => {
    const log = new EventLog(5);
    const f = new FilteredLog();
    const flt = { ...none, packet: 0 };
    log.push([1, 2, 3].map((s) => ev(s)));
    f.update(log, flt, 0);
    expect(Array.from({ length: f.count }, (_, i) => f.at(i)?.seq)).toEqual([3]);
    log.push([4, 5, 6, 7, 8, 9].map((s) => ev(s)));
    f.update(log, flt, 0);
    // Log now holds 5..9; packet 0 = seq 6 and 9 (seq 3 rolled off).
    expect(Array.from({ length: f.count }, (_, i) => f.at(i)?.seq)).toEqual([6, 9]);
    expect(f.indexOfSeq(8)).toBe(0);
    expect(f.indexOfSeq(9)).toBe(1);
  });

  it('filters by kind, path, vm, component and rebuilds on a new generation', () => {
    const log = new EventLog(100);
    log.push([ev(1), ev(2, { kind: 'dma', path: 'sriov', from: 'nic.vf.1', to: 'iommu', vm: 'vm2' }), ev(3, { kind: 'vmexit', path: 'emulated' })]);
    const f = new FilteredLog();
    f.update(log, { ...none, kind: 'dma' }, 0);
    expect(f.count).toBe(1);
    f.update(log, { ...none, component: 'iommu' }, 0);
    expect(f.at(0)?.seq).toBe(2);
    f.update(log, { ...none, vm: 'vm1', path: 'emulated' }, 0);
    expect(f.at(0)?.seq).toBe(3);
    f.update(log, { ...none, componentExact: 'vm1.netvsc' }, 0);
    expect(f.count).toBe(2);
    log.clear();
    log.push([ev(10, { kind: 'dma' })]);
    f.update(log, { ...none, componentExact: 'vm1.netvsc' }, 1);
    expect(f.count).toBe(1);
  });
});
