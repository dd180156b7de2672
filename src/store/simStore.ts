/**
 * The app's zustand store: configuration, playback, selection, "because" notes, URL issues and
 * throttled live numbers.
 *
 * Data flows one way: engine → (this store, ~10 Hz) → React. Per-frame data (packet positions,
 * the event log's contents) stays in `host` and is read by the overlay in the clock's frame
 * callback, never through React state. Components select primitives or small objects with
 * module-level selectors (see `selectors` at the bottom); the overlay reads `getState()` in rAF.
 */
import { create } from 'zustand';
import { defaultConfig } from '../engine';
import { engineApi } from './engineApi';
import type {
  Accounting,
  AdapterKind,
  ConfigChange,
  SimConfig,
  Snapshot,
  Topology,
  TraceEvent,
  VmId,
  VmState,
} from '../engine/types';
import { faultNote, routeNotes, type NoteDraft, type RouteView } from './becauseNotes';
import { hasPortPolicy } from '../engine/model/port-policy';
import { noEffectReason, pendingEffects, type NoEffect, type PendingEffect } from './pending';
import { logNotes, logPendingSteps, noteEntry, resetNoteLog } from './noteLog';
import { createClock, type FrameInfo } from './clock';
import { host, rebuild, type ReplayObserver, type TimedChange } from './engineHost';
import { DEFAULT_SPEED, MAX_SPEED, MIN_SPEED } from './speed';
import { flowToSpec, matchPreset, presetFlows, type TrafficPreset } from './traffic';
import type { UrlIssue } from './url';

export { SPEEDS, DEFAULT_SPEED } from './speed';

export type Selection =
  | { kind: 'component'; id: string }
  | { kind: 'packet'; id: number }
  /** An event-log row; `packet` is the packet it concerns, if any. */
  | { kind: 'event'; seq: number; packet?: number | null }
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
  /** Wall-clock time (performance.now()) after which the note is removed. */
  expiresAtMs: number;
}

/** How long a because-note stays, in wall-clock ms. */
export const NOTE_LIFETIME_MS = 15_000;

/** A switch flipped with no route effect: the note shown at the switch, with its one-click fix. */
export interface EffectNote extends NoEffect {
  toggle: 'vmq' | 'sriov';
  id: number;
}

/** Longest simulated time a change is watched for its route effect before giving up. */
export const PENDING_WATCH_NS = 20_000_000;

export interface LoadedScenario {
  name: string;
  packets: number | null;
}

export interface SimState {
  config: SimConfig;
  seed: number;
  topology: Topology;
  topologyVersion: number;
  playing: boolean;
  /** Counts play() and pause() calls (steps pause too): a learner or script drove the playback. */
  playbackIntent: number;
  /** Simulated ns per wall second. */
  speed: number;
  live: LiveState;
  /** Bumped whenever the event log grows (throttled). */
  logVersion: number;
  selection: Selection;
  /** "Because" notes on the diagram (newest last; they expire after NOTE_LIFETIME_MS). */
  notes: BecauseNote[];
  /** Components to emphasise (lessons, event-log selection); null = none dimmed. */
  highlight: string[] | null;
  /** The named scenario the configuration came from, if any (kept in the URL). */
  scenario: LoadedScenario | null;
  /** Problems found in the address bar at start (or in automation input), shown until dismissed. */
  issues: UrlIssue[];
  /** Bumped by every restart (load, reset, step back, seek back): views drop cached per-run data. */
  runId: number;
  /** VMs whose route has not yet caught up with a change, and the step each waits for. */
  pending: PendingEffect[];
  /** The last switch flip that changed no route, and why (null once something else happens). */
  effectNote: EffectNote | null;

  play(): void;
  pause(): void;
  togglePlay(): void;
  /** Advance to the next traced event (at least one event-log row), then pause. */
  step(): void;
  /** Go back to just before the previous event, replaying deterministically from the start. */
  stepBack(): void;
  /** Jump to a simulated time (replays from the start when going backwards). */
  seek(tNs: number): void;
  setSpeed(speed: number): void;
  /** Start over from t = 0 with the current configuration. */
  reset(): void;
  /**
   * Replace the whole configuration (and optionally the seed); restarts at `atNs` (default 0),
   * replaying `changes` (made while a run was going, with their times) on the way.
   */
  load(config: SimConfig, seed?: number, atNs?: number, scenario?: LoadedScenario | null, changes?: TimedChange[]): void;
  /** Load a named scenario from t = 0. */
  loadScenario(name: string): void;
  /** Apply a change to the running simulation at the current time. */
  apply(change: ConfigChange): void;
  /** add-vm, keeping a traffic preset in step with the VM list. */
  addVm(adapter: AdapterKind): void;
  /** remove-vm, keeping a traffic preset in step with the VM list. */
  removeVm(vm: VmId): void;
  select(s: Selection): void;
  /** Select an event-log row: highlight its two components and the packet it carries. */
  selectEvent(e: TraceEvent): void;
  setHighlight(ids: string[] | null): void;
  addNotes(drafts: NoteDraft[]): void;
  setIssues(issues: UrlIssue[]): void;
  dismissIssue(index: number): void;
  /** Run ahead (in simulated time) to the moment every pending route has started. */
  skipToRoute(): void;
  /**
   * Run ahead until a trace event matches (stopping right after it) or `limitNs` of simulated
   * time have passed; keeps the play state. Returns the event, or null.
   */
  runUntilEvent(match: (e: TraceEvent) => boolean, limitNs: number): TraceEvent | null;
  /** Apply the one-click fix of the current effect note. */
  applyEffectFix(): void;
  dismissEffectNote(): void;
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
/** Route state at the previous publish; null right after a restart (no notes for the jump). */
let lastRoute: RouteView | null = null;
let noteSeq = 1;
let noteTimer: ReturnType<typeof setTimeout> | null = null;
/** True while `highlight` was set by selecting an event-log row (cleared with that selection). */
let highlightFromEvent = false;
/** Simulated time of the change whose route effect is being watched; null = nothing watched. */
let watchSinceNs: number | null = null;
let effectSeq = 1;

/** Each VM's trace events since `sinceNs`, read backwards from the event log's newest end. */
function eventsSince(sinceNs: number): Map<VmId, TraceEvent[]> {
  const out = new Map<VmId, TraceEvent[]>();
  for (let i = host.log.length - 1; i >= 0; i--) {
    const e = host.log.at(i);
    if (!e || e.t < sinceNs) break;
    if (!e.vm) continue;
    let list = out.get(e.vm);
    if (!list) out.set(e.vm, (list = []));
    list.push(e);
  }
  for (const list of out.values()) list.reverse();
  return out;
}

const EMPTY_EVENTS: TraceEvent[] = [];

/** Pending effects of the watched change against a snapshot's VMs (empty when nothing is watched). */
function computePending(vms: readonly VmState[]): PendingEffect[] {
  if (watchSinceNs === null || !host.sim) return [];
  const by = eventsSince(watchSinceNs);
  return pendingEffects(host.sim.config as SimConfig, vms, (vm) => by.get(vm) ?? EMPTY_EVENTS);
}

const samePending = (a: readonly PendingEffect[], b: readonly PendingEffect[]) =>
  a.length === b.length && a.every((p, i) => { const q = b[i] as PendingEffect; return p.vm === q.vm && p.step === q.step && p.componentId === q.componentId && p.last === q.last; });

const wallNow = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Per-frame bookkeeping: drain events into the log, fill the in-flight buffer, publish at ~10 Hz. */
function afterAdvance(force = false) {
  const sim = host.sim;
  if (!sim) return;
  const snap = sim.snapshot();
  host.frameEvents = snap.events;
  host.log.skip(snap.eventsDropped);
  host.log.push(snap.events);
  sim.fillInFlight(host.inFlight);
  pendingSnapshot = snap;
  const now = wallNow();
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
  const route: RouteView = { vmq: sim.config.vmq, vms: snap.vms, vfAssignments: snap.vfAssignments, linkUp: snap.linkUp, policyVms: policyVmsOf(sim.config) };
  const drafts = lastRoute ? routeNotes(lastRoute, route) : [];
  lastRoute = route;
  let pending = computePending(snap.vms);
  if (watchSinceNs !== null && (pending.length === 0 || sim.now() - watchSinceNs > PENDING_WATCH_NS)) {
    watchSinceNs = null;
    pending = [];
  }
  if (!samePending(pending, s.pending)) logPendingSteps(s.pending, pending, sim.now());
  useSim.setState({
    ...(samePending(pending, s.pending) ? {} : { pending }),
    live: {
      simTimeNs: sim.now(),
      accounting: snap.accounting,
      events: host.log.length + host.log.missing,
      vms: snap.vms,
      vmqAssignments: snap.vmqAssignments,
      vfAssignments: snap.vfAssignments,
      linkUp: snap.linkUp,
    },
    logVersion: s.logVersion + 1,
    ...(topoVersion !== s.topologyVersion ? { topology: sim.topology(), topologyVersion: topoVersion } : {}),
  });
  if (drafts.length) s.addNotes(drafts);
}

/**
 * Rebuild the run up to `atNs`. The last NOTE_LIFETIME_MS of wall time before `atNs` (at the
 * current speed) is replayed the way the live page publishes, so the "because" notes a viewer had
 * on screen at that moment are back, each with the lifetime it had left; a change still working
 * its way through (a VF bring-up) is watched again for its pending cue.
 */
function restart(config: SimConfig, seed: number, changes: TimedChange[], atNs: number) {
  const { speed } = useSim.getState();
  const windowNs = Math.round((NOTE_LIFETIME_MS / 1000) * speed);
  const drafts: { draft: NoteDraft; atNs: number }[] = [];
  let prev: RouteView | null = null;
  // Notes explain changes: none before the first one (a fresh page starts without notes too).
  const first = changes[0];
  const observer: ReplayObserver | undefined = first && first.atNs <= atNs ? {
    fromNs: Math.max(first.atNs, atNs - windowNs),
    stepNs: speed / 10,
    onSnapshot(snap, s) {
      const route: RouteView = { vmq: s.config.vmq, vms: snap.vms, vfAssignments: snap.vfAssignments, linkUp: snap.linkUp, policyVms: policyVmsOf(s.config) };
      if (prev) for (const d of routeNotes(prev, route)) drafts.push({ draft: d, atNs: s.now() });
      prev = route;
    },
    onChange(c) {
      if (c.change.kind !== 'fault') return;
      const n = faultNote(c.change.fault.kind, c.change.fault.vm);
      if (n) drafts.push({ draft: n, atNs: c.atNs });
    },
  } : undefined;
  const { sim } = rebuild(config, seed, changes, atNs, observer);
  lastRoute = observer ? prev : null;
  const last = changes.filter((c) => c.atNs <= atNs).at(-1);
  watchSinceNs = last && atNs - last.atNs < PENDING_WATCH_NS && last.change.kind !== 'set-flows' && last.change.kind !== 'set-extensions' ? last.atNs : null;
  const now = wallNow();
  const notes: BecauseNote[] = [];
  const logged: BecauseNote[] = [];
  for (const { draft, atNs: at } of drafts) {
    const expiresAtMs = now + NOTE_LIFETIME_MS - ((atNs - at) / Math.max(1, speed)) * 1000;
    const note = { ...draft, id: noteSeq++, atNs: at, expiresAtMs };
    logged.push(note);
    if (expiresAtMs <= now) continue;
    const idx = notes.findIndex((n) => n.componentId === draft.componentId);
    if (idx >= 0) notes.splice(idx, 1);
    notes.push(note);
  }
  resetNoteLog(logged.map(noteEntry));
  afterAdvance(true);
  useSim.setState((s) => ({
    config: sim.config as SimConfig,
    seed,
    topology: sim.topology(),
    topologyVersion: sim.topologyVersion(),
    notes: notes.slice(-12),
    effectNote: null,
    runId: s.runId + 1,
  }));
  scheduleNoteExpiry();
  clock.requestRedraw();
}

function scheduleNoteExpiry() {
  if (noteTimer) clearTimeout(noteTimer);
  noteTimer = null;
  const { notes } = useSim.getState();
  if (!notes.length) return;
  const next = Math.min(...notes.map((n) => n.expiresAtMs));
  noteTimer = setTimeout(() => {
    const now = wallNow();
    useSim.setState((s) => ({ notes: s.notes.filter((n) => n.expiresAtMs > now) }));
    scheduleNoteExpiry();
  }, Math.max(50, next - wallNow()));
}

function clearEventHighlight(): { highlight?: null } {
  if (!highlightFromEvent) return {};
  highlightFromEvent = false;
  return { highlight: null };
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

/** The preset the current flows follow, or null for hand-made traffic. */
export function currentPreset(config: SimConfig): TrafficPreset | null {
  return matchPreset(config.flows.map(flowToSpec), config.vms.map((v) => v.id));
}

/** Does selection `s` concern VM `vm` (so it must go when the VM does)? */
function selectionTouchesVm(s: Selection, vm: VmId): boolean {
  if (!s || s.kind !== 'component') return false;
  return s.id === vm || s.id.startsWith(`${vm}.`) || s.id.endsWith(`.${vm}`);
}

export const useSim = create<SimState>()((set, get) => ({
  config: defaultConfig(),
  seed: 1,
  topology: { components: [], links: [], componentIndex: new Map(), linkIndex: new Map() },
  topologyVersion: -1,
  playing: false,
  playbackIntent: 0,
  speed: DEFAULT_SPEED,
  live: emptyLive,
  logVersion: 0,
  selection: null,
  notes: [],
  highlight: null,
  scenario: null,
  issues: [],
  runId: 0,
  pending: [],
  effectNote: null,

  play() {
    if (get().playing) return;
    set((s) => ({ playing: true, playbackIntent: s.playbackIntent + 1 }));
    clock.start();
  },
  pause() {
    clock.stop();
    set((s) => ({ playing: false, playbackIntent: s.playbackIntent + 1 }));
    afterAdvance(true);
  },
  togglePlay() {
    if (get().playing) get().pause();
    else get().play();
  },
  step() {
    get().pause();
    const sim = host.sim;
    // One engine event may trace nothing (a timer, a queue check): keep going until a row appears.
    let traced = 0;
    const off = sim.subscribe(() => traced++);
    try {
      for (let i = 0; i < 100_000 && traced === 0; i++) if (!sim.step()) break;
    } finally {
      off();
    }
    // Finish the instant: the other events at this same time run too. A link holds a time, not a
    // place within a time, and reopening it runs every event up to and including `t`; stopping
    // part-way through an instant would reopen one event different (app-url e2e caught it).
    sim.runUntil(sim.now());
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
    set({ speed: Math.min(MAX_SPEED, Math.max(MIN_SPEED, Math.round(speed))) });
  },
  reset() {
    get().pause();
    set({ selection: null, ...clearEventHighlight() });
    restart(host.config, host.seed, [], 0);
  },
  load(config, seed = get().seed, atNs = 0, scenario = get().scenario, changes = []) {
    const wasPlaying = get().playing;
    clock.stop();
    set({ playing: false, selection: null, scenario, ...clearEventHighlight() });
    restart(config, seed, changes, atNs);
    if (wasPlaying) get().play();
  },
  loadScenario(name) {
    get().load(engineApi.scenarioConfig(name, {}), get().seed, 0, { name, packets: null });
  },
  apply(change) {
    const sim = host.sim;
    host.changes.push({ atNs: sim.now(), change });
    sim.apply(change);
    // Route effects happen later in simulated time: watch for them from now (publish() lists the
    // VMs still waiting, and stops watching once none is).
    if (change.kind !== 'set-flows' && change.kind !== 'set-extensions') watchSinceNs = sim.now();
    if (change.kind === 'set-vmq' || change.kind === 'set-sriov') {
      const toggle = change.kind === 'set-vmq' ? 'vmq' : 'sriov';
      const why = noEffectReason(sim.config as SimConfig, toggle);
      const fix = why && change.on ? why.fix : null;
      set({ effectNote: why ? { ...why, fix, toggle, id: effectSeq++ } : null });
    } else if (get().effectNote) {
      set({ effectNote: null });
    }
    if (change.kind === 'fault') {
      const n = faultNote(change.fault.kind, change.fault.vm);
      if (n) get().addNotes([n]);
    }
    if (change.kind === 'remove-vm' && selectionTouchesVm(get().selection, change.vm)) set({ selection: null });
    afterAdvance(true);
    set({ config: sim.config as SimConfig });
    clock.requestRedraw();
  },
  addVm(adapter) {
    const preset = currentPreset(get().config);
    get().apply({ kind: 'add-vm', adapter });
    if (preset) get().apply({ kind: 'set-flows', flows: presetFlows(preset, get().config.vms.map((v) => v.id)) });
  },
  removeVm(vm) {
    const preset = currentPreset(get().config);
    get().apply({ kind: 'remove-vm', vm });
    const after = get().config;
    if (preset) get().apply({ kind: 'set-flows', flows: presetFlows(preset, after.vms.map((v) => v.id)) });
    else if (after.flows.some((f) => f.vm === vm || f.peerVm === vm)) {
      get().apply({ kind: 'set-flows', flows: after.flows.filter((f) => f.vm !== vm && f.peerVm !== vm) });
    }
  },
  select(selection) {
    // Clear only a highlight the event log made; a lesson's highlight stays.
    const clear = highlightFromEvent && selection?.kind !== 'event';
    if (clear) highlightFromEvent = false;
    set(clear ? { selection, highlight: null } : { selection });
    clock.requestRedraw();
  },
  selectEvent(e) {
    highlightFromEvent = true;
    set({ selection: { kind: 'event', seq: e.seq, packet: e.packet }, highlight: e.from === e.to ? [e.from] : [e.from, e.to] });
    clock.requestRedraw();
  },
  setHighlight(highlight) {
    highlightFromEvent = false;
    set({ highlight });
    clock.requestRedraw();
  },
  addNotes(drafts) {
    if (!drafts.length) return;
    const atNs = host.sim ? host.sim.now() : 0;
    const expiresAtMs = wallNow() + NOTE_LIFETIME_MS;
    const fresh = drafts.map((d) => ({ ...d, id: noteSeq++, atNs, expiresAtMs }));
    // One note per component: a newer note replaces an older one at the same place.
    const places = new Set(fresh.map((n) => n.componentId));
    logNotes(fresh.map(noteEntry));
    set((s) => ({ notes: [...s.notes.filter((n) => !places.has(n.componentId)), ...fresh].slice(-12) }));
    scheduleNoteExpiry();
  },
  setIssues(issues) {
    set({ issues });
  },
  dismissIssue(index) {
    set((s) => ({ issues: s.issues.filter((_, i) => i !== index) }));
  },
  skipToRoute() {
    const sim = host.sim;
    if (!sim || watchSinceNs === null) return;
    // Run ahead in small steps so the stop is within half a microsecond of the last route change.
    const limit = watchSinceNs + PENDING_WATCH_NS;
    for (let i = 0; i < 40_000 && sim.now() < limit; i++) {
      sim.runUntil(sim.now() + 500);
      afterAdvance(false);
      if (pendingSnapshot && computePending(pendingSnapshot.vms).length === 0) break;
    }
    afterAdvance(true);
    clock.requestRedraw();
  },
  runUntilEvent(match, limitNs) {
    const sim = host.sim;
    if (!sim) return null;
    let found: TraceEvent | null = null;
    const off = sim.subscribe((e) => {
      if (found === null && match(e)) found = e;
    });
    try {
      const limit = sim.now() + Math.max(0, limitNs);
      // Event by event, publishing the log every few thousand, so we stop at the event itself.
      for (let i = 0; found === null && i < 5_000_000 && sim.now() < limit; i++) {
        if (!sim.step()) break;
        if (i % 2_000 === 1_999) afterAdvance(false);
      }
    } finally {
      off();
    }
    // As in step(): finish the instant, so the link to this moment reopens exactly it.
    sim.runUntil(sim.now());
    afterAdvance(true);
    clock.requestRedraw();
    return found;
  },
  applyEffectFix() {
    const note = get().effectNote;
    const fix = note?.fix;
    if (!fix) return;
    set({ effectNote: null });
    if (fix.key === 'giveSriov') get().apply({ kind: 'set-adapter', vm: fix.vm, adapter: 'sriov' });
    else if (fix.key === 'giveSynthetic') get().apply({ kind: 'set-adapter', vm: fix.vm, adapter: 'synthetic' });
    else {
      const flows = get().config.flows;
      const ids = new Set(flows.map((f) => f.id));
      let n = flows.length + 1;
      while (ids.has(`f${n}`)) n++;
      get().apply({
        kind: 'set-flows',
        flows: [...flows, { id: `f${n}`, direction: 'external-to-vm', vm: fix.vm, protocol: 'udp', packetBytes: 1500, ratePps: 50_000 }],
      });
    }
  },
  dismissEffectNote() {
    set({ effectNote: null });
  },
}));

/** Subscribe to every drawn frame (the packet overlay). Returns an unsubscribe function. */
export const onFrame = (l: (f: FrameInfo) => void) => clock.onFrame(l);
/** Ask for one redraw without advancing time (e.g. after the viewport moved). */
export const requestRedraw = () => clock.requestRedraw();
/** Advance synchronously by wall milliseconds (automation and tests). */
export const tick = (dtMs: number) => clock.tick(dtMs);

/** VMs whose vSwitch port has a policy (issue 11), for the because notes. */
function policyVmsOf(config: Readonly<SimConfig>): string[] {
  return config.vms.filter((v) => hasPortPolicy(v.nic)).map((v) => v.id);
}

export { selectors } from './selectors';
