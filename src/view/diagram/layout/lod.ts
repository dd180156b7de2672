/**
 * Which level of detail reads at a given pane size. The rule: show less, never draw smaller.
 * Each level has the smallest label size it draws (flow units); at the zoom that fits the level
 * into the pane, that label must meet the budget. The most detailed level that does wins; when
 * none does, the least detailed one is shown at the budget's zoom (the pane then pans rather
 * than shrinking the text).
 */
import type { DetailLevel, Rect } from './types';

/** Smallest component-label font of each level, in flow units (see the node components). */
export const LEVEL_LABEL_PX: Record<DetailLevel, number> = { full: 12, overview: 18, minimal: 18 };

export const LEVELS: readonly DetailLevel[] = ['full', 'overview', 'minimal'];

export interface LevelChoice {
  level: DetailLevel;
  /** Zoom that fits the level's bounds into the pane. */
  fitZoom: number;
  /** Smallest zoom that keeps its labels at the budget. */
  minZoom: number;
}

/** The fit zoom of `bounds` in a pane of w × h (padding included). */
export function fitZoom(bounds: Rect, w: number, h: number, pad = { x: 64, y: 64 }): number {
  if (bounds.w <= 0 || bounds.h <= 0) return 1;
  return Math.max(0.05, Math.min((w - pad.x) / bounds.w, (h - pad.y) / bounds.h));
}

/**
 * @param boundsOf bounds of the layout at each level
 * @param budgetPx the smallest effective label size allowed (CSS px)
 */
export function chooseLevel(boundsOf: (l: DetailLevel) => Rect, w: number, h: number, budgetPx: number, pad?: { x: number; y: number }): LevelChoice {
  for (const level of LEVELS) {
    const z = fitZoom(boundsOf(level), w, h, pad);
    const need = budgetPx / LEVEL_LABEL_PX[level];
    if (z >= need) return { level, fitZoom: z, minZoom: need };
  }
  const level = LEVELS[LEVELS.length - 1] as DetailLevel;
  return { level, fitZoom: fitZoom(boundsOf(level), w, h, pad), minZoom: budgetPx / LEVEL_LABEL_PX[level] };
}

/** The label budget for where the diagram is shown (issue 8). */
export function labelBudget(opts: { presenter: boolean; embed: boolean; windowW: number; windowH: number }): number {
  if (opts.presenter) return opts.windowW >= 1600 && opts.windowH >= 950 ? 20 : 16;
  if (opts.windowW <= 520 || opts.windowH <= 360) return 11;
  return 12;
}
