import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/types';
import { buildSummary, eventToJsonl, eventsToJsonl, JSONL_KEYS } from './format';

const hop: TraceEvent = {
  // Deliberately not in output order: the formatter must impose its own.
  vm: 'vm1',
  detail: 'NVSP 107 (SEND_RNDIS_PKT)',
  cost: 'H3',
  dur: 310,
  cpu: { vp: 0, cycles: 930, lp: 2, partition: 'vm1' },
  path: 'synthetic',
  to: 'vm1.vmbus.out',
  from: 'vm1.netvsc',
  packet: 17,
  kind: 'hop',
  seq: 42,
  t: 1_250,
};

describe('eventToJsonl', () => {
  it('puts t, seq, kind, packet, from, to, path, cpu, detail first, then the other keys', () => {
    const line = eventToJsonl(hop);
    expect(Object.keys(JSON.parse(line))).toEqual([...JSONL_KEYS, 'vm', 'cost', 'dur']);
    expect(line.startsWith('{"t":1250,"seq":42,"kind":"hop","packet":17,"from":"vm1.netvsc","to":"vm1.vmbus.out","path":"synthetic",')).toBe(true);
  });

  it('writes cpu as partition, lp, cycles, then the charge’s other keys', () => {
    const cpu = JSON.parse(eventToJsonl(hop)).cpu;
    expect(Object.keys(cpu)).toEqual(['partition', 'lp', 'cycles', 'vp']);
    expect(cpu).toEqual({ partition: 'vm1', lp: 2, cycles: 930, vp: 0 });
  });

  it('writes null for a missing packet and cpu', () => {
    const e: TraceEvent = { ...hop, kind: 'config', packet: null, cpu: null, path: 'control', detail: 'SWITCH_DATA_PATH' };
    const parsed = JSON.parse(eventToJsonl(e));
    expect(parsed.packet).toBeNull();
    expect(parsed.cpu).toBeNull();
    expect(parsed.detail).toBe('SWITCH_DATA_PATH');
  });

  it('round-trips every value and escapes strings', () => {
    const e = { ...hop, detail: 'quote " backslash \\ newline \n', extra: { a: [1, 2] } } as TraceEvent;
    const line = eventToJsonl(e);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(e)));
  });

  it('skips undefined keys, as JSON.stringify does', () => {
    const e = { ...hop, vm: undefined } as unknown as TraceEvent;
    expect(Object.keys(JSON.parse(eventToJsonl(e)))).not.toContain('vm');
  });

  it('eventsToJsonl ends every line with a newline', () => {
    const text = eventsToJsonl([hop, { ...hop, seq: 43 }]);
    expect(text.split('\n')).toHaveLength(3);
    expect(text.endsWith('}\n')).toBe(true);
  });
});

describe('buildSummary', () => {
  it('keeps the documented top-level keys', () => {
    const metrics = {
      simTimeNs: 1000,
      accounting: { sent: 3, delivered: 2, dropped: 1, inFlight: 0, dropsByReason: { 'ring-full': 1 } },
      perPath: {},
      perVm: {},
      perLp: [],
      perPartition: {},
      events: 9,
    } as never;
    const config = { vms: [{ id: 'vm1', adapter: 'synthetic', vcpus: 1 }], vmq: false, sriov: false, nic: { vmqQueues: 0, vfCount: 0, linkGbps: 10 }, logicalProcessors: 2, flows: [], extensions: { capture: false, filter: { enabled: false, dropRules: [] }, forwarding: false }, faults: [] } as never;
    const s = buildSummary({ scenario: 'x', seed: 7, durationNs: 1000, config, metrics });
    expect(Object.keys(s)).toEqual(['scenario', 'seed', 'durationNs', 'host', 'simTimeNs', 'accounting', 'perPath', 'perVm', 'perLp', 'perPartition', 'events']);
    expect(s.accounting.dropsByReason).toEqual({ 'ring-full': 1 });
  });
});

describe('format.ts stays shareable with the browser', () => {
  it('imports nothing but engine types', () => {
    const source = readFileSync(new URL('./format.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import\s.*?from\s+'([^']+)'/gms)].map((m) => m[1]);
    expect(imports).toEqual(['../engine/types']);
    expect(source).toMatch(/^import type /m);
    expect(source).not.toMatch(/\b(process|require|Buffer)\b/);
  });
});
