/**
 * View-only state that is not part of the simulation: which panels are open, dialogs, the event
 * log's filters. Kept apart from `useSim` so a panel toggle never touches simulation subscribers.
 */
import { create } from 'zustand';
import type { EventKind, PathKind } from '../engine/types';

/** `powershell`: the PowerShell output sheet (issue 11), closed at start. */
export type PanelName = 'controls' | 'inspector' | 'log' | 'powershell';

export interface LogFilter {
  vm: string;
  path: PathKind | '';
  /** Substring of a component id (`from` or `to`). */
  component: string;
  kind: EventKind | '';
  /** Narrow the log to the selected packet or component. */
  followSelection: boolean;
}

export const EMPTY_LOG_FILTER: LogFilter = { vm: '', path: '', component: '', kind: '', followSelection: true };

export interface UiState {
  panels: Record<PanelName, boolean>;
  shortcutsOpen: boolean;
  logFilter: LogFilter;
  /** One-line status for a polite live region ("Link copied", the newest because-note…). */
  status: string;
  togglePanel(p: PanelName, open?: boolean): void;
  setShortcutsOpen(open: boolean): void;
  setLogFilter(f: Partial<LogFilter>): void;
  setStatus(s: string): void;
}

export const useUi = create<UiState>()((set) => ({
  panels: { controls: true, inspector: true, log: true, powershell: false },
  shortcutsOpen: false,
  logFilter: EMPTY_LOG_FILTER,
  status: '',
  togglePanel: (p, open) => set((s) => ({ panels: { ...s.panels, [p]: open ?? !s.panels[p] } })),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  setLogFilter: (f) => set((s) => ({ logFilter: { ...s.logFilter, ...f } })),
  setStatus: (status) => set({ status }),
}));
