/** The inspector for one packet: its frame, encapsulation now, the hops it took and the path ahead. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EncapLayer, PacketInfo, TraceEvent } from '../../../engine/types';
import { host } from '../../../store/engineHost';
import { packetHistory, packetInfo } from '../../../store/engineQueries';
import { useSim } from '../../../store/simStore';
import { formatDuration, formatSimTime } from '../../../store/speed';
import { costRowText, localizeDetail, localizeDropReason, localizeEventDetail } from '../../text/engineText';
import { costRow, cpuText, Dl, H, hopName, PathBadge, useComponentName } from './parts';
import { FocusPathButton } from '../../diagram/FocusBar';

function historyOf(id: number): TraceEvent[] {
  const h = packetHistory(id);
  if (h.length) return h;
  // Finished and no longer tracked by the engine: what the log still holds.
  const out: TraceEvent[] = [];
  const log = host.log;
  for (let i = log.length - 1, k = 0; i >= 0 && k < 50_000; i--, k++) {
    const e = log.at(i);
    if (e && e.packet === id) out.push(e);
  }
  return out.reverse();
}

export function PacketInspector({ id }: { id: number }) {
  const { t } = useTranslation();
  const name = useComponentName();
  const info: PacketInfo | null = packetInfo(id);
  const hist = historyOf(id);
  const end = hist.find((e) => e.kind === 'deliver' || e.kind === 'drop');
  if (!info && !hist.length) return <p className="text-muted">{t('inspector.packetGone', { id })}</p>;
  const status = end?.kind === 'drop' ? 'dropped' : end?.kind === 'deliver' ? 'delivered' : 'inFlight';
  const path = info?.path ?? hist[0]?.path ?? 'control';
  return (
    <article className="flex flex-col gap-2" aria-label={t('inspector.packetTitle', { id })}>
      <header>
        <h3 className="text-xl font-bold">{t('inspector.packetTitle', { id })}</h3>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <PathBadge path={path} />
          <span
            role="status"
            className={`rounded px-1.5 font-semibold ${status === 'dropped' ? 'text-danger' : status === 'delivered' ? 'text-ok' : 'text-ink'}`}
          >
            {status === 'dropped'
              ? t('inspector.status.dropped', { reason: localizeDropReason(end?.detail ?? '', t) })
              : status === 'delivered'
                ? t('inspector.status.delivered', { to: end ? name(end.to) : '', at: formatSimTime(end?.t ?? 0) })
                : info?.hop
                  ? t('inspector.status.crossing', { hop: hopName(name, info.hop.from, info.hop.to) })
                  : t('inspector.status.waiting', { at: info?.at ? name(info.at) : '' })}
          </span>
        </p>
        <div className="mt-1">
          <FocusPathButton packet={id} />
        </div>
      </header>
      {info?.frame ? (
        <>
          <H>{t('inspector.frame')}</H>
          <Dl
            rows={[
              [t('inspector.f.src'), `${info.frame.srcMac} · ${info.frame.srcIp}${info.frame.srcPort !== null ? `:${info.frame.srcPort}` : ''}`],
              [t('inspector.f.dst'), `${info.frame.dstMac} · ${info.frame.dstIp}${info.frame.dstPort !== null ? `:${info.frame.dstPort}` : ''}`],
              [t('inspector.f.protocol'), `${info.frame.protocol.toUpperCase()}${info.frame.isReply ? ` (${t('inspector.f.reply')})` : ''} · seq ${info.frame.l4Seq}`],
              ...(info.frame.tcp
                ? [
                    [
                      t('inspector.f.tcp'),
                      t('inspector.f.tcpValue', {
                        flags: info.frame.tcp.flagNames,
                        seq: info.frame.tcp.relSeq,
                        ack: info.frame.tcp.relAck,
                        rawSeq: info.frame.tcp.seq,
                        rawAck: info.frame.tcp.ack,
                        win: info.frame.tcp.windowBytes,
                        len: info.frame.tcp.payloadBytes,
                      }),
                    ] as [string, string],
                  ]
                : []),
              [t('inspector.f.vlan'), info.frame.vlan ?? t('inspector.f.untagged')],
              [t('inspector.f.size'), t('inspector.f.sizeValue', { ip: info.frame.ipBytes, frame: info.frame.frameBytes })],
              ...(info.offload
                ? [[t('inspector.f.offload'), info.offload.kind === 'lso' ? t('inspector.f.offloadLso', { n: info.offload.frames, mss: info.offload.mss }) : t('inspector.f.offloadRsc', { n: info.offload.frames })] as [string, string]]
                : []),
            ]}
          />
        </>
      ) : info?.message ? (
        <Dl rows={[[t('inspector.message'), localizeDetail(info.message, t)]]} />
      ) : null}
      {info && info.encapsulation.length > 0 && (
        <>
          <H>{t('inspector.encapsulation')}</H>
          <Encapsulation layers={info.encapsulation} />
        </>
      )}
      <H>{t('inspector.hops', { count: hist.length })}</H>
      <HopTable events={hist} />
      {info && info.plannedRoute.length > 0 && status === 'inFlight' && (
        <>
          <H>{t('inspector.next')}</H>
          <ol className="flex flex-wrap items-center gap-1 font-mono text-sm" aria-label={t('inspector.next')}>
            {info.plannedRoute.map((c, i) => (
              <li key={`${c}-${i}`} className="flex items-center gap-1">
                {i > 0 && <span aria-hidden="true">→</span>}
                <button
                  type="button"
                  className="rounded border border-line bg-raised px-1.5 hover:bg-panel"
                  onClick={() => useSim.getState().select({ kind: 'component', id: c })}
                >
                  {name(c)}
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </article>
  );
}

/** Layers as nested boxes, outermost first, so "RNDIS inside NVSP inside VMBus" reads visually. */
function Encapsulation({ layers }: { layers: EncapLayer[] }) {
  const render = (i: number): ReactNode => {
    const l = layers[i];
    if (!l) return null;
    return (
      <li className="rounded border border-line bg-panel px-2 py-1">
        <div className="font-semibold">{l.name}</div>
        {Object.keys(l.fields).length > 0 && (
          <div className="font-mono text-xs text-muted">
            {Object.entries(l.fields)
              .map(([k, v]) => `${k}=${String(v)}`)
              .join(' · ')}
          </div>
        )}
        {i + 1 < layers.length && <ol className="mt-1 ml-2 border-l-2 border-line pl-2">{render(i + 1)}</ol>}
      </li>
    );
  };
  return <ol className="text-sm">{render(0)}</ol>;
}

function HopTable({ events }: { events: TraceEvent[] }) {
  const { t } = useTranslation();
  const name = useComponentName();
  const shown = events.slice(-60);
  return (
    <div className="max-h-96 overflow-y-auto">
      {events.length > shown.length && <p className="text-sm text-muted">{t('inspector.hopsOlder', { count: events.length - shown.length })}</p>}
      <ol className="flex flex-col text-sm">
        {shown.map((e) => {
          const r = costRow(e.cost);
          return (
            <li key={e.seq} className="border-t border-line py-1">
              <div className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-mono text-muted tabular-nums">{formatSimTime(e.t)}</span>
                <span className="font-semibold" data-testid="hop-name">
                  {hopName(name, e.from, e.to)}
                </span>
                <span className="ml-auto font-mono">{formatDuration(e.dur)}</span>
              </div>
              <div className="text-muted">
                {t(`log.kind.${e.kind}`)}
                {e.detail ? ` · ${localizeEventDetail(e, t)}` : ''}
                {e.unverified ? ` · ${t('inspector.unverified')}` : ''}
              </div>
              <div className="font-mono">{cpuText(t, e.cpu)}</div>
              {r && (
                <details className="text-muted">
                  <summary className="cursor-pointer">
                    {t('inspector.costRow', { id: r.id })}
                    {/model estimate/i.test(r.source) ? ` · ${t('app.modelEstimate')}` : ''}
                  </summary>
                  {costRowText(r, t).source}
                </details>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
