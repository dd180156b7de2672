import { describe, expect, it } from 'vitest';
import type { ConfigChange, SimConfig, Simulation, TraceEvent } from '../engine/types';
import { replay, type SimulationFactory } from './replay';
import { exportFileName, exportTraceJsonl } from './summary';
import { eventsToJsonl } from '../cli/format';
import { sampleConfig } from './fixtures';

/** A tiny deterministic stand-in: one event every 100 ns, and a `config` event per applied change. */
const fakeFactory: SimulationFactory = (config, { seed }) => {
  let now = 0;
  let next = 0;
  let seq = 0;
  const listeners = new Set<(e: TraceEvent) => void>();
  const emit = (e: Omit<TraceEvent, 'seq'>) => {
    const ev = { ...e, seq: seq++ };
    for (const l of listeners) l(ev);
  };
  const base = { packet: null, from: 'a', to: 'b', path: 'synthetic' as const, cpu: null, dur: 0, vm: null, cost: null };
  return {
    config,
    seed,
    now: () => now,
    runUntil(t: number) {
      while (next <= t) {
        emit({ ...base, t: next, kind: 'hop', detail: `x${(next / 100) ^ seed}` });
        next += 100;
      }
      now = t;
    },
    snapshot: () => ({ events: [] }),
    apply(change: ConfigChange) {
      emit({ ...base, t: now, kind: 'config', detail: change.kind });
    },
    subscribe(l: (e: TraceEvent) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    dispose() {
      listeners.clear();
    },
  } as unknown as Simulation;
};

const plan = (untilNs: number, changes: { atNs: number; change: ConfigChange }[] = []) => ({ config: sampleConfig() as SimConfig, seed: 3, changes, untilNs });

describe('replay', () => {
  it('gives the same events whatever the slicing, with changes at their times', async () => {
    const changes = [
      { atNs: 250, change: { kind: 'set-vmq', on: false } as ConfigChange },
      { atNs: 250, change: { kind: 'set-sriov', on: false } as ConfigChange },
      { atNs: 90_000, change: { kind: 'set-vmq', on: true } as ConfigChange },
    ];
    const collect = async (budgetMs: number, clockStep: number) => {
      const out: TraceEvent[] = [];
      let t = 0;
      const r = await replay(fakeFactory, plan(100_000, changes), { onEvent: (e) => out.push(e), budgetMs, clock: () => (t += clockStep), yieldFn: async () => {} });
      expect(r.status).toBe('done');
      expect(r.reachedNs).toBe(100_000);
      return out;
    };
    const a = await collect(1e9, 0); // effectively one slice loop
    const b = await collect(1, 5); // many tiny slices
    expect(a).toEqual(b);
    expect(a.length).toBe(1001 + 3);
    const configEvents = a.filter((e) => e.kind === 'config').map((e) => [e.t, e.detail]);
    expect(configEvents).toEqual([
      [250, 'set-vmq'],
      [250, 'set-sriov'],
      [90_000, 'set-vmq'],
    ]);
  });

  it('reports progress, yields, and stops when cancelled', async () => {
    const signal = { aborted: false };
    const progress: number[] = [];
    let yields = 0;
    let t = 0;
    const r = await replay(fakeFactory, plan(1_000_000), {
      budgetMs: 1,
      clock: () => (t += 1),
      onProgress: (f) => progress.push(f),
      yieldFn: async () => {
        if (++yields === 3) signal.aborted = true;
      },
      signal,
    });
    expect(r.status).toBe('cancelled');
    expect(r.reachedNs).toBeLessThan(1_000_000);
    expect(progress.length).toBe(3);
    expect(progress.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= progress[i - 1]!))).toBe(true);
  });

  it('exports JSONL with the CLI formatter, capped at maxEvents', async () => {
    const all: TraceEvent[] = [];
    await replay(fakeFactory, plan(10_000), { onEvent: (e) => all.push(e) });
    const full = await exportTraceJsonl(fakeFactory, plan(10_000));
    expect(full.chunks.join('')).toBe(eventsToJsonl(all));
    expect(full).toMatchObject({ events: 101, truncated: false, status: 'done' });

    const capped = await exportTraceJsonl(fakeFactory, plan(10_000), { maxEvents: 10, budgetMs: 0, clock: () => 0 });
    expect(capped.events).toBe(10);
    expect(capped.truncated).toBe(true);
    expect(capped.chunks.join('')).toBe(eventsToJsonl(all.slice(0, 10)));
  });

  it('names export files safely', () => {
    expect(exportFileName('VF failover!', 7, 1_234_567, 'jsonl')).toBe('hyperv-vf-failover-seed7-1234us.jsonl');
    expect(exportFileName('', 0, 0, 'json')).toBe('hyperv-scenario-seed0-0us.json');
  });
});
