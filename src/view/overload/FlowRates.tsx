import { useTranslation } from 'react-i18next';
import type { OverloadReport } from '../../analysis/overload';
import { fmtNs, fmtNumber } from '../metrics/units';
import { flowEnds, rateText } from './text';

/** A rate cell; before a measurement exists it says so in words (a dash would leave a learner guessing). */
function Rate({ r, className = '', pending }: { r: [string, string] | null; className?: string; pending?: string }) {
  return (
    <td className={`whitespace-nowrap ${className}`}>
      {r ? (
        <>
          {r[0]}
          <br />
          {r[1]}
        </>
      ) : (
        <span className="font-sans text-muted" data-measuring="1">
          {pending ?? '—'}
        </span>
      )}
    </td>
  );
}

/**
 * Each flow's offered rate (its configuration) beside what was delivered over the last window of
 * simulated time, in packets and in Ethernet-frame bits per simulated second (request direction).
 * Flows delivering under 90 % of their offer come first.
 */
export function FlowRates({ report, limit = 64 }: { report: OverloadReport; limit?: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const short = (f: OverloadReport['flows'][number]) => (f.deliveredPps === null ? 0 : f.deliveredPps < 0.9 * f.offeredPps ? 1 : 0);
  const rows = [...report.flows].sort((a, b) => short(b) - short(a)).slice(0, limit);
  return (
    <div className="overflow-x-auto">
      <table className="mt-1 w-full border-collapse text-xs [&_td]:px-1 [&_th]:px-1" data-testid="flow-rates">
        <caption className="sr-only">{t('overload.table.caption')}</caption>
        <thead>
          <tr className="text-left text-muted">
            <th scope="col">{t('overload.table.flow')}</th>
            <th scope="col">{t('overload.table.offered')}</th>
            <th scope="col">{t('overload.table.delivered')}</th>
            <th scope="col">{t('overload.table.dropped')}</th>
          </tr>
        </thead>
        <tbody className="font-mono">
          {rows.map((f) => {
            const { from, to } = flowEnds(f, t);
            return (
              <tr key={f.id} className="border-t border-line align-top" data-flow={f.id} data-short={short(f) ? '1' : undefined}>
                <th scope="row" className="text-left align-top font-sans font-normal">
                  {t('overload.table.flowLine', { from, to, protocol: f.protocol.toUpperCase(), bytes: f.packetBytes })}
                </th>
                <Rate r={rateText(f.offeredPps, f.offeredBps, lang)} />
                <Rate r={rateText(f.deliveredPps, f.deliveredBps, lang)} className={short(f) ? 'font-bold text-danger' : ''} pending={t('overload.table.measuring')} />
                <td>{f.droppedPps === null ? <span className="font-sans text-muted">{t('overload.table.measuring')}</span> : `${fmtNumber(f.droppedPps, lang, 0)} pps`}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {report.flows.length > rows.length && <p className="m-0 text-xs text-muted">+{report.flows.length - rows.length}</p>}
      <p className="m-0 mt-1 text-xs text-muted" data-testid="flow-rates-note">
        {report.windowNs > 0 ? t('overload.table.note', { window: fmtNs(report.windowNs, lang) }) : t('overload.table.noteWaiting')}
      </p>
    </div>
  );
}
