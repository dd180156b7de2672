/**
 * View-local state of the diagram: which collapsed VMs the user expanded, and the few live numbers
 * the store does not publish (CPU load per LP, drops, throughput and packets in flight per VM, read
 * through `engineQueries` at 2 Hz). Kept here so nothing outside the diagram re-renders for them.
 */
import { create } from 'zustand';
import type { VmId } from '../../engine/types';
import { componentsCarrying, inFlightByVm, metrics as engineMetrics } from '../../store/engineQueries';
import { useSim } from '../../store/simStore';
import type { DetailLevel } from './layout';

export interface DiagramUiState {
  /** VMs the user asked to see in full, most recent last. */
  expanded: VmId[];
  /** Utilisation 0…1 per logical processor (index = LP number). */
  lpLoad: number[];
  /** Drops per VM since start. */
  vmDrops: Record<string, number>;
  /**
   * Goodput per VM, bits per second of simulated time over the engine's sliding window
   * (`PathMetrics.throughputBps`, 10 ms): the collapsed group's per-VM figures.
   */
  vmRate: Record<string, number>;
  /** Packets in flight per VM now (`engineQueries.inFlightByVm`). */
  vmInFlight: Record<string, number>;
  legendOpen: boolean;
  /** Components on a link that carries a packet right now (sorted; refreshed at 2 Hz). */
  carrying: string[];
  /** Level of detail the user asked for; `auto` picks the most detailed level that stays legible. */
  detail: 'auto' | DetailLevel;
  setDetail(d: 'auto' | DetailLevel): void;
  expand(vm: VmId): void;
  collapse(vm: VmId): void;
  setLegendOpen(open: boolean): void;
}

/** Below this width (Tailwind's `sm`) the app is laid out for a phone. */
const PHONE_MAX_PX = 640;

export const useDiagramUi = create<DiagramUiState>()((set) => ({
  expanded: [],
  lpLoad: [],
  vmDrops: {},
  vmRate: {},
  vmInFlight: {},
  // Folded on a phone: open, it spans the pane's width under the lessons pill (tap to open).
  legendOpen: typeof window === 'undefined' || window.innerWidth >= PHONE_MAX_PX,
  carrying: [],
  detail: 'auto',
  setDetail: (detail) => set({ detail }),
  expand: (vm) => set((s) => ({ expanded: [...s.expanded.filter((v) => v !== vm), vm] })),
  collapse: (vm) => set((s) => ({ expanded: s.expanded.filter((v) => v !== vm) })),
  setLegendOpen: (legendOpen) => set({ legendOpen }),
}));

const sameNumbers = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
const sameRecord = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/** Read per-LP load and per-VM drops, throughput and packets in flight from the engine; cheap enough at 2 Hz. */
export function pollMetrics() {
  const m = engineMetrics();
  if (!m) return;
  const lpLoad: number[] = [];
  for (const p of m.perLp ?? []) lpLoad[p.lp] = Math.round(Math.max(0, Math.min(1, p.utilisation)) * 100) / 100;
  const vmDrops: Record<string, number> = {};
  const vmRate: Record<string, number> = {};
  for (const [vm, v] of Object.entries(m.perVm ?? {})) {
    vmDrops[vm] = v.drops;
    vmRate[vm] = Math.round(v.throughputBps);
  }
  const vmInFlight: Record<string, number> = Object.fromEntries(inFlightByVm());
  const s = useDiagramUi.getState();
  const dropsSame = sameRecord(vmDrops, s.vmDrops);
  const rateSame = sameRecord(vmRate, s.vmRate);
  const flightSame = sameRecord(vmInFlight, s.vmInFlight);
  if (!sameNumbers(lpLoad, s.lpLoad) || !dropsSame || !rateSame || !flightSame)
    useDiagramUi.setState({
      lpLoad,
      vmDrops: dropsSame ? s.vmDrops : vmDrops,
      vmRate: rateSame ? s.vmRate : vmRate,
      vmInFlight: flightSame ? s.vmInFlight : vmInFlight,
    });
  const carrying = [...componentsCarrying(useSim.getState().topology.links)].sort();
  if (carrying.length !== s.carrying.length || carrying.some((c, i) => c !== s.carrying[i])) useDiagramUi.setState({ carrying });
}

/**
 * What a folded box says it is carrying now: the short names of its members on an active route
 * (at most `max`, then "+k"), in the box's member order. Empty when it carries nothing.
 */
export function carryingMembers(ids: readonly string[], carrying: readonly string[], nameOf: (id: string) => string, max = 2): string {
  if (ids.length < 2 || carrying.length === 0) return '';
  const on = new Set(carrying);
  const names = [...new Set(ids.filter((id) => on.has(id)).map(nameOf))].filter(Boolean);
  if (!names.length) return '';
  return names.length > max ? `${names.slice(0, max).join(' · ')} +${names.length - max}` : names.join(' · ');
}

/** The same, the first name only (a narrow folded box: "+k" would not fit its line). */
export function firstCarrying(ids: readonly string[], carrying: readonly string[], nameOf: (id: string) => string): string {
  return carryingMembers(ids, carrying, nameOf, 1).replace(/ \+\d+$/, '');
}
