import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/types';
import { expandIds, matchesEvent, matchesId } from './predicates';

const ev = (e: Partial<TraceEvent>): TraceEvent => ({
  t: 0, seq: 0, kind: 'hop', packet: 3, from: 'vm1.vmbus.out', to: 'root.netvsp.vm1', path: 'synthetic',
  cpu: null, detail: 'OPENCHANNEL_RESULT (6)', dur: 0, vm: 'vm1', cost: null, ...e,
});

describe('predicates', () => {
  it('ids: exact, or * as a wildcard; dots are literal', () => {
    expect(matchesId('root.netvsp.*', 'root.netvsp.vm12')).toBe(true);
    expect(matchesId('root.netvsp.*', 'root.netvspXvm1')).toBe(false);
    expect(matchesId('vm1.*', 'vm10.stack')).toBe(false);
    expect(matchesId('nic.queue.default', 'nic.queue.default')).toBe(true);
    expect(matchesId('lp.*', 'lp.')).toBe(true);
  });

  it('every given field must match; absent fields match anything', () => {
    expect(matchesEvent({}, ev({}))).toBe(true);
    expect(matchesEvent({ kind: 'hop', to: 'root.netvsp.*' }, ev({}))).toBe(true);
    expect(matchesEvent({ kind: ['dma', 'hop'] }, ev({}))).toBe(true);
    expect(matchesEvent({ kind: 'dma' }, ev({}))).toBe(false);
    expect(matchesEvent({ at: 'vm1.vmbus.out' }, ev({}))).toBe(true);
    expect(matchesEvent({ at: 'iommu' }, ev({}))).toBe(false);
    expect(matchesEvent({ vm: 'vm2' }, ev({}))).toBe(false);
    expect(matchesEvent({ path: ['sriov', 'synthetic'] }, ev({}))).toBe(true);
  });

  it('detail matches a substring, case-insensitively', () => {
    expect(matchesEvent({ detail: 'openchannel_result' }, ev({}))).toBe(true);
    expect(matchesEvent({ detail: 'OPENCHANNEL' }, ev({ detail: 'GPADL_CREATED' }))).toBe(false);
  });

  it('dataOnly excludes control messages and events without a packet', () => {
    expect(matchesEvent({ dataOnly: true }, ev({}))).toBe(true);
    expect(matchesEvent({ dataOnly: true }, ev({ path: 'control' }))).toBe(false);
    expect(matchesEvent({ dataOnly: true }, ev({ packet: null }))).toBe(false);
  });

  it('expandIds keeps topology order, drops unknown ids and duplicates', () => {
    const ids = ['hv', 'lp.0', 'lp.1', 'vm1.stack'];
    expect(expandIds(['lp.*', 'hv', 'lp.1', 'missing'], ids)).toEqual(['lp.0', 'lp.1', 'hv']);
  });
});
