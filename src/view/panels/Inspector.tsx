import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { COSTS, type CostRow } from '../../engine/costs';
import { costRowText, localizeDetail, localizeDropReason, localizeEventDetail, localizeNote } from '../text/engineText';
import type { ComponentInfo, CpuCharge, EncapLayer, Metrics, PacketInfo, PathKind, TraceEvent, VmId, VmState } from '../../engine/types';
import { PATH_GLYPH_CHAR } from '../diagram/PathGlyph';
import { host } from '../../store/engineHost';
import { metrics as engineMetrics, packetHistory, packetInfo } from '../../store/engineQueries';
import { selectors, useSim, type BecauseNote } from '../../store/simStore';
import { formatDuration, formatSimTime } from '../../store/speed';
import { ComponentGlossaryLink } from '../glossary/GlossaryButton';

/** Right panel: what the selected component, packet or event is, with live numbers and costs. */
export function Inspector() {
  const { t } = useTranslation();
  const sel = useSim(selectors.selection);
  // Re-render with the engine's throttled publish (~10 Hz) so numbers stay live.
  useSim(selectors.logVersion);
  let body: ReactNode;
  if (!sel) body = <EmptyInspector />;
  else if (sel.kind === 'component') body = <ComponentInspector id={sel.id} />;
  else if (sel.kind === 'packet') body = <PacketInspector id={sel.id} />;
  else body = <EventInspector seq={sel.seq} packet={sel.packet ?? null} />;
  return (
    <div className="flex flex-col gap-3 p-4">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-lg font-bold">{t('inspector.title')}</h2>
        {sel && (
          <button type="button" className="rounded-md border border-line bg-raised px-2 py-1 text-sm font-semibold" onClick={() => useSim.getState().select(null)}>
            {t('inspector.clear')}
          </button>
        )}
      </div>
      {body}
    </div>
  );
}

function EmptyInspector() {
  const { t } = useTranslation();
  const notes = useSim(selectors.notes);
  return (
    <div className="flex flex-col gap-3">
      <p className="text-muted">{t('inspector.empty')}</p>
      <QuickPicks />
      {notes.length > 0 && <NoteList notes={notes} title={t('inspector.recentBecause')} />}
    </div>
  );
}

/** A few well-known components to inspect without the diagram (keyboard users, small screens). */
function QuickPicks() {
  const { t } = useTranslation();
  const topo = useSim((s) => s.topology);
  const picks = ['nic', 'nic.queue.default', 'nic.queue.1', 'iommu', 'hv', 'root.vswitch', 'root.netvsp.vm1', 'vm1.netvsc', 'vm1.vmbus.out', 'vm1.vmbus.in', 'lp.0'].filter((id) =>
    topo.componentIndex.has(id),
  );
  return (
    <div>
      <h3 className="mb-1 text-sm font-bold uppercase tracking-wide text-muted">{t('inspector.quickPicks')}</h3>
      <div className="flex flex-wrap gap-1.5">
        {picks.map((id) => (
          <button
            key={id}
            type="button"
            className="rounded border border-line bg-raised px-2 py-0.5 font-mono text-sm hover:bg-panel"
            onClick={() => useSim.getState().select({ kind: 'component', id })}
          >
            {id}
          </button>
        ))}
      </div>
    </div>
  );
}

function NoteList({ notes, title }: { notes: BecauseNote[]; title: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <h3 className="mb-1 text-sm font-bold uppercase tracking-wide text-muted">{title}</h3>
      <ul className="flex flex-col gap-1">
        {notes.map((n) => (
          <li key={n.id} className="rounded border-l-4 border-accent bg-raised px-2 py-1 text-sm">
            <span className="font-semibold">{t('because.prefix')}</span> {t(n.key, n.params)}{' '}
            <span className="font-mono text-muted">@ {n.componentId}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------

function Dl({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-muted">{k}</dt>
          <dd className="font-mono break-all">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function H({ children }: { children: ReactNode }) {
  return <h3 className="mt-2 text-sm font-bold uppercase tracking-wide text-muted">{children}</h3>;
}

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const bytes = (n: number) => (n >= 1024 ? `${(n / 1024).toFixed(n >= 10_240 ? 0 : 1)} KiB` : `${n} B`);

function lookupComponent(id: string): ComponentInfo | null {
  const topo = useSim.getState().topology;
  const i = topo.componentIndex.get(id);
  return i === undefined ? null : (topo.components[i] ?? null);
}

function ComponentInspector({ id }: { id: string }) {
  const { t } = useTranslation();
  const info = useSim((s) => {
    const i = s.topology.componentIndex.get(id);
    return i === undefined ? null : (s.topology.components[i] ?? null);
  });
  const notes = useSim(selectors.notes).filter((n) => n.componentId === id);
  if (!info) return <p className="text-muted">{t('inspector.gone', { id })}</p>;
  const body = t(`components.${info.kind}.body`, { defaultValue: '' });
  return (
    <article className="flex flex-col gap-2" aria-label={id}>
      <header>
        <h3 className="text-xl font-bold leading-tight">{t(`components.${info.kind}.title`, { defaultValue: info.kind })}</h3>
        <p className="font-mono text-sm text-muted">
          {id}
          {info.mode ? ` · ${t(`inspector.mode.${info.mode}`)}` : ''} · {t(`inspector.place`, { place: placeName(t, info.place) })}
        </p>
      </header>
      {body && <p className="leading-relaxed">{body}</p>}
      <ComponentGlossaryLink kind={info.kind} />
      {notes.length > 0 && <NoteList notes={notes} title={t('inspector.because')} />}
      <H>{t('inspector.live')}</H>
      <LiveNumbers info={info} />
      <ComponentCosts id={id} />
    </article>
  );
}

function placeName(t: TFunction, place: string): string {
  return place.startsWith('vm') ? t('inspector.places.vm', { vm: place }) : t(`inspector.places.${place}`, { defaultValue: place });
}

function vmOf(id: VmId | null): VmState | null {
  if (!id) return null;
  return useSim.getState().live.vms.find((v) => v.id === id) ?? null;
}

function ringRows(t: TFunction, r: VmState['out']): [string, ReactNode][] {
  return [
    [t('inspector.ring.used'), `${bytes(r.usedBytes)} / ${bytes(r.sizeBytes)} (${pct(r.sizeBytes ? r.usedBytes / r.sizeBytes : 0)})`],
    [t('inspector.ring.packets'), r.packets],
    [t('inspector.ring.mask'), r.interruptMask ? t('inspector.ring.masked') : t('inspector.ring.unmasked')],
    [t('inspector.ring.pending'), r.pendingSendSz ? bytes(r.pendingSendSz) : '0'],
    [t('inspector.ring.indices'), `${r.writeIndex} / ${r.readIndex}`],
  ];
}

function metricsNow(): Metrics | null {
  return engineMetrics();
}

function LiveNumbers({ info }: { info: ComponentInfo }) {
  const { t } = useTranslation();
  const live = useSim.getState().live;
  const vm = vmOf(info.vm);
  const rows: [string, ReactNode][] = [];
  // One metrics() call per render (the engine computes percentiles for it).
  const m0 = vm || info.kind === 'lp' || info.kind === 'hypervisor' ? metricsNow() : null;
  switch (info.kind) {
    case 'ring-out':
    case 'ring-in':
      if (vm) rows.push(...ringRows(t, info.kind === 'ring-out' ? vm.out : vm.in));
      break;
    case 'nic-queue': {
      const q = info.n ?? 0;
      if (q === 0) {
        const users = live.vms.filter((v) => v.vmqQueue === null && v.activePath !== 'sriov');
        rows.push([t('inspector.queue.vms'), users.map((v) => v.id).join(', ') || '—']);
        rows.push([t('inspector.queue.lp'), users[0] ? `LP ${users[0].rxLp}` : '—']);
      } else {
        const a = live.vmqAssignments.find((x) => x.queue === q);
        rows.push([t('inspector.queue.vms'), a ? a.vm : t('inspector.queue.free')]);
        rows.push([t('inspector.queue.lp'), a ? `LP ${a.lp}` : '—']);
        if (a) rows.push([t('inspector.queue.filter'), live.vms.find((v) => v.id === a.vm)?.mac ?? '—']);
      }
      break;
    }
    case 'nic-vf': {
      const a = live.vfAssignments.find((x) => x.vf === info.n);
      rows.push([t('inspector.vf.vm'), a ? a.vm : t('inspector.queue.free')]);
      break;
    }
    case 'iommu': {
      const mapped = live.vms.filter((v) => v.iommuMappings.length > 0);
      rows.push([t('inspector.iommu.vms'), mapped.length]);
      for (const v of mapped.slice(0, 8)) {
        for (const m of v.iommuMappings.slice(0, 2)) rows.push([`${v.id} · RID ${m.rid}`, `GPA ${m.gpaStart}–${m.gpaEnd} → SPA ${m.spaStart}`]);
      }
      break;
    }
    case 'lp': {
      const lp = m0?.perLp.find((x) => x.lp === info.n);
      if (lp) {
        rows.push([t('inspector.lp.load'), pct(lp.utilisation)]);
        rows.push([t('inspector.lp.cycles'), lp.cycles.toLocaleString()]);
        for (const [p, c] of Object.entries(lp.byPartition)) if (c) rows.push([t('inspector.lp.by', { partition: p }), (c as number).toLocaleString()]);
      }
      const rx = live.vms.filter((v) => v.rxLp === info.n).map((v) => v.id);
      rows.push([t('inspector.lp.rxFor'), rx.join(', ') || '—']);
      break;
    }
    case 'nic':
    case 'wire':
      rows.push([t('inspector.nic.link'), live.linkUp ? t('inspector.nic.up') : t('inspector.nic.down')]);
      rows.push([t('inspector.nic.speed'), `${useSim.getState().config.nic.linkGbps} Gbps`]);
      rows.push([t('inspector.nic.queues'), useSim.getState().config.nic.vmqQueues]);
      rows.push([t('inspector.nic.vfs'), useSim.getState().config.nic.vfCount]);
      break;
    default:
      break;
  }
  if (vm) {
    rows.push([t('inspector.vm.adapter'), t(`adapter.long.${vm.adapter}`)]);
    rows.push([t('inspector.vm.path'), t(`path.${vm.activePath}`)]);
    if (['netvsc', 'netvsp', 'vmbus-guest', 'ring-in', 'ring-out'].includes(info.kind)) {
      rows.push([t('inspector.vm.channel'), `${vm.channel} · NVSP ${vm.nvsp}`]);
    }
    rows.push([t('inspector.vm.mac'), `${vm.mac} · ${vm.ip}`]);
    rows.push([t('inspector.vm.rx'), vm.vmqQueue !== null ? t('inspector.vm.rxQueue', { queue: vm.vmqQueue, lp: vm.rxLp }) : t('inspector.vm.rxDefault', { lp: vm.rxLp })]);
    if (vm.vf !== null) rows.push([t('inspector.vm.vf'), `VF ${vm.vf}`]);
    const m = m0?.perVm[vm.id];
    if (m) {
      rows.push([t('inspector.vm.packets'), m.packets.toLocaleString()]);
      rows.push([t('inspector.vm.copies'), m.copies.toLocaleString()]);
      rows.push([t('inspector.vm.exits'), m.vmExits.toLocaleString()]);
      rows.push([t('inspector.vm.interrupts'), m.interrupts.toLocaleString()]);
      rows.push([t('inspector.vm.drops'), m.drops.toLocaleString()]);
      if (m.latencyNs.count) rows.push([t('inspector.vm.latency'), `${formatDuration(m.latencyNs.p50)} / ${formatDuration(m.latencyNs.p99)}`]);
    }
  }
  if (info.kind === 'hypervisor') {
    const m = m0;
    if (m) {
      const sum = (k: 'vmExits' | 'hypercalls' | 'interrupts') => Object.values(m.perPath).reduce((a, p) => a + p[k], 0);
      rows.push([t('inspector.vm.exits'), sum('vmExits').toLocaleString()]);
      rows.push([t('inspector.hv.hypercalls'), sum('hypercalls').toLocaleString()]);
      rows.push([t('inspector.vm.interrupts'), sum('interrupts').toLocaleString()]);
    }
  }
  rows.push([t('inspector.events'), countEvents(info.id).toLocaleString()]);
  return <Dl rows={rows} />;
}

/** Events in the held log that touch a component (bounded scan from the newest). */
function countEvents(id: string, max = 20_000): number {
  const log = host.log;
  let n = 0;
  for (let i = log.length - 1, k = 0; i >= 0 && k < max; i--, k++) {
    const e = log.at(i);
    if (e && (e.from === id || e.to === id)) n++;
  }
  return n;
}

function costRow(id: string | null): CostRow | null {
  if (!id) return null;
  return (COSTS as Readonly<Record<string, CostRow>>)[id] ?? null;
}

/** The cost-table rows behind recent events at this component, each with its source. */
function ComponentCosts({ id }: { id: string }) {
  const { t } = useTranslation();
  const logVersion = useSim(selectors.logVersion);
  const rows = useMemo(() => {
    void logVersion;
    const seen = new Map<string, CostRow>();
    const log = host.log;
    for (let i = log.length - 1, k = 0; i >= 0 && k < 20_000 && seen.size < 12; i--, k++) {
      const e = log.at(i);
      if (!e || (e.from !== id && e.to !== id) || !e.cost) continue;
      const r = costRow(e.cost);
      if (r && !seen.has(r.id)) seen.set(r.id, r);
    }
    return [...seen.values()];
  }, [id, logVersion]);
  if (!rows.length) return null;
  return (
    <>
      <H>{t('inspector.costs')}</H>
      <ul className="flex flex-col gap-1.5 text-sm">
        {rows.map((r) => (
          <li key={r.id} className="rounded bg-raised px-2 py-1">
            <div>
              <span className="font-mono font-semibold">{r.id}</span> {costRowText(r, t).title}
            </div>
            <div className="font-mono">
              {formatDuration(r.latencyNs)} · {t('inspector.cycles', { n: r.cycles.toLocaleString() })} · {t(`inspector.charged.${chargedKey(r.chargedTo)}`)}
            </div>
            <CostSource row={r} />
          </li>
        ))}
      </ul>
    </>
  );
}

function chargedKey(c: CostRow['chargedTo']): string {
  return c === 'G' ? 'guest' : c === 'R' ? 'root' : c === 'HV' ? 'hv' : c === 'R+HV' ? 'rootHv' : 'none';
}

function CostSource({ row }: { row: CostRow }) {
  const { t } = useTranslation();
  const x = costRowText(row, t);
  return (
    <div className="text-muted">
      <span className="font-semibold">{t('inspector.source')}</span> {x.source}
      {x.modelEstimate && <span className="ml-1 rounded border border-warn px-1 text-warn">{t('app.modelEstimate')}</span>}
      {x.unverified && <span className="ml-1 rounded border border-line px-1">{t('inspector.unverified')}</span>}
      {x.note && <div className="italic">{x.note}</div>}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Packets and events
// ---------------------------------------------------------------------------------------------

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

function componentTitle(t: TFunction, id: string): string {
  const c = lookupComponent(id);
  return c ? `${t(`components.${c.kind}.title`, { defaultValue: c.kind })} (${id})` : id;
}

function cpuText(t: TFunction, c: CpuCharge | null): string {
  if (!c) return t('inspector.noCpu');
  const who = c.partition === 'root' ? t('inspector.partition.root') : c.partition === 'hv' ? t('inspector.partition.hv') : c.partition;
  return `${who} · LP ${c.lp}${c.vp !== null ? ` · VP ${c.vp}` : ''} · ${t('inspector.cycles', { n: c.cycles.toLocaleString() })}`;
}

export function PacketInspector({ id }: { id: number }) {
  const { t } = useTranslation();
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
                ? t('inspector.status.delivered', { to: end?.to ?? '', at: formatSimTime(end?.t ?? 0) })
                : info?.hop
                  ? t('inspector.status.crossing', { from: info.hop.from, to: info.hop.to })
                  : t('inspector.status.waiting', { at: info?.at ?? '' })}
          </span>
        </p>
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
                  title={componentTitle(t, c)}
                  onClick={() => useSim.getState().select({ kind: 'component', id: c })}
                >
                  {c}
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
                <span className="font-mono font-semibold">
                  {e.from}
                  {e.to !== e.from ? ` → ${e.to}` : ''}
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

export function PathBadge({ path }: { path: string }) {
  const { t } = useTranslation();
  // Colour plus a distinct glyph per path, the diagram's own shapes (PathGlyph): never colour alone.
  const glyph = PATH_GLYPH_CHAR[path as PathKind] ?? PATH_GLYPH_CHAR.control;
  const cls =
    path === 'synthetic' ? 'text-path-synthetic' : path === 'emulated' ? 'text-path-emulated' : path === 'sriov' ? 'text-path-sriov' : 'text-path-control';
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap">
      <span aria-hidden="true" className={cls}>
        {glyph}
      </span>
      {t(`path.${path}`, { defaultValue: path })}
    </span>
  );
}

function EventInspector({ seq, packet }: { seq: number; packet: number | null }) {
  const { t } = useTranslation();
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
              [t('log.col.fromTo'), e.from === e.to ? e.from : `${e.from} → ${e.to}`],
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
                  className="rounded border border-line bg-raised px-2 py-0.5 font-mono text-sm"
                  onClick={() => useSim.getState().select({ kind: 'component', id: c })}
                >
                  {t('inspector.inspect', { id: c })}
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
