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
import { engineApi, scenarioNames } from './engineApi';
import { firstDataSendNs, routesSettledNs } from './engineHost';
import { useSim } from './simStore';
import { DEFAULT_SPEED } from './speed';
import { parseUrlState, type UrlIssue } from './url';
import { configFromUrlState } from './urlConfig';
import { startUrlSync } from './urlSync';
import { LANGUAGES } from '../i18n';

/** Start this many ns before the first data packet, so it is seen leaving the guest stack. */
const LEAD_NS = 200;

export function boot(search: string) {
  const s = useSim.getState();
  const { state, issues } = parseUrlState(search, { scenarios: scenarioNames(), languages: LANGUAGES });
  const all: UrlIssue[] = [...issues];

  let config: SimConfig;
  try {
    const r = configFromUrlState(state, engineApi);
    config = r.config;
    all.push(...r.issues);
  } catch (e) {
    config = defaultConfig();
    all.push({ param: state.scenario ? 'scenario' : 'config', value: state.scenario ?? '', reason: 'malformed', expected: e instanceof Error ? e.message : String(e) });
  }
  const seed = state.seed ?? 1;
  s.setSpeed(state.speed ?? DEFAULT_SPEED);

  const scenario = state.scenario ? { name: state.scenario, packets: state.packets } : null;
  const start = (c: SimConfig) => {
    const first = state.t === null ? firstDataSendNs(c, seed) : null;
    // …and no earlier than the moment every route is the configured one (an SR-IOV VF is up).
    const settled = state.t === null && first !== null ? routesSettledNs(c, seed) : null;
    const t = state.t ?? (first !== null ? Math.max(0, first - LEAD_NS, settled ?? 0) : 0);
    s.load(c, seed, t, scenario);
  };
  try {
    start(config);
  } catch (e) {
    // The page never goes blank: fall back to the default configuration and say why.
    all.push({ param: 'config', value: '', reason: 'malformed', expected: e instanceof Error ? e.message : String(e) });
    config = defaultConfig();
    start(config);
  }
  s.setIssues(all);
  installAutomation();
  startUrlSync();
  if (state.play ?? true) useSim.getState().play();
}
