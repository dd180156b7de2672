/** The inspector for one event-log row, with the packet it carries. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CostRow } from '../../../engine/costs';
import type { TraceEvent } from '../../../engine/types';
import { host } from '../../../store/engineHost';
import { useSim } from '../../../store/simStore';
import { formatDuration, formatSimTime } from '../../../store/speed';
import { costRowText, localizeEventDetail, localizeNote } from '../../text/engineText';
import { costRow, CostSource, cpuText, Dl, hopName, PathBadge, useComponentName } from './parts';
import { PacketInspector } from './PacketInspector';

export function EventInspector({ seq, packet }: { seq: number; packet: number | null }) {
  const { t } = useTranslation();
  const name = useComponentName();
  const e = findEvent(seq);
  return (
    <div className="flex flex-col gap-3">
      {e ? (
        <article aria-label={t('inspector.eventTitle', { seq })}>
          <h3 className="text-xl font-bold">{t('inspector.eventTitle', { seq })}</h3>
          <Dl
            rows={[
              [t('log.col.t'), formatSimTime(e.t)],
              [t('log.col.kind'), t(`log.kind.${e.kind}`)],
              [t('log.col.fromTo'), hopName(name, e.from, e.to)],
              [t('log.col.path'), <PathBadge key="p" path={e.path} />],
              [t('log.col.detail'), localizeEventDetail(e, t) || '—'],
              ...(e.note ? [[t('inspector.note'), localizeNote(e.note, t)] as [string, ReactNode]] : []),
              ...(e.unverified ? [[t('inspector.unverified'), t('inspector.unverifiedStep')] as [string, ReactNode]] : []),
              [t('inspector.duration'), formatDuration(e.dur)],
              [t('log.col.cpu'), cpuText(t, e.cpu)],
            ]}
          />
          {costRow(e.cost) && (
            <div className="mt-2 text-sm">
              <span className="font-mono font-semibold">{e.cost}</span> {costRowText(costRow(e.cost) as CostRow, t).title}
              <CostSource row={costRow(e.cost) as CostRow} />
            </div>
          )}
          <div className="mt-2 flex flex-wrap gap-2">
            {[e.from, e.to]
              .filter((c, i, a) => a.indexOf(c) === i)
              .map((c) => (
                <button
                  key={c}
                  type="button"
                  className="rounded border border-line bg-raised px-2 py-0.5 text-sm"
                  onClick={() => useSim.getState().select({ kind: 'component', id: c })}
                >
                  {t('inspector.inspect', { id: name(c) })}
                </button>
              ))}
          </div>
        </article>
      ) : (
        <p className="text-muted">{t('inspector.eventGone', { seq })}</p>
      )}
      {packet !== null && <PacketInspector id={packet} />}
    </div>
  );
}

function findEvent(seq: number): TraceEvent | null {
  const log = host.log;
  let lo = 0;
  let hi = log.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = log.at(mid) as TraceEvent;
    if (e.seq === seq) return e;
    if (e.seq < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}
