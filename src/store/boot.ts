/**
 * Start-up: read the address bar, build the simulation and show it moving.
 *
 * Where a fresh page starts (no `t` in the URL): at the moment the first data packet is sent, not
 * at t = 0. The VMBus connect, channel offer/GPADL/open and NetVSC/NVSP/RNDIS initialisation come
 * first, and at a watchable speed they take minutes of wall time; a trainer who opens a link in
 * front of a class needs packets moving within seconds. The handshake is one click away: Reset
 * replays from t = 0 with the same configuration (and the event log shows the handshake's events,
 * since fast-forwarding records them). A link that carries `t` opens exactly there instead.
 */
import { defaultConfig } from '../engine';
import type { SimConfig } from '../engine/types';
import { installAutomation } from './automation';
import { scenarioNames } from './engineApi';
import { host, type TimedChange } from './engineHost';
import { bootStart } from './bootStart';
import { useSim } from './simStore';
import { DEFAULT_SPEED } from './speed';
import { EMPTY_URL_STATE, URL_PARAMS, type UrlIssue, type UrlState } from './url';
import { loadLinkInput, type LinkInput } from './linkInputLoader';
import { startUrlSync } from './urlSync';
import { focusPacket, focusVm } from './focus';
import { LANGUAGES } from '../i18n';

/** Start this many ns before the first data packet, so it is seen leaving the guest stack. */
const LEAD_NS = 200;

export interface BootOptions {
  /**
   * When to start playing (a link without `play=0`): the app passes "once the first paint is done
   * and the page is idle", so the animation's frames never compete with the first render. It is
   * called with `go`; the play is dropped if anything changed the simulation before `go` runs (a
   * Pause, a step, a lesson loading its scene, automation). Default: play at once.
   */
  autoplay?: (go: () => void) => void;
  /**
   * When to install `window.hvv` on a page without simulation parameters: its `configure` needs the
   * link readers (linkInput.ts, with zod), which such a page has not loaded, so the app passes
   * "after the first paint, when idle" to keep their fetch out of the first paint. Default: at once.
   * A page with parameters has the readers already and installs it at boot.
   */
  afterFirstPaint?: (install: () => void) => void;
}

/**
 * Boots from the address `search`. An address without simulation parameters (a fresh page, or an
 * embed with view parameters only) boots at once with the default configuration; one with
 * parameters first loads the zod-checked link readers (linkInput.ts, one small chunk), so the
 * returned promise resolves a moment later. The first render waits for it (main.tsx), alongside
 * the page's locale chunk. Never rejects: if the readers cannot load, the default configuration
 * opens with a message saying why.
 */
export function boot(search: string, opts: BootOptions = {}): Promise<void> {
  const params = new URLSearchParams(search);
  if (!URL_PARAMS.some((p) => params.has(p))) {
    bootWith({ state: { ...EMPTY_URL_STATE }, issues: [] }, null, opts);
    return Promise.resolve();
  }
  return loadLinkInput().then(
    (li) => bootWith(li.parseUrlState(search, { scenarios: scenarioNames(), languages: LANGUAGES }), li, opts),
    (e: unknown) => {
      const why = e instanceof Error ? e.message : String(e);
      bootWith({ state: { ...EMPTY_URL_STATE }, issues: [{ param: 'config', value: '', reason: 'malformed', expected: why }] }, null, opts);
    },
  );
}

function bootWith(parsed: { state: UrlState; issues: UrlIssue[] }, li: LinkInput | null, opts: BootOptions) {
  const s = useSim.getState();
  const { state, issues } = parsed;
  const all: UrlIssue[] = [...issues];

  let config: SimConfig;
  try {
    if (!li) config = defaultConfig();
    else {
      const r = li.configFromUrlState(state, li.engineParseApi);
      config = r.config;
      all.push(...r.issues);
    }
  } catch (e) {
    config = defaultConfig();
    all.push({ param: state.scenario ? 'scenario' : 'config', value: state.scenario ?? '', reason: 'malformed', expected: e instanceof Error ? e.message : String(e) });
  }
  const seed = state.seed ?? 1;
  s.setSpeed(state.speed ?? DEFAULT_SPEED);

  const scenario = state.scenario ? { name: state.scenario, packets: state.packets } : null;
  // The changes made while the linked run was going: replayed at their times on the way to `t`.
  let changes: TimedChange[] = [];
  if (state.ch && li) {
    const r = li.parseChangeList(state.ch, config, state.t ?? 10_000_000_000);
    changes = r.changes;
    for (const i of r.issues) all.push({ param: 'ch', value: i.value, reason: i.reason, expected: i.expected });
  }
  const start = (c: SimConfig, ch: TimedChange[]) => {
    const lastChange = ch.at(-1)?.atNs ?? null;
    // The first data send, and the moment every route is the configured one (an SR-IOV VF is up):
    // precomputed for the default configuration and the scenarios, probed otherwise (bootStart.ts).
    const { first, settled } = state.t === null && lastChange === null ? bootStart(c, seed) : { first: null, settled: null };
    const t = state.t ?? lastChange ?? (first !== null ? Math.max(0, first - LEAD_NS, settled ?? 0) : 0);
    s.load(c, seed, t, scenario, ch);
  };
  try {
    start(config, changes);
  } catch (e) {
    // The page never goes blank: fall back to the default configuration and say why.
    all.push({ param: 'config', value: '', reason: 'malformed', expected: e instanceof Error ? e.message : String(e) });
    config = defaultConfig();
    start(config, []);
  }
  if (state.sel) {
    const sel = state.sel;
    const packet = /^p(\d+)$/.exec(sel);
    if (packet) {
      if (host.sim.packet(Number(packet[1]))) s.select({ kind: 'packet', id: Number(packet[1]) });
      else all.push({ param: 'sel', value: sel, reason: 'mismatch', expected: 'a packet in flight at t' });
    } else if (useSim.getState().topology.componentIndex.has(sel)) s.select({ kind: 'component', id: sel });
    else all.push({ param: 'sel', value: sel, reason: 'unknown-value', expected: 'a component id such as nic.queue.1' });
  }
  if (state.focus) {
    const m = /^p(\d+)$/.exec(state.focus);
    const ok = m ? focusPacket(Number(m[1])) : focusVm(state.focus);
    if (!ok) all.push({ param: 'focus', value: state.focus, reason: 'mismatch', expected: m ? 'a packet the run knows at t' : 'a VM of this configuration' });
  }
  s.setIssues(all);
  if (li || !opts.afterFirstPaint) void installAutomation();
  else opts.afterFirstPaint(() => void installAutomation());
  startUrlSync();
  if (state.play ?? true) {
    if (!opts.autoplay) useSim.getState().play();
    else {
      // Skipped only if the learner (or a script) drove the simulation first: played, paused
      // (even a page not yet playing), stepped, changed the host or restarted. Other store updates (panels, language, notes,
      // the first metrics poll) must not keep a fresh page still.
      let touched = false;
      const off = useSim.subscribe((n, p) => {
        if (n.playbackIntent !== p.playbackIntent || n.live.simTimeNs !== p.live.simTimeNs || n.config !== p.config || n.runId !== p.runId) touched = true;
      });
      opts.autoplay(() => {
        off();
        if (!touched) useSim.getState().play();
      });
    }
  }
}
