import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TraceEvent } from '../../engine/types';
import { host } from '../../store/engineHost';
import { useSim } from '../../store/simStore';
import { narrateEvent } from './narrate';

/**
 * A polite live region that narrates the event being shown while the simulation is stepped
 * (paused, one event at a time): screen-reader users hear what sighted users see move. While
 * playing it stays silent (hundreds of events a second are not speech). The sentence is rebuilt
 * in the new language when the language changes.
 */
export function LiveNarration() {
  const { t } = useTranslation();
  // Mounted just after the first paint (its chunk is lazy): a step taken before then is shown.
  const [ev, setEv] = useState<TraceEvent | null>(() => (useSim.getState().playing ? null : (host.log.at(host.log.length - 1) ?? null)));
  const topology = useSim((s) => s.topology);

  useEffect(
    () =>
      useSim.subscribe((s, prev) => {
        if (s.playing || s.logVersion === prev.logVersion) return;
        const e = host.log.at(host.log.length - 1) ?? null;
        setEv((cur) => (cur?.seq === e?.seq ? cur : e));
      }),
    [],
  );

  return (
    <div role="status" aria-live="polite" aria-label={t('a11y.narration')} className="sr-only" data-testid="event-narration">
      {ev ? narrateEvent(t, topology, ev) : ''}
    </div>
  );
}
