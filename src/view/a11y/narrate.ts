import type { TFunction } from 'i18next';
import type { Topology, TraceEvent } from '../../engine/types';
import { formatSimTime } from '../../store/speed';
import { componentLabel } from '../lessons/componentLabel';
import { localizeEventDetail } from '../text/engineText';

/**
 * One translated sentence for a trace event, for the live region that narrates stepping:
 * "At 12.345 µs: Packet 7 crosses from NetVSC (vm1) to Ring out (vm1) on the synthetic path."
 * Component names are the diagram's short names; `detail` goes through the engine-text layer, so
 * message names keep their Hyper-V spelling and the prose around them is translated.
 */
export function narrateEvent(t: TFunction, topology: Topology, e: TraceEvent): string {
  const what = e.packet === null ? t('a11y.message') : t('a11y.packet', { id: e.packet });
  const params = {
    what,
    from: componentLabel(t, topology, e.from),
    to: componentLabel(t, topology, e.to),
    path: t(`path.${e.path}`),
    detail: localizeEventDetail(e, t) || '—',
  };
  const key = `a11y.event.${e.kind}`;
  const body = t(key, params);
  return `${t('a11y.at', { time: formatSimTime(e.t) })} ${body === key ? `${e.kind} ${params.from} → ${params.to}` : body}`;
}
