import { describe, expect, it } from 'vitest';
import type { ConfigChange, SimConfig, TraceEvent } from '../engine/types';
import { PROGRESS_KEY, parseProgress, type StorageLike } from './progress';
import {
  createLessonRunner,
  nextPosition,
  planStep,
  prevPosition,
  resolvePosition,
  type EventPort,
  type SimPort,
} from './runner';
import { scene } from './scenes';
import type { Lesson } from './types';

const cfgA = () => scene({ adapters: ['synthetic'] });
const cfgB = () => scene({ adapters: ['emulated', 'synthetic'] });

const lessons: Lesson[] = [
  {
    id: 'one',
    steps: [
      { id: 'a', scene: { config: cfgA, startNs: 100 }, highlight: ['hv'] },
      { id: 'b', highlight: ['vm1.*'], changes: [{ kind: 'set-vmq', on: true }], speed: 1000 },
      {
        id: 'c',
        highlight: ['root.netvsp.vm1'],
        waitFor: { predicate: { kind: 'hop', to: 'root.netvsp.vm1' }, label: 'firstAtNetvsp' },
      },
      { id: 'd', highlight: null, play: false },
    ],
  },
  {
    id: 'two',
    steps: [
      { id: 'a', scene: { config: cfgB, seed: 7 }, highlight: ['vm1.legacy'] },
      { id: 'b', highlight: ['nope', 'vm2.netvsc'] },
    ],
  },
  {
    id: 'three',
    steps: [
      { id: 'a', scene: { config: cfgA }, highlight: null },
      {
        id: 'ask',
        highlight: null,
        question: { kind: 'path', direction: 'tx', adapters: ['sriov'], target: 0, sriov: false, vfCount: 4, vmq: false, vmqQueues: 4, removeVf: false, engineSeed: 3 },
      },
      { id: 'c', scene: { config: cfgB }, highlight: null },
    ],
  },
];

class MemoryStorage implements StorageLike {
  map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

function fakeSim() {
  const log: string[] = [];
  let config: SimConfig = cfgA();
  let highlight: string[] | null = null;
  const port: SimPort = {
    load(c, seed, atNs) {
      config = c;
      log.push(`load ${c.vms.map((v) => v.adapter).join(',')} seed=${seed} at=${atNs}`);
    },
    seek(atNs) {
      log.push(`seek ${atNs}`);
    },
    apply(change: ConfigChange) {
      log.push(`apply ${change.kind}`);
    },
    play: () => log.push('play'),
    pause: () => log.push('pause'),
    setSpeed: (s) => log.push(`speed ${s}`),
    setHighlight(ids) {
      highlight = ids;
    },
    showQuestion: (id, q) => log.push(`question ${id} ${q.kind}`),
    leaveQuestion: () => log.push('leave question'),
    componentIds: () => ['hv', 'root.netvsp.vm1', ...config.vms.flatMap((v) => [`${v.id}.netvsc`, `${v.id}.legacy`])],
  };
  return { port, log, highlight: () => highlight };
}

function fakeEvents() {
  const listeners = new Set<(e: TraceEvent) => void>();
  const port: EventPort = {
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const emit = (e: Partial<TraceEvent>) => {
    const ev: TraceEvent = {
      t: 0, seq: 0, kind: 'hop', packet: 1, from: 'vm1.vmbus.out', to: 'root.netvsp.vm1', path: 'synthetic',
      cpu: null, detail: '', dur: 0, vm: 'vm1', cost: null, ...e,
    };
    for (const l of [...listeners]) l(ev);
  };
  return { port, emit, count: () => listeners.size };
}

function setup(storage: StorageLike | null = new MemoryStorage()) {
  const sim = fakeSim();
  const ev = fakeEvents();
  const runner = createLessonRunner({ lessons, sim: sim.port, events: ev.port, storage });
  return { sim, ev, runner, storage };
}

describe('positions', () => {
  it('moves forward through the completion screen into the next lesson', () => {
    expect(nextPosition(lessons, { lessonId: 'one', step: 3 })).toEqual({ lessonId: 'one', step: 4 });
    expect(nextPosition(lessons, { lessonId: 'one', step: 4 })).toEqual({ lessonId: 'two', step: 0 });
    expect(nextPosition(lessons, { lessonId: 'three', step: 3 })).toBeNull();
  });
  it('moves back into the previous lesson', () => {
    expect(prevPosition(lessons, { lessonId: 'two', step: 0 })).toEqual({ lessonId: 'one', step: 3 });
    expect(prevPosition(lessons, { lessonId: 'one', step: 0 })).toBeNull();
    expect(nextPosition(lessons, { lessonId: 'two', step: 2 })).toEqual({ lessonId: 'three', step: 0 });
  });
  it('clamps steps and rejects unknown lessons', () => {
    expect(resolvePosition(lessons, 'one', 99)).toEqual({ lessonId: 'one', step: 4 });
    expect(resolvePosition(lessons, 'one', -3)).toEqual({ lessonId: 'one', step: 0 });
    expect(resolvePosition(lessons, 'one', Number.NaN)).toBeNull();
    expect(resolvePosition(lessons, 'zzz', 0)).toBeNull();
  });
});

describe('planStep', () => {
  const one = lessons[0] as Lesson;
  it('continuing keeps the simulation and applies only the step’s own changes', () => {
    expect(planStep(one, 1, true)).toEqual([
      { op: 'apply', change: { kind: 'set-vmq', on: true } },
      { op: 'speed', speed: 1000 },
      { op: 'highlight', patterns: ['vm1.*'] },
      { op: 'play' },
    ]);
  });
  it('jumping rebuilds the scene and replays earlier changes, so goTo is deterministic', () => {
    const ops = planStep(one, 3, false);
    expect(ops[0]).toMatchObject({ op: 'load', seed: 1, atNs: 100 });
    expect(ops.slice(1)).toEqual([
      { op: 'apply', change: { kind: 'set-vmq', on: true } },
      { op: 'speed', speed: 1000 },
      { op: 'highlight', patterns: null },
      { op: 'pause' },
    ]);
  });
  it('with a locator, a jump seeks past the waits of the steps before the target', () => {
    const seen: unknown[] = [];
    const ops = planStep(one, 3, false, (scene, segments) => {
      seen.push(scene.atNs, segments.map((x) => [x.changes.length, x.wait?.to ?? null]));
      return segments.map((x) => (x.wait ? 5_000 : null));
    });
    expect(seen).toEqual([100, [[0, null], [1, null], [0, 'root.netvsp.vm1']]]);
    expect(ops.map((o) => o.op)).toEqual(['load', 'apply', 'seek', 'speed', 'highlight', 'pause']);
    expect(ops[2]).toEqual({ op: 'seek', atNs: 5_001 });
  });
  it('the completion screen pauses and clears the highlight', () => {
    expect(planStep(one, 4, true)).toEqual([{ op: 'pause' }, { op: 'highlight', patterns: null }]);
  });
});

describe('createLessonRunner', () => {
  it('walks a lesson with next/prev, loading scenes and expanding highlights', () => {
    const { sim, runner } = setup();
    expect(runner.start('one')).toBe(true);
    expect(sim.log).toEqual(['load synthetic seed=1 at=100', 'play']);
    expect(sim.highlight()).toEqual(['hv']);
    sim.log.length = 0;
    runner.next();
    expect(sim.log).toEqual(['apply set-vmq', 'speed 1000', 'play']);
    expect(sim.highlight()).toEqual(['vm1.netvsc', 'vm1.legacy']);
    sim.log.length = 0;
    runner.prev();
    expect(sim.log).toEqual(['load synthetic seed=1 at=100', 'play']);
    expect(runner.getState().position).toEqual({ lessonId: 'one', step: 0 });
  });

  it('waits for an engine event, then advances by itself; a late event is ignored', () => {
    const { ev, runner } = setup();
    runner.goTo('one', 2);
    expect(runner.getState().waiting?.label).toBe('firstAtNetvsp');
    ev.emit({ to: 'root.netvsp.vm2' });
    expect(runner.getState().position?.step).toBe(2);
    ev.emit({ to: 'root.netvsp.vm1', seq: 42 });
    expect(runner.getState().position?.step).toBe(3);
    expect(runner.getState().waiting).toBeNull();
    expect(runner.getState().reached?.seq).toBe(42);
    expect(ev.count()).toBe(0);
    ev.emit({ to: 'root.netvsp.vm1' });
    expect(runner.getState().position?.step).toBe(3);
  });

  it('Next skips a wait and stops listening', () => {
    const { ev, runner } = setup();
    runner.goTo('one', 2);
    expect(ev.count()).toBe(1);
    runner.next();
    expect(ev.count()).toBe(0);
    expect(runner.getState().position?.step).toBe(3);
  });

  it('Next during a wait first runs the simulation to the event, so the next step finds its state', () => {
    const sim = fakeSim();
    const ev = fakeEvents();
    let now = 500;
    const ran: number[] = [];
    sim.port.now = () => now;
    sim.port.runUntilEvent = (match, limitNs) => {
      ran.push(limitNs);
      const e = { t: 900, seq: 1, kind: 'hop', packet: 1, from: 'vm1.vmbus.out', to: 'root.netvsp.vm1', path: 'synthetic', cpu: null, detail: '', dur: 0, vm: 'vm1', cost: null } as TraceEvent;
      if (!match(e)) return null;
      now = 901;
      return e;
    };
    const runner = createLessonRunner({ lessons, sim: sim.port, events: ev.port, storage: null, locate: () => [null, null, 900] });
    runner.start('one', 2);
    expect(runner.getState().waiting?.label).toBe('firstAtNetvsp');
    expect(runner.getState().waitFromNs).toBe(500);
    expect(runner.waitTargetNs()).toBe(900);
    sim.log.length = 0;
    expect(runner.next()).toBe(true);
    expect(ran.length).toBe(1);
    expect(runner.getState().position).toEqual({ lessonId: 'one', step: 3 });
    expect(runner.getState().reached?.t).toBe(900);
    // Continued in the running simulation: no new scene was loaded.
    expect(sim.log.some((l) => l.startsWith('load'))).toBe(false);
  });

  it('skipWait runs to the event and moves on; when the event never comes it says so and stays', () => {
    const sim = fakeSim();
    const ev = fakeEvents();
    let found = false;
    sim.port.now = () => 0;
    sim.port.runUntilEvent = (match) => {
      const e = { t: 10, seq: 1, kind: 'hop', packet: 1, from: 'x', to: 'root.netvsp.vm1', path: 'synthetic', cpu: null, detail: '', dur: 0, vm: 'vm1', cost: null } as TraceEvent;
      return found && match(e) ? e : null;
    };
    const runner = createLessonRunner({ lessons, sim: sim.port, events: ev.port, storage: null });
    runner.start('one', 2);
    expect(runner.skipWait()).toBe(false);
    expect(runner.getState().position).toEqual({ lessonId: 'one', step: 2 });
    found = true;
    expect(runner.skipWait()).toBe(true);
    expect(runner.getState().position).toEqual({ lessonId: 'one', step: 3 });
    expect(runner.skipWait()).toBe(false);
  });

  it('goTo accepts the completion screen, rejects unknown lessons', () => {
    const { runner } = setup();
    expect(runner.goTo('one', 4)).toBe(true);
    expect(runner.getState().progress.lessons.one).toEqual({ reached: 4, done: true });
    expect(runner.goTo('missing', 1)).toBe(false);
    expect(runner.getState().position).toEqual({ lessonId: 'one', step: 4 });
    expect(runner.next()).toBe(true);
    expect(runner.getState().position).toEqual({ lessonId: 'two', step: 0 });
  });

  it('next at the very end and prev at the very start do nothing', () => {
    const { runner } = setup();
    expect(runner.next()).toBe(false);
    runner.goTo('three', 3);
    expect(runner.next()).toBe(false);
    runner.goTo('one', 0);
    expect(runner.prev()).toBe(false);
  });

  it('remembers progress across runners and resets it', () => {
    const storage = new MemoryStorage();
    const first = setup(storage).runner;
    first.start('one');
    first.next();
    first.next();
    first.dispose();
    const second = setup(storage).runner;
    expect(second.getState().progress.lessons.one).toEqual({ reached: 3, done: false });
    expect(second.getState().progress.last).toEqual({ lessonId: 'one', step: 2 });
    second.resetProgress();
    expect(second.getState().progress).toEqual({ lessons: {}, last: null });
    expect(storage.getItem(PROGRESS_KEY)).toBeNull();
  });

  it('tolerates corrupt or hostile stored progress and a throwing storage', () => {
    for (const raw of ['{', 'null', '[]', '"x"', '{"lessons":[1]}', '{"lessons":{"one":{"reached":"9"}}}']) {
      const s = new MemoryStorage();
      s.setItem(PROGRESS_KEY, raw);
      const { runner } = setup(s);
      expect(runner.getState().progress.lessons.one?.reached ?? 0).toBe(0);
    }
    const throwing: StorageLike = {
      getItem() {
        throw new Error('denied');
      },
      setItem() {
        throw new Error('quota');
      },
      removeItem() {
        throw new Error('denied');
      },
    };
    const { runner } = setup(throwing);
    expect(runner.start('one')).toBe(true);
    runner.resetProgress();
    expect(setup(null).runner.start('two')).toBe(true);
  });

  it('parseProgress clamps counts, drops unknown lessons and keeps valid parts', () => {
    const known = new Map([['one', 4], ['two', 2]]);
    const p = parseProgress(
      JSON.stringify({
        lessons: { one: { reached: 99 }, two: { reached: 1, done: true }, ghost: { reached: 1 }, bad: 'x' },
        last: { lessonId: 'two', step: 50 },
      }),
      known,
    );
    expect(p).toEqual({
      lessons: { one: { reached: 4, done: false }, two: { reached: 2, done: true } },
      last: { lessonId: 'two', step: 2 },
    });
  });

  it('exit clears the highlight and closes the lesson', () => {
    const { sim, runner } = setup();
    runner.start('two');
    runner.exit();
    expect(sim.highlight()).toBeNull();
    expect(runner.getState().position).toBeNull();
  });

  it('a question step asks its question and the next move leaves it', () => {
    const { sim, runner } = setup();
    runner.goTo('three', 1);
    expect(sim.log).toEqual(['question three.ask path']);
    sim.log.length = 0;
    runner.next();
    expect(sim.log).toEqual(['leave question', 'load emulated,synthetic seed=1 at=0', 'play']);
    runner.goTo('three', 1);
    sim.log.length = 0;
    runner.exit();
    expect(sim.log).toEqual(['leave question']);
  });

  it('notifies subscribers on every move', () => {
    const { runner } = setup();
    const seen: (number | undefined)[] = [];
    runner.subscribe((s) => seen.push(s.position?.step));
    runner.start('one');
    runner.next();
    runner.prev();
    expect(seen).toEqual([0, 1, 0]);
  });
});
