/** The inspector for one component: what it is, why its route changed, live numbers and costs. */
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CostRow } from '../../../engine/costs';
import type { ComponentInfo, Metrics, VmId, VmState } from '../../../engine/types';
import { host } from '../../../store/engineHost';
import { metrics as engineMetrics } from '../../../store/engineQueries';
import { selectors, useSim } from '../../../store/simStore';
import { formatDuration } from '../../../store/speed';
import { costRowText } from '../../text/engineText';
import { ComponentGlossaryLink } from '../../glossary/GlossaryButton';
import { FocusPathButton } from '../../diagram/FocusBar';
import { PortPolicySection } from '../PortPolicy';
import { bytes, chargedKey, costRow, CostSource, Dl, H, NoteList, partitionName, pct, useComponentName } from './parts';

export function ComponentInspector({ id }: { id: string }) {
  const { t } = useTranslation();
  const info = useSim((s) => {
    const i = s.topology.componentIndex.get(id);
    return i === undefined ? null : (s.topology.components[i] ?? null);
  });
  const notes = useSim(selectors.notes).filter((n) => n.componentId === id);
  const name = useComponentName();
  if (!info) return <p className="text-muted">{t('inspector.gone', { id })}</p>;
  const body = t(`components.${info.kind}.body`, { defaultValue: '' });
  return (
    <article className="flex flex-col gap-2" aria-label={name(id)}>
      <header>
        <h3 className="text-xl font-bold leading-tight">{t(`components.${info.kind}.title`, { defaultValue: info.kind })}</h3>
        <p className="text-sm text-muted" data-testid="inspector-component-name">
          {name(id)}
          {info.mode ? ` · ${t(`inspector.mode.${info.mode}`)}` : ''} · {t(`inspector.place`, { place: placeName(t, info.place) })}
        </p>
      </header>
      {body && <p className="leading-relaxed">{body}</p>}
      <ComponentGlossaryLink kind={info.kind} />
      {info.vm ? (
        <div>
          <FocusPathButton vm={info.vm} />
        </div>
      ) : null}
      {notes.length > 0 && <NoteList notes={notes} title={t('inspector.because')} />}
      {info.vm ? <PortPolicySection vm={info.vm} /> : null}
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

/** Issue 11: a vNIC's channels under vRSS/VMMQ (engine model/vrss.ts). */
function rssRows(t: TFunction, vm: VmState): [string, ReactNode][] {
  const r = vm.rss;
  if (!r) return [];
  const chans = r.targetVps.map((vp, c) => t('inspector.rss.channelVp', { c, vp, lp: r.vpLps[c] })).join(', ');
  const host =
    r.mode === 'vmmq'
      ? t('inspector.rss.hostVmmq', { queues: [...new Set(r.queues)].join(', '), lps: [...new Set(r.hostLps)].join(', ') })
      : r.mode === 'vrss'
        ? t('inspector.rss.hostVrss', { lps: [...new Set(r.hostLps)].join(', ') })
        : t('inspector.rss.hostNone');
  return [
    [t('inspector.rss.channels'), t('inspector.rss.channelsValue', { count: r.channels, sub: r.channels - 1 })],
    [t('inspector.rss.targets'), chans],
    [t('inspector.rss.host'), host],
    [t('inspector.rss.source'), t('inspector.rss.sourceValue')],
  ];
}

/** Issue 11: a NIC queue that is one of a vNIC's VMMQ queues. */
function vmmqQueueRows(t: TFunction, vm: VmState | null, q: number): [string, ReactNode][] {
  const r = vm?.rss;
  if (!vm || !r || r.mode !== 'vmmq' || !r.queues.includes(q)) return [];
  const all = [...new Set(r.queues)];
  return [
    [t('inspector.rss.vmmqQueue'), t('inspector.rss.vmmqQueueValue', { k: all.indexOf(q) + 1, count: all.length, vm: vm.id, ch: r.queues.indexOf(q) })],
    [t('inspector.rss.source'), t('inspector.rss.sourceValue')],
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
        if (a) rows.push(...vmmqQueueRows(t, live.vms.find((v) => v.id === a.vm) ?? null, q));
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
        for (const [p, c] of Object.entries(lp.byPartition)) if (c) rows.push([t('inspector.lp.by', { partition: partitionName(t, p) }), (c as number).toLocaleString()]);
      }
      const rx = live.vms.filter((v) => v.rxLp === info.n || (v.rss?.hostLps.includes(info.n ?? -1) ?? false)).map((v) => v.id);
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
      rows.push([t('inspector.vm.channel'), `${t(`inspector.channelState.${vm.channel}`)} · NVSP ${t(`inspector.nvspState.${vm.nvsp}`)}`]);
      // Issue 11 (D4, D5): NetVSC's send buffer sections and its send queue.
      if ((info.kind === 'netvsc' || info.kind === 'ring-out') && vm.sendBuffer && vm.activePath === 'synthetic') {
        rows.push([t('inspector.vm.sendBuffer'), t('inspector.vm.sendBufferValue', { free: vm.sendBuffer.free, sections: vm.sendBuffer.sections, bytes: vm.sendBuffer.sectionBytes.toLocaleString() })]);
        rows.push([t('inspector.vm.txQueue'), vm.txQueueStopped ? t('inspector.vm.txStopped') : t('inspector.vm.txRunning')]);
      }
    }
    if (['netvsc', 'netvsp', 'vmbus-guest', 'ring-in'].includes(info.kind)) rows.push(...rssRows(t, vm));
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
      // Issue 11 (D8): the vCPU's stall in register intercepts, which the CPU figures do not bill.
      if (info.kind === 'legacy-nic' && m.vpStallNs && m0) rows.push([t('inspector.vm.vpStall'), t('inspector.vm.vpStallValue', { dur: formatDuration(m.vpStallNs), share: pct(m.vpStallNs / Math.max(1, m0.simTimeNs)) })]);
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
