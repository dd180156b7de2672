/**
 * The overload report as view state, kept tiny so diagram nodes can read it before anything else
 * loads: the report and the bottlenecks by component id. `overloadStore.ts` (loaded with the
 * note) fills it.
 */
import { create } from 'zustand';
import type { Bottleneck, OverloadReport } from '../../analysis/overload';

interface OverloadState {
  report: OverloadReport | null;
  /** Bottlenecks by diagram component id (first one wins). */
  byComponent: Record<string, Bottleneck>;
}

export const useOverload = create<OverloadState>(() => ({ report: null, byComponent: {} }));

/** The bottleneck at one of these components, if any (stable reference between polls). */
export function useBottleneckAt(ids: readonly string[]): Bottleneck | undefined {
  return useOverload((s) => {
    for (const id of ids) {
      const b = s.byComponent[id];
      if (b) return b;
    }
    return undefined;
  });
}
