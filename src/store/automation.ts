/**
 * `window.hvv`: a small automation API for tests, course material and the embed mode.
 *
 * ```js
 * hvv.stats()                       // { sent, delivered, dropped, inFlight, events, simTimeNs }, straight from the engine
 * hvv.pause(); hvv.step(); hvv.play()
 * hvv.configure({ vmq: true, adapter: ['emulated', 'synthetic'] })   // → { ok: true } | { ok: false, errors }
 * hvv.configure({ vms: 4, traffic: 'udp-in', speed: '20us' })
 * hvv.configure({ scenario: 'stress', vms: 16, packets: 3000 })      // reloads from t = 0
 * hvv.advance(50_000)               // run 50 µs of simulated time now, synchronously
 * hvv.trace({ kind: 'dma', limit: 100 })   // recent trace events, oldest first
 * hvv.select('nic.queue.1'); hvv.select(42 /* packet id *\/); hvv.select(null)
 * hvv.link()                        // the address-bar link to this exact state
 * ```
 *
 * `configure` takes the same names and values as the address bar (see `url.ts`), as strings,
 * numbers, booleans or arrays. Everything is validated first; if anything is wrong nothing is
 * applied and the errors say which key and why. Host switches, adapters, VM count, traffic and
 * extensions are applied to the running simulation at its current time (packets in flight finish
 * on their path, as with the controls); `scenario`, `packets` and `seed` reload from t = 0 (or `t`).
 */
import type { PendingEffect } from './pending';
import i18next from 'i18next';
import type { TraceEvent, VmId } from '../engine/types';
import { scenarioNames } from './engineApi';
import { host } from './engineHost';
import { useSim, type BecauseNote, type Selection } from './simStore';
import { parseSpeedParam } from './speed';
import { specsToFlows, presetFlows } from './traffic';
import type { UrlIssue, UrlState } from './url';
import { linkInput, loadLinkInput } from './linkInputLoader';
import { currentLink, currentUrlState } from './urlSync';
import { LANGUAGES } from '../i18n';

export interface HvvStats {
  sent: number;
  delivered: number;
  dropped: number;
  inFlight: number;
  /** Trace events the engine has produced since t = 0. */
  events: number;
  simTimeNs: number;
}

export type ConfigureInput = Partial<
  Record<'vms' | 'seed' | 't' | 'packets', number | string> &
    Record<'vmq' | 'sriov' | 'play', boolean | string | number> &
    Record<'adapter' | 'flows' | 'ext', string | string[]> &
    Record<'speed', number | string> &
    Record<'traffic' | 'scenario' | 'lang', string> &
    // Issue 11: vRSS/VMMQ host switches, queues per vNIC (a number, a comma list or an array).
    Record<'vrss' | 'vmmq', boolean | string | number> &
    Record<'queues', number | string | number[]>
>;

export type ConfigureResult = { ok: true } | { ok: false; errors: { key: string; value: string; reason: string; expected: string }[] };

export interface TraceQuery {
  /** Only events with seq > since. */
  since?: number;
  /** Newest `limit` events (default 10,000). */
  limit?: number;
  kind?: TraceEvent['kind'];
  path?: TraceEvent['path'];
  packet?: number;
  vm?: VmId;
  /** Events whose `from` or `to` is this component. */
  component?: string;
}

export interface Hvv {
  version: 1;
  stats(): HvvStats;
  play(): void;
  pause(): void;
  step(): HvvStats;
  stepBack(): HvvStats;
  reset(): void;
  /** Run `ns` of simulated time synchronously (pauses first). */
  advance(ns: number): HvvStats;
  seek(tNs: number): HvvStats;
  configure(partial: ConfigureInput): ConfigureResult;
  trace(q?: TraceQuery): TraceEvent[];
  /** A component id, a packet id, a Selection object, or null. */
  select(target: string | number | Selection): void;
  state(): { playing: boolean; speed: number; selection: Selection; url: UrlState; issues: UrlIssue[]; vms: number; notes: BecauseNote[]; pending: PendingEffect[]; paths: Record<string, string> };
  link(): string;
}

const KEYS = ['vms', 'seed', 't', 'packets', 'vmq', 'sriov', 'play', 'adapter', 'flows', 'ext', 'speed', 'traffic', 'scenario', 'lang', 'vrss', 'vmmq', 'queues'] as const;

function toParam(v: unknown): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (Array.isArray(v)) return v.map(String).join(',');
  return String(v);
}

export function stats(): HvvStats {
  const sim = host.sim;
  const m = sim.metrics();
  return {
    sent: m.accounting.sent,
    delivered: m.accounting.delivered,
    dropped: m.accounting.dropped,
    inFlight: m.accounting.inFlight,
    events: m.events,
    simTimeNs: sim.now(),
  };
}

export function configure(partial: ConfigureInput): ConfigureResult {
  if (partial === null || typeof partial !== 'object') return { ok: false, errors: [{ key: '', value: String(partial), reason: 'malformed', expected: 'an object' }] };
  const unknown = Object.keys(partial).filter((k) => !(KEYS as readonly string[]).includes(k));
  if (unknown.length) return { ok: false, errors: unknown.map((k) => ({ key: k, value: '', reason: 'unknown-key', expected: KEYS.join(' | ') })) };
  const q = new URLSearchParams();
  for (const k of KEYS) if (partial[k] !== undefined) q.set(k, toParam(partial[k]));
  const scenarios = scenarioNames();
  const { parseUrlState, configFromUrlState, engineParseApi } = linkInput();
  const { state, issues } = parseUrlState(q.toString(), { scenarios, languages: LANGUAGES });
  if (partial.speed !== undefined && typeof partial.speed === 'number') state.speed = parseSpeedParam(String(partial.speed));
  if (issues.length) return { ok: false, errors: issues.map((i) => ({ key: i.param, value: i.value, reason: i.reason, expected: i.expected })) };

  const s = useSim.getState();
  if (state.speed !== null) s.setSpeed(state.speed);
  if (state.lang !== null) void i18next.changeLanguage(state.lang);

  const reload = state.scenario !== null || state.packets !== null || state.seed !== null;
  if (reload) {
    const cur = currentUrlState();
    const merged: UrlState = {
      ...cur,
      // A new scenario starts from its own configuration; only what was asked for overrides it.
      ...(state.scenario !== null ? { vms: null, adapters: null, vmq: null, sriov: null, traffic: null, flows: null, ext: null, packets: null, vrss: null, vmmq: null, queues: null } : {}),
      ...Object.fromEntries(Object.entries(state).filter(([, v]) => v !== null)),
    };
    const r = configFromUrlState(merged, engineParseApi);
    if (r.issues.length) return { ok: false, errors: r.issues.map((i) => ({ key: i.param, value: i.value, reason: i.reason, expected: i.expected })) };
    const wasPlaying = s.playing;
    s.load(r.config, merged.seed ?? s.seed, state.t ?? 0, merged.scenario ? { name: merged.scenario, packets: merged.packets } : null);
    if (state.play === true || (state.play === null && wasPlaying)) useSim.getState().play();
    if (state.play === false) useSim.getState().pause();
    return { ok: true };
  }

  // Live changes, in an order that keeps every intermediate configuration valid.
  if (state.vms !== null) {
    while (useSim.getState().config.vms.length < state.vms) s.addVm('synthetic');
    while (useSim.getState().config.vms.length > state.vms) {
      const vms = useSim.getState().config.vms;
      s.removeVm((vms[vms.length - 1] as { id: VmId }).id);
    }
  }
  if (state.vmq !== null && state.vmq !== useSim.getState().config.vmq) s.apply({ kind: 'set-vmq', on: state.vmq });
  if (state.sriov !== null && state.sriov !== useSim.getState().config.sriov) s.apply({ kind: 'set-sriov', on: state.sriov });
  // Issue 11: vRSS/VMMQ switches and each vNIC's queues, as the controls panel applies them.
  if (state.vrss != null && state.vrss !== (useSim.getState().config.vrss ?? false)) s.apply({ kind: 'set-vrss', on: state.vrss });
  if (state.vmmq != null && state.vmmq !== (useSim.getState().config.vmmq ?? false)) s.apply({ kind: 'set-vmmq', on: state.vmmq });
  if (state.queues) {
    const qs = state.queues;
    useSim.getState().config.vms.forEach((v, i) => {
      const q = qs[Math.min(i, qs.length - 1)] as number;
      if (q !== (v.nic?.queues ?? 8)) s.apply({ kind: 'set-vm-nic', vm: v.id, settings: { queues: q } });
    });
  }
  if (state.adapters !== null) {
    const vms = useSim.getState().config.vms;
    vms.forEach((v, i) => {
      const a = state.adapters?.[Math.min(i, (state.adapters?.length ?? 1) - 1)];
      if (a && a !== v.adapter) s.apply({ kind: 'set-adapter', vm: v.id, adapter: a });
    });
  }
  const ids = useSim.getState().config.vms.map((v) => v.id);
  if (state.flows !== null) {
    const bad = state.flows.find((f) => !ids.includes(f.vm) || (f.peerVm && !ids.includes(f.peerVm)));
    if (bad) return { ok: false, errors: [{ key: 'flows', value: bad.vm, reason: 'mismatch', expected: ids.join(' | ') }] };
    s.apply({ kind: 'set-flows', flows: specsToFlows(state.flows) });
  } else if (state.traffic !== null) {
    s.apply({ kind: 'set-flows', flows: presetFlows(state.traffic, ids) });
  }
  if (state.ext !== null) {
    const cur = useSim.getState().config.extensions;
    s.apply({
      kind: 'set-extensions',
      extensions: { capture: state.ext.includes('capture'), filter: { ...cur.filter, enabled: state.ext.includes('filter') }, forwarding: state.ext.includes('forwarding') },
    });
  }
  if (state.t !== null) useSim.getState().seek(state.t);
  if (state.play === true) useSim.getState().play();
  if (state.play === false) useSim.getState().pause();
  return { ok: true };
}

export function trace(q: TraceQuery = {}): TraceEvent[] {
  const log = host.log;
  const limit = Math.max(1, Math.min(q.limit ?? 10_000, log.capacity));
  const out: TraceEvent[] = [];
  for (let i = log.length - 1; i >= 0 && out.length < limit; i--) {
    const e = log.at(i) as TraceEvent;
    if (q.since !== undefined && e.seq <= q.since) break;
    if (q.kind && e.kind !== q.kind) continue;
    if (q.path && e.path !== q.path) continue;
    if (q.packet !== undefined && e.packet !== q.packet) continue;
    if (q.vm && e.vm !== q.vm) continue;
    if (q.component && e.from !== q.component && e.to !== q.component) continue;
    out.push(e);
  }
  return out.reverse();
}

function select(target: string | number | Selection) {
  const s = useSim.getState();
  if (target === null || target === undefined) s.select(null);
  else if (typeof target === 'string') s.select({ kind: 'component', id: target });
  else if (typeof target === 'number') s.select({ kind: 'packet', id: target });
  else s.select(target);
}

export function createHvv(): Hvv {
  const s = () => useSim.getState();
  return {
    version: 1,
    stats,
    play: () => s().play(),
    pause: () => s().pause(),
    step: () => (s().step(), stats()),
    stepBack: () => (s().stepBack(), stats()),
    reset: () => s().reset(),
    advance: (ns) => {
      s().pause();
      s().seek(host.sim.now() + Math.max(0, Math.round(ns)));
      return stats();
    },
    seek: (t) => (s().seek(t), stats()),
    configure: (p) => {
      try {
        return configure(p);
      } catch (e) {
        return { ok: false, errors: [{ key: '', value: '', reason: 'engine', expected: e instanceof Error ? e.message : String(e) }] };
      }
    },
    trace,
    select,
    state: () => ({
      playing: s().playing,
      speed: s().speed,
      selection: s().selection,
      url: currentUrlState(),
      issues: s().issues,
      vms: s().config.vms.length,
      notes: s().notes,
      pending: s().pending,
      paths: Object.fromEntries(s().live.vms.map((v) => [v.id, v.activePath])),
    }),
    link: currentLink,
  };
}

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/**
 * Install `window.hvv` (idempotent) once the link readers it checks `configure` with are here
 * (linkInput.ts: a fresh page loads them after its first paint). Resolves to the API.
 */
export function installAutomation(): Promise<Hvv> {
  return loadLinkInput().then(() => {
    const api = createHvv();
    window.hvv = api;
    return api;
  });
}
