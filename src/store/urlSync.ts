/**
 * Keeps the address bar in step with the simulation, so copying it reopens the same configuration
 * at the same moment. `history.replaceState` (no history entries) is throttled: at most once a
 * second while playing (for `t`), a quarter second after any other change, and immediately on
 * pause so a paused page's link is exact.
 */
import i18next from 'i18next';
import { host } from './engineHost';
import { engineApi } from './engineApi';
import { useSim } from './simStore';
import { formatChangeList } from './changeList';
import type { Selection } from './simStore';
import { focusParam, useFocus } from './focus';
import { formatUrlState, keepViewParams, type UrlState } from './url';
import { urlStateFromConfig } from './urlConfig';

/** Links longer than this break in some mail clients, chat apps and LMS fields. */
export const MAX_LINK_CHARS = 2000;

const PLAYING_INTERVAL_MS = 1_000;
const CHANGE_DELAY_MS = 250;

function lang(): 'en' | 'ja' | null {
  const l = i18next.language;
  return l === 'en' || l === 'ja' ? l : null;
}

function position(config: UrlState['t']) {
  const s = useSim.getState();
  return { scenario: s.scenario, seed: s.seed, speed: s.speed, timeNs: config, playing: s.playing, lang: lang() };
}

/**
 * The URL state of the configuration right now, without the run's history (reads the engine's
 * time, not the throttled copy): opened, it runs today's configuration from t = 0 to `t`.
 */
export function currentUrlState(): UrlState {
  const s = useSim.getState();
  return urlStateFromConfig(s.config, position(host.sim ? host.sim.now() : null), engineApi);
}

/** `sel=` for a selection (a component id, or `p<id>` for a packet), null when there is none. */
export function selectionParam(sel: Selection): string | null {
  if (!sel) return null;
  if (sel.kind === 'component') return sel.id;
  if (sel.kind === 'packet') return `p${sel.id}`;
  return sel.packet != null ? `p${sel.packet}` : null;
}

/**
 * The URL state that reopens exactly this moment: the configuration at t = 0, the changes made
 * since with their times (`ch`), the time and the selection. `exact` is false when a change
 * cannot be written in a link (drop rules, timed flows): the state is then today's configuration.
 */
export function exactUrlState(): { state: UrlState; exact: boolean } {
  const s = useSim.getState();
  const now = host.sim ? host.sim.now() : null;
  const sel = selectionParam(s.selection);
  const focus = focusParam(useFocus.getState().focus);
  if (!host.sim || host.changes.length === 0) return { state: { ...currentUrlState(), sel, focus }, exact: true };
  const ch = formatChangeList(host.config, host.changes);
  if (ch === null) return { state: { ...currentUrlState(), sel, focus }, exact: false };
  return { state: { ...urlStateFromConfig(host.config, position(now), engineApi), ch, sel, focus }, exact: true };
}

function baseHref(): string {
  const { origin, pathname } = window.location;
  return (origin === 'null' || origin.startsWith('file:') ? window.location.href.split('?')[0]?.split('#')[0] : `${origin}${pathname}`) ?? '';
}

export interface LinkInfo {
  /** What to share: the exact link, or the short form when the exact one cannot be used. */
  link: string;
  /** Why the short form was used: too long for common limits, or a change a link cannot carry. */
  shortened: 'too-long' | 'unencodable' | null;
  /** Length of the exact link, characters. */
  exactLength: number;
}

/**
 * The link to this exact state. Over {@link MAX_LINK_CHARS} characters it falls back to the short
 * form (today's configuration at this time, no change list), and says so; a saved scenario file
 * always carries everything.
 */
export function linkInfo(): LinkInfo {
  const { hash, search } = window.location;
  const { state, exact } = exactUrlState();
  const full = `${baseHref()}?${keepViewParams(formatUrlState(state), search)}${hash}`;
  if (exact && full.length <= MAX_LINK_CHARS) return { link: full, shortened: null, exactLength: full.length };
  const short = `${baseHref()}?${keepViewParams(formatUrlState({ ...currentUrlState(), sel: state.sel, focus: state.focus }), search)}${hash}`;
  return { link: short, shortened: exact ? 'too-long' : 'unencodable', exactLength: full.length };
}

/** A full link to the current state (what "Copy link" copies). */
export function currentLink(): string {
  return linkInfo().link;
}

function write() {
  try {
    // View parameters (embed, theme, lesson…) belong to the page, not the simulation: keep them.
    // The address bar holds the exact state (with the change list) whatever its length.
    const search = `?${keepViewParams(formatUrlState(exactUrlState().state), window.location.search)}`;
    if (search !== window.location.search) window.history.replaceState(window.history.state, '', `${search}${window.location.hash}`);
  } catch {
    // Some embedding contexts (sandboxed iframes, file://) refuse replaceState: the link button still works.
  }
}

/** Start syncing; returns a stop function. */
export function startUrlSync(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let interval: ReturnType<typeof setInterval> | null = null;

  const soon = (ms = CHANGE_DELAY_MS) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      write();
    }, ms);
  };

  const unsub = useSim.subscribe((s, prev) => {
    if (s.playing !== prev.playing) {
      if (interval) clearInterval(interval);
      interval = s.playing ? setInterval(write, PLAYING_INTERVAL_MS) : null;
      // `play` is right in the address bar at once, both ways.
      write();
    }
    if (
      s.config !== prev.config ||
      s.seed !== prev.seed ||
      s.speed !== prev.speed ||
      s.scenario !== prev.scenario ||
      s.runId !== prev.runId ||
      s.selection !== prev.selection
    )
      soon();
    // A step or seek while paused moves time without a config change.
    else if (!s.playing && s.live.simTimeNs !== prev.live.simTimeNs) soon();
  });
  const unsubFocus = useFocus.subscribe((f, prev) => {
    if (f.focus !== prev.focus) soon();
  });
  const onLang = () => soon();
  i18next.on('languageChanged', onLang);
  if (useSim.getState().playing) interval = setInterval(write, PLAYING_INTERVAL_MS);
  write();

  return () => {
    unsub();
    unsubFocus();
    i18next.off('languageChanged', onLang);
    if (timer) clearTimeout(timer);
    if (interval) clearInterval(interval);
  };
}
