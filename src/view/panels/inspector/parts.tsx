/**
 * Pieces every inspector panel uses: definition lists, headings, "because" notes, the path
 * badge, cost sources, CPU charges, and the one way to name a component (its Hyper-V name in the
 * learner's language, never a raw id).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { COSTS, type CostRow } from '../../../engine/costs';
import type { CpuCharge, PathKind } from '../../../engine/types';
import { PATH_GLYPH_CHAR } from '../../diagram/PathGlyph';
import { useSim, type BecauseNote } from '../../../store/simStore';
import { costRowText } from '../../text/engineText';
import { componentLabel } from '../../lessons/componentLabel';

/** A component's name as the learner reads it ("NetVSC (vm1)", "Physical NIC"); the id is never shown. */
export function useComponentName(): (id: string) => string {
  const { t } = useTranslation();
  const topology = useSim((s) => s.topology);
  return (id: string) => componentLabel(t, topology, id);
}

/** "A → B", or just "A" when a hop stays at one component (an action inside it). */
export function hopName(name: (id: string) => string, from: string, to: string): string {
  return from === to ? name(from) : `${name(from)} → ${name(to)}`;
}


export function NoteList({ notes, title }: { notes: BecauseNote[]; title: string }) {
  const { t } = useTranslation();
  const name = useComponentName();
  return (
    <div>
      <h3 className="mb-1 text-sm font-bold uppercase tracking-wide text-muted">{title}</h3>
      <ul className="flex flex-col gap-1">
        {notes.map((n) => (
          <li key={n.id} className="rounded border-l-4 border-accent bg-raised px-2 py-1 text-sm">
            <span className="font-semibold">{t('because.prefix')}</span> {t(n.key, n.params)}{' '}
            <span className="text-muted">@ {name(n.componentId)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Dl({ rows }: { rows: [string, ReactNode][] }) {
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

export function H({ children }: { children: ReactNode }) {
  return <h3 className="mt-2 text-sm font-bold uppercase tracking-wide text-muted">{children}</h3>;
}

export const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
export const bytes = (n: number) => (n >= 1024 ? `${(n / 1024).toFixed(n >= 10_240 ? 0 : 1)} KiB` : `${n} B`);

export function costRow(id: string | null): CostRow | null {
  if (!id) return null;
  return (COSTS as Readonly<Record<string, CostRow>>)[id] ?? null;
}


export function chargedKey(c: CostRow['chargedTo']): string {
  return c === 'G' ? 'guest' : c === 'R' ? 'root' : c === 'HV' ? 'hv' : c === 'R+HV' ? 'rootHv' : 'none';
}

export function CostSource({ row }: { row: CostRow }) {
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

/** root / hypervisor in the learner's language; a VM keeps its name (vm1). */
export function partitionName(t: TFunction, p: string): string {
  return p === 'root' ? t('inspector.partition.root') : p === 'hv' ? t('inspector.partition.hv') : p;
}

export function cpuText(t: TFunction, c: CpuCharge | null): string {
  if (!c) return t('inspector.noCpu');
  const who = partitionName(t, c.partition);
  return `${who} · LP ${c.lp}${c.vp !== null ? ` · VP ${c.vp}` : ''} · ${t('inspector.cycles', { n: c.cycles.toLocaleString() })}`;
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
