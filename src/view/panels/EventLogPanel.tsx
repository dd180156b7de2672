import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { PATH_KINDS, type EventKind, type PathKind, type TraceEvent } from '../../engine/types';
import { host } from '../../store/engineHost';
import { selectors, useSim, type Selection } from '../../store/simStore';
import { useUi } from '../../store/uiStore';
import { FilteredLog, type EffectiveFilter } from './logFilter';
import { hopName, PathBadge, useComponentName } from './inspector/parts';
import { localizeEventDetail, localizeNote } from '../text/engineText';
import { NoteLogList } from './NoteLogList';

const KINDS: EventKind[] = ['hop', 'send', 'deliver', 'drop', 'vmexit', 'hypercall', 'interrupt', 'copy', 'dma', 'ring', 'config', 'fault'];
const ROW_H = 30;
const COLS = 'grid grid-cols-[5.5rem_6.5rem_minmax(10rem,2fr)_6.5rem_minmax(6rem,1.5fr)_minmax(6rem,1fr)] gap-x-3';

function effectiveFilter(f: ReturnType<typeof useUi.getState>['logFilter'], sel: Selection): EffectiveFilter {
  return {
    vm: f.vm,
    path: f.path,
    component: f.component.trim(),
    kind: f.kind,
    componentExact: f.followSelection && sel?.kind === 'component' ? sel.id : null,
    packet: f.followSelection && sel?.kind === 'packet' ? sel.id : null,
  };
}

/**
 * The engine's event log: virtualized rows over the ring buffer in `host.log`, filterable, following
 * the newest events unless the user scrolled up, and linked with the diagram both ways.
 */
export function EventLogPanel() {
  const { t } = useTranslation();
  const logVersion = useSim(selectors.logVersion);
  const runId = useSim(selectors.runId);
  const selection = useSim(selectors.selection);
  const filter = useUi((s) => s.logFilter);
  const eff = useMemo(() => effectiveFilter(filter, selection), [filter, selection]);
  const filtered = useRef(new FilteredLog()).current;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);

  // Bring the filtered index up to date (O(new events)); `count` drives the virtualizer.
  const count = useMemo(() => {
    void logVersion;
    filtered.update(host.log, eff, runId);
    return filtered.count;
  }, [filtered, eff, logVersion, runId]);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_H,
    overscan: 12,
  });

  useEffect(() => {
    if (follow && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [follow, count, virtualizer]);

  // An event selected elsewhere (the diagram, a test): bring its row into view.
  const selectedSeq = selection?.kind === 'event' ? selection.seq : null;
  useEffect(() => {
    if (selectedSeq === null) return;
    const i = filtered.indexOfSeq(selectedSeq);
    if (i >= 0) {
      setFollow(false);
      virtualizer.scrollToIndex(i, { align: 'auto' });
    }
  }, [selectedSeq, filtered, virtualizer]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_H * 1.5;
    if (atBottom !== follow) setFollow(atBottom);
  };

  const moveSelection = (delta: number) => {
    const cur = selectedSeq !== null ? filtered.indexOfSeq(selectedSeq) : count;
    const next = Math.max(0, Math.min(count - 1, cur + delta));
    const e = filtered.at(next);
    if (e) {
      useSim.getState().selectEvent(e);
      setFollow(false);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    }
  };

  const missing = host.log.missing;
  return (
    <section aria-labelledby="log-title" className="flex h-full min-h-0 flex-col bg-panel">
      <div className="flex items-center gap-x-3 border-b border-line px-3 pt-1.5">
        <h2 id="log-title" className="text-base font-bold">
          {t('log.title')}
        </h2>
        <span className="text-sm text-muted">
          {t('log.count', { count: count, total: host.log.length })}
          {missing > 0 && <> · {t('log.rolledOff', { count: missing })}</>}
        </span>
        {!follow && (
          <button
            type="button"
            className="ml-auto rounded-md border border-line bg-raised px-2 py-0.5 text-sm font-semibold"
            onClick={() => {
              setFollow(true);
              if (count) virtualizer.scrollToIndex(count - 1, { align: 'end' });
            }}
          >
            {t('log.jumpNewest')}
          </button>
        )}
      </div>
      <NoteLogList />
      <div className="overflow-x-auto border-b border-line px-3 py-1">
        <LogFilters />
      </div>
      <div className={`${COLS} border-b border-line px-3 py-1 text-sm font-semibold text-muted`} aria-hidden="true">
        <span>{t('log.col.t')}</span>
        <span>{t('log.col.kind')}</span>
        <span>{t('log.col.fromTo')}</span>
        <span>{t('log.col.path')}</span>
        <span>{t('log.col.detail')}</span>
        <span>{t('log.col.cpu')}</span>
      </div>
      <div
        ref={scrollRef}
        onScroll={onScroll}
        role="listbox"
        tabIndex={0}
        aria-label={t('log.listLabel')}
        aria-activedescendant={selectedSeq !== null ? `log-row-${selectedSeq}` : undefined}
        data-owns-arrows
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            moveSelection(e.key === 'ArrowDown' ? 1 : -1);
          } else if (e.key === 'End') {
            e.preventDefault();
            setFollow(true);
          }
        }}
        className="relative min-h-0 flex-1 overflow-y-auto font-mono text-sm"
      >
        {count === 0 && <p className="p-3 font-sans text-muted">{t('log.empty')}</p>}
        <div style={{ height: virtualizer.getTotalSize() }} className="relative w-full">
          {virtualizer.getVirtualItems().map((vi) => {
            const e = filtered.at(vi.index);
            if (!e) return null;
            return <LogRow key={vi.key} e={e} top={vi.start} selected={e.seq === selectedSeq} />;
          })}
        </div>
      </div>
    </section>
  );
}

const POLICY_DROPS = new Set(['port-acl', 'vlan-not-allowed']);

const LogRow = memo(function LogRow({ e, top, selected }: { e: TraceEvent; top: number; selected: boolean }) {
  const { t } = useTranslation();
  const name = useComponentName();
  // A port-policy drop says why (issue 11): "denied by vm2's port ACL (inbound, udp 53)".
  const detail = localizeEventDetail(e, t) + (e.kind === 'drop' && e.note && POLICY_DROPS.has(e.detail) ? ` — ${localizeNote(e.note, t)}` : '');
  const hop = hopName(name, e.from, e.to);
  return (
    <div
      id={`log-row-${e.seq}`}
      role="option"
      aria-selected={selected}
      onClick={() => useSim.getState().selectEvent(e)}
      style={{ transform: `translateY(${top}px)`, height: ROW_H }}
      className={`${COLS} absolute left-0 top-0 w-full cursor-pointer items-center px-3 ${
        selected ? 'bg-accent font-semibold text-accent-ink ring-2 ring-inset ring-ink' : e.kind === 'drop' ? 'text-danger hover:bg-raised' : 'hover:bg-raised'
      }`}
    >
      <span className="tabular-nums">{(e.t / 1000).toFixed(3)}</span>
      {/* One line, like every cell: a long kind name (ハイパーコール) must not spill into the next row. */}
      <span className="truncate font-sans" title={t(`log.kind.${e.kind}`)}>
        {e.kind === 'drop' && <span aria-hidden="true">⚠ </span>}
        {t(`log.kind.${e.kind}`)}
      </span>
      <span className="truncate font-sans" title={hop}>
        {hop}
      </span>
      <span className="truncate font-sans">
        <PathBadge path={e.path} />
      </span>
      <span className="truncate" title={detail}>
        {e.packet !== null && <span className="text-muted">#{e.packet} </span>}
        {detail}
      </span>
      <span className="truncate">{e.cpu ? `${e.cpu.partition} LP${e.cpu.lp} ${e.cpu.cycles.toLocaleString()}c` : '—'}</span>
    </div>
  );
});

function LogFilters() {
  const { t } = useTranslation();
  const f = useUi((s) => s.logFilter);
  const vms = useSim(selectors.vms);
  const selection = useSim(selectors.selection);
  const set = useUi.getState().setLogFilter;
  const ids = { vm: useId(), path: useId(), comp: useId(), kind: useId(), follow: useId() };
  const sel = 'rounded border border-line bg-panel px-1.5 py-0.5 text-sm';
  const narrowing = f.followSelection && (selection?.kind === 'packet' || selection?.kind === 'component');
  return (
    <div className="flex items-center gap-x-3 whitespace-nowrap text-sm" role="group" aria-label={t('log.filters')}>
      <label htmlFor={ids.vm} className="flex items-center gap-1">
        {t('log.filter.vm')}
        <select id={ids.vm} className={sel} value={f.vm} onChange={(e) => set({ vm: e.target.value })}>
          <option value="">{t('log.filter.all')}</option>
          {vms.map((v) => (
            <option key={v.id} value={v.id}>
              {v.id}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={ids.path} className="flex items-center gap-1">
        {t('log.filter.path')}
        <select id={ids.path} className={sel} value={f.path} onChange={(e) => set({ path: e.target.value as PathKind | '' })}>
          <option value="">{t('log.filter.all')}</option>
          {PATH_KINDS.map((p) => (
            <option key={p} value={p}>
              {t(`path.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={ids.comp} className="flex items-center gap-1">
        {t('log.filter.component')}
        <input
          id={ids.comp}
          type="search"
          className={`${sel} w-32`}
          value={f.component}
          placeholder="root.netvsp"
          onChange={(e) => set({ component: e.target.value })}
        />
      </label>
      <label htmlFor={ids.kind} className="flex items-center gap-1">
        {t('log.filter.kind')}
        <select id={ids.kind} className={sel} value={f.kind} onChange={(e) => set({ kind: e.target.value as EventKind | '' })}>
          <option value="">{t('log.filter.all')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`log.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={ids.follow} className="flex items-center gap-1">
        <input id={ids.follow} type="checkbox" checked={f.followSelection} onChange={(e) => set({ followSelection: e.target.checked })} />
        {t('log.filter.followSelection')}
      </label>
      {narrowing && (
        <span className="rounded bg-raised px-1.5 font-semibold">
          {selection?.kind === 'packet' ? t('log.onlyPacket', { id: selection.id }) : t('log.onlyComponent', { id: selection?.kind === 'component' ? selection.id : '' })}
        </span>
      )}
    </div>
  );
}
