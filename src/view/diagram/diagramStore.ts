/**
 * View-local state of the diagram: which collapsed VMs the user expanded, and the few live numbers
 * the store does not publish (CPU load per LP and drops per VM, read from `host.sim.metrics()` at
 * 2 Hz). Kept here so nothing outside the diagram re-renders for them.
 */
import { create } from 'zustand';
import type { VmId } from '../../engine/types';
import { host } from '../../store/engineHost';
import type { DetailLevel } from './layout';

export interface DiagramUiState {
  /** VMs the user asked to see in full, most recent last. */
  expanded: VmId[];
  /** Utilisation 0…1 per logical processor (index = LP number). */
  lpLoad: number[];
  /** Drops per VM since start. */
  vmDrops: Record<string, number>;
  legendOpen: boolean;
  /** Level of detail the user asked for; `auto` picks the most detailed level that stays legible. */
  detail: 'auto' | DetailLevel;
  setDetail(d: 'auto' | DetailLevel): void;
  expand(vm: VmId): void;
  collapse(vm: VmId): void;
  setLegendOpen(open: boolean): void;
}

export const useDiagramUi = create<DiagramUiState>()((set) => ({
  expanded: [],
  lpLoad: [],
  vmDrops: {},
  legendOpen: true,
  detail: 'auto',
  setDetail: (detail) => set({ detail }),
  expand: (vm) => set((s) => ({ expanded: [...s.expanded.filter((v) => v !== vm), vm] })),
  collapse: (vm) => set((s) => ({ expanded: s.expanded.filter((v) => v !== vm) })),
  setLegendOpen: (legendOpen) => set({ legendOpen }),
}));

const sameNumbers = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Read per-LP load and per-VM drops from the engine; cheap enough at 2 Hz. */
export function pollMetrics() {
  const sim = host.sim;
  if (!sim || typeof sim.metrics !== 'function') return;
  let m;
  try {
    m = sim.metrics();
  } catch {
    return;
  }
  const lpLoad: number[] = [];
  for (const p of m.perLp ?? []) lpLoad[p.lp] = Math.round(Math.max(0, Math.min(1, p.utilisation)) * 100) / 100;
  const vmDrops: Record<string, number> = {};
  for (const [vm, v] of Object.entries(m.perVm ?? {})) vmDrops[vm] = v.drops;
  const s = useDiagramUi.getState();
  const dropsSame =
    Object.keys(vmDrops).length === Object.keys(s.vmDrops).length && Object.entries(vmDrops).every(([k, v]) => s.vmDrops[k] === v);
  if (!sameNumbers(lpLoad, s.lpLoad) || !dropsSame) useDiagramUi.setState({ lpLoad, vmDrops: dropsSame ? s.vmDrops : vmDrops });
}
