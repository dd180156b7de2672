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
import { formatUrlState, keepViewParams, type UrlState } from './url';
import { urlStateFromConfig } from './urlConfig';

const PLAYING_INTERVAL_MS = 1_000;
const CHANGE_DELAY_MS = 250;

function lang(): 'en' | 'ja' | null {
  const l = i18next.language;
  return l === 'en' || l === 'ja' ? l : null;
}

/** The URL state of the simulation right now (reads the engine's time, not the throttled copy). */
export function currentUrlState(): UrlState {
  const s = useSim.getState();
  return urlStateFromConfig(
    s.config,
    {
      scenario: s.scenario,
      seed: s.seed,
      speed: s.speed,
      timeNs: host.sim ? host.sim.now() : null,
      playing: s.playing ? null : false,
      lang: lang(),
    },
    engineApi,
  );
}

/** A full link to the current state (what "Copy link" copies). */
export function currentLink(): string {
  const { origin, pathname, hash } = window.location;
  const base = origin === 'null' || origin.startsWith('file:') ? window.location.href.split('?')[0]?.split('#')[0] : `${origin}${pathname}`;
  return `${base}?${keepViewParams(formatUrlState(currentUrlState()), window.location.search)}${hash}`;
}

function write() {
  try {
    // View parameters (embed, theme, lesson…) belong to the page, not the simulation: keep them.
    const search = `?${keepViewParams(formatUrlState(currentUrlState()), window.location.search)}`;
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
      if (!s.playing) write();
    }
    if (s.config !== prev.config || s.seed !== prev.seed || s.speed !== prev.speed || s.scenario !== prev.scenario || s.runId !== prev.runId) soon();
    // A step or seek while paused moves time without a config change.
    else if (!s.playing && s.live.simTimeNs !== prev.live.simTimeNs) soon();
  });
  const onLang = () => soon();
  i18next.on('languageChanged', onLang);
  if (useSim.getState().playing) interval = setInterval(write, PLAYING_INTERVAL_MS);
  write();

  return () => {
    unsub();
    i18next.off('languageChanged', onLang);
    if (timer) clearTimeout(timer);
    if (interval) clearInterval(interval);
  };
}
