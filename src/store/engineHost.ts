/**
 * The one place that owns the running Simulation, outside React. It keeps what changes every
 * frame (the in-flight buffer, the event log) in plain mutable objects that the overlay and the
 * panels read directly; the zustand store only holds durable, throttled state.
 *
 * Replays: a simulation is a pure function of (config, seed, timed changes). `changes` records
 * every change applied while running, with its time, so stepping back rebuilds the same trace.
 */
import { createInFlightBuffer, createSimulation } from '../engine';
import type { ConfigChange, InFlightBuffer, SimConfig, Simulation, Snapshot, TraceEvent } from '../engine/types';
import { EventLog } from './eventLog';
import { pendingEffects } from './pending';

export interface TimedChange {
  atNs: number;
  change: ConfigChange;
}

export interface EngineHost {
  sim: Simulation;
  config: SimConfig;
  seed: number;
  changes: TimedChange[];
  inFlight: InFlightBuffer;
  log: EventLog;
  /** Events of the current frame (what the overlay may flash). */
  frameEvents: TraceEvent[];
}

export const host: EngineHost = {
  sim: undefined as unknown as Simulation,
  config: undefined as unknown as SimConfig,
  seed: 1,
  changes: [],
  inFlight: createInFlightBuffer(4096),
  log: new EventLog(50_000),
  frameEvents: [],
};

/**
 * Watch the last stretch of a replay as the live page would have seen it: from `fromNs` on, the
 * replay stops every `stepNs` (the simulated time of one ~10 Hz publish at the current speed) and
 * hands over the snapshot, so the store can rebuild the "because" notes a viewer had on screen.
 */
export interface ReplayObserver {
  fromNs: number;
  stepNs: number;
  onSnapshot(snap: Snapshot, sim: Simulation): void;
  onChange(c: TimedChange): void;
}

/** Build a fresh simulation for (config, seed) and replay recorded changes up to `untilNs`. */
export function rebuild(config: SimConfig, seed: number, changes: TimedChange[], untilNs: number, observer?: ReplayObserver) {
  host.sim?.dispose();
  host.config = config;
  host.seed = seed;
  host.changes = changes.filter((c) => c.atNs <= untilNs);
  host.log.clear();
  const sim = createSimulation(config, { seed });
  // Events produced while fast-forwarding go to the log too, so the log shows how we got here.
  const drain = () => {
    const snap = sim.snapshot();
    host.log.skip(snap.eventsDropped);
    host.log.push(snap.events);
    return snap;
  };
  let observed = false;
  const observe = () => {
    observer?.onSnapshot(drain(), sim);
    observed = true;
  };
  const runTo = (t: number) => {
    if (!observer || t <= observer.fromNs) return sim.runUntil(t);
    if (sim.now() < observer.fromNs) sim.runUntil(observer.fromNs);
    if (!observed) observe();
    const step = Math.max(1, Math.round(observer.stepNs));
    while (sim.now() + step < t) {
      sim.runUntil(sim.now() + step);
      observer.onSnapshot(drain(), sim);
    }
    sim.runUntil(t);
  };
  for (const c of host.changes) {
    runTo(c.atNs);
    const watched = observer !== undefined && c.atNs >= observer.fromNs;
    // Like the live page, which publishes right before and right after applying a change.
    if (watched && !observed) observe();
    sim.apply(c.change);
    if (watched) {
      observer.onChange(c);
      observe();
    }
  }
  runTo(untilNs);
  host.sim = sim;
  const snap = drain();
  observer?.onSnapshot(snap, sim);
  host.frameEvents = [];
  return { sim, snapshot: snap };
}

/**
 * Time of the first data packet's `send` (any path but `control`) for (config, seed), found on a
 * throw-away simulation; null if none happens within `limitNs` or `maxEvents` engine events.
 * Deterministic, like everything here: the same config and seed give the same time.
 */
export function firstDataSendNs(config: SimConfig, seed: number, limitNs = 50_000_000, maxEvents = 2_000_000): number | null {
  const sim = createSimulation(config, { seed, maxEventsPerSnapshot: 1 });
  let found: number | null = null;
  const off = sim.subscribe((e) => {
    if (found === null && e.kind === 'send' && e.path !== 'control') found = e.t;
  });
  try {
    for (let i = 0; i < maxEvents && found === null; i++) {
      const next = sim.peekTime();
      if (next === null || next > limitNs || !sim.step()) break;
    }
  } finally {
    off();
    sim.dispose();
  }
  return found;
}

/**
 * Time at which every VM's route matches its configuration (the VF up and the data path switched
 * for an SR-IOV adapter, VMQ queues allocated), found on a throw-away simulation; null if that
 * does not happen within `limitNs`. A fresh page starts there so its first picture shows the
 * configured paths, not the bring-up on the way to them.
 */
export function routesSettledNs(config: SimConfig, seed: number, limitNs = 2_000_000, stepNs = 4_000): number | null {
  // A big host boots for milliseconds of simulated time: not worth a second of page load.
  if (config.vms.length > 8) return null;
  const sim = createSimulation(config, { seed, maxEventsPerSnapshot: 1 });
  const events = new Map<string, TraceEvent[]>();
  const off = sim.subscribe((e) => {
    if (!e.vm || (e.kind !== 'config' && e.path !== 'control')) return;
    let l = events.get(e.vm);
    if (!l) events.set(e.vm, (l = []));
    l.push(e);
  });
  try {
    let dataReady = false;
    for (let t = 0; t <= limitNs; t += stepNs) {
      sim.runUntil(t);
      const snap = sim.snapshot();
      dataReady ||= snap.vms.every((v) => v.adapter === 'emulated' || v.nvsp === 'ready');
      if (dataReady && pendingEffects(sim.config as SimConfig, snap.vms, (vm) => events.get(vm) ?? []).length === 0) return t;
    }
    return null;
  } finally {
    off();
    sim.dispose();
  }
}
