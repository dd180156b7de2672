/**
 * The app's zustand store: configuration, playback, selection and throttled live numbers.
 *
 * Data flows one way: engine → (this store, ~10 Hz) → React. Per-frame data (packet positions,
 * the event log's contents) stays in `host` and is read by the overlay in the clock's frame
 * callback, never through React state.
 */
import { create } from 'zustand';
import { defaultConfig } from '../engine';
import type {
  Accounting,
  ConfigChange,
  SimConfig,
  Snapshot,
  Topology,
  VmState,
} from '../engine/types';
import { createClock, type FrameInfo } from './clock';
import { host, rebuild, type TimedChange } from './engineHost';

/** Playback speeds in simulated ns per wall-clock second, slowest first. */
export const SPEEDS = [200, 1_000, 5_000, 20_000, 100_000, 1_000_000] as const;
export const DEFAULT_SPEED = 5_000;

export type Selection =
  | { kind: 'component'; id: string }
  | { kind: 'packet'; id: number }
  | { kind: 'event'; seq: number }
  | null;

export interface LiveState {
  simTimeNs: number;
  accounting: Accounting;
  events: number;
  vms: VmState[];
  vmqAssignments: Snapshot['vmqAssignments'];
  vfAssignments: Snapshot['vfAssignments'];
  linkUp: boolean;
}

/** A one-line "because" shown at the component whose behaviour a change altered. */
export interface BecauseNote {
  id: number;
  componentId: string;
  /** i18n key and its parameters. */
  key: string;
  params: Record<string, string | number>;
  atNs: number;
}

export interface SimState {
  config: SimConfig;
  seed: number;
  topology: Topology;
  topologyVersion: number;
  playing: boolean;
  /** Simulated ns per wall second. */
  speed: number;
  live: LiveState;
  /** Bumped whenever the event log grows (throttled). */
  logVersion: number;
  selection: Selection;
  /** "Because" notes on the diagram (newest last; the view fades old ones). */
  notes: BecauseNote[];
  /** Components to emphasise (lessons, event-log selection); null = none dimmed. */
  highlight: string[] | null;

  play(): void;
  pause(): void;
  togglePlay(): void;
  /** Process exactly one engine event, then pause. */
  step(): void;
  /** Go back to just before the previous event, replaying deterministically from the start. */
  stepBack(): void;
  /** Jump to a simulated time (replays from the start when going backwards). */
  seek(tNs: number): void;
  setSpeed(speed: number): void;
  /** Start over from t = 0 with the current configuration. */
  reset(): void;
  /** Replace the whole configuration (and optionally the seed); restarts at `atNs` (default 0). */
  load(config: SimConfig, seed?: number, atNs?: number): void;
  /** Apply a change to the running simulation at the current time. */
  apply(change: ConfigChange): void;
  select(s: Selection): void;
}

const clock = createClock(advance);

/** Advance the engine by wall `dtMs` at the current speed and refresh per-frame data. */
function advance(dtMs: number): number {
  const sim = host.sim;
  if (!sim) return 0;
  if (dtMs > 0) {
    const { speed } = useSim.getState();
    sim.runUntil(sim.now() + Math.max(1, Math.round((dtMs / 1000) * speed)));
  }
  afterAdvance();
  return sim.now();
}

let lastPublish = 0;
let pendingSnapshot: Snapshot | null = null;

/** Per-frame bookkeeping: drain events into the log, fill the in-flight buffer, publish at ~10 Hz. */
function afterAdvance(force = false) {
  const sim = host.sim;
  const snap = sim.snapshot();
  host.frameEvents = snap.events;
  host.log.push(snap.events);
  sim.fillInFlight(host.inFlight);
  pendingSnapshot = snap;
  const now = typeof performance !== 'undefined' ? performance.now() : Date.now();
  if (force || now - lastPublish > 100) {
    lastPublish = now;
    publish();
  }
}

function publish() {
  const snap = pendingSnapshot;
  if (!snap) return;
  const sim = host.sim;
  const topoVersion = sim.topologyVersion();
  const s = useSim.getState();
  useSim.setState({
    live: {
      simTimeNs: sim.now(),
      accounting: snap.accounting,
      events: host.log.length + host.log.rolledOff,
      vms: snap.vms,
      vmqAssignments: snap.vmqAssignments,
      vfAssignments: snap.vfAssignments,
      linkUp: snap.linkUp,
    },
    logVersion: s.logVersion + 1,
    ...(topoVersion !== s.topologyVersion ? { topology: sim.topology(), topologyVersion: topoVersion } : {}),
  });
}

function restart(config: SimConfig, seed: number, changes: TimedChange[], atNs: number) {
  const { sim } = rebuild(config, seed, changes, atNs);
  afterAdvance(true);
  useSim.setState({ config, seed, topology: sim.topology(), topologyVersion: sim.topologyVersion() });
  clock.requestRedraw();
}

const emptyLive: LiveState = {
  simTimeNs: 0,
  accounting: { sent: 0, delivered: 0, dropped: 0, inFlight: 0, dropsByReason: {} },
  events: 0,
  vms: [],
  vmqAssignments: [],
  vfAssignments: [],
  linkUp: true,
};

export const useSim = create<SimState>()((set, get) => ({
  config: defaultConfig(),
  seed: 1,
  topology: { components: [], links: [], componentIndex: new Map(), linkIndex: new Map() },
  topologyVersion: -1,
  playing: false,
  speed: DEFAULT_SPEED,
  live: emptyLive,
  logVersion: 0,
  selection: null,
  notes: [],
  highlight: null,

  play() {
    set({ playing: true });
    clock.start();
  },
  pause() {
    clock.stop();
    set({ playing: false });
    afterAdvance(true);
  },
  togglePlay() {
    if (get().playing) get().pause();
    else get().play();
  },
  step() {
    get().pause();
    host.sim.step();
    afterAdvance(true);
    clock.requestRedraw();
  },
  stepBack() {
    get().pause();
    const sim = host.sim;
    const now = sim.now();
    // The last event processed is the newest in the log; go to just before it.
    const lastEvent = host.log.at(host.log.length - 1);
    const target = Math.max(0, lastEvent ? Math.min(now, lastEvent.t) - 1 : now - 1);
    restart(host.config, host.seed, host.changes, target);
  },
  seek(tNs) {
    const target = Math.max(0, Math.round(tNs));
    if (target >= host.sim.now()) {
      host.sim.runUntil(target);
      afterAdvance(true);
      clock.requestRedraw();
    } else {
      restart(host.config, host.seed, host.changes, target);
    }
  },
  setSpeed(speed) {
    set({ speed });
  },
  reset() {
    get().pause();
    restart(host.config, host.seed, [], 0);
  },
  load(config, seed = get().seed, atNs = 0) {
    const wasPlaying = get().playing;
    clock.stop();
    set({ playing: false, selection: null });
    restart(config, seed, [], atNs);
    if (wasPlaying) get().play();
  },
  apply(change) {
    const sim = host.sim;
    host.changes.push({ atNs: sim.now(), change });
    sim.apply(change);
    afterAdvance(true);
    set({ config: sim.config as SimConfig });
    clock.requestRedraw();
  },
  select(selection) {
    set({ selection });
    clock.requestRedraw();
  },
}));

/** Subscribe to every drawn frame (the packet overlay). Returns an unsubscribe function. */
export const onFrame = (l: (f: FrameInfo) => void) => clock.onFrame(l);
/** Ask for one redraw without advancing time (e.g. after the viewport moved). */
export const requestRedraw = () => clock.requestRedraw();
/** Advance synchronously by wall milliseconds (automation and tests). */
export const tick = (dtMs: number) => clock.tick(dtMs);
