/**
 * The diagram's layout: a pure function of the topology, which VMs are expanded and the level of
 * detail. Each file owns one concern:
 *
 * - `types.ts`: the shapes every part shares; `geometry.ts`: rect and polyline helpers;
 * - `visibleVms.ts`: which VMs are drawn in full;
 * - `full.ts`: the full-detail arrangement and its hand router;
 * - `overview.ts`: the folded arrangements (overview, minimal) and their router;
 *   `minimal` with `narrow` stacks the child partitions in one column for a phone's pane;
 * - `focus.ts`: "focus on this path", only the components one packet or VM uses, larger;
 * - `lod.ts`: which level reads at a given pane size; `toFlow.ts`: React Flow nodes and edges;
 * - `intersections.ts`: counts edge/label and edge/foreign-node intersections (the tests' judge).
 *
 * Invariants for every level: computed once per topology / expansion / level change, never per
 * frame; `linkGeometry[i]` belongs to `topology.links[i]` and runs from its `from` to its `to`;
 * every component maps (`nodeOf`) onto a drawn node, so its packets stay visible.
 */
import type { Topology } from '../../../engine/types';
import { fullLayout } from './full';
import { overviewLayout } from './overview';
import type { LayoutOptions, LayoutResult } from './types';

export function layout(topology: Topology, options: LayoutOptions = {}): LayoutResult {
  const level = options.level ?? 'full';
  return level === 'full' ? fullLayout(topology, options) : overviewLayout(topology, { ...options, level });
}

export * from './types';
export { autoRoute, offsetPolyline } from './geometry';
export { pickVisibleVms } from './visibleVms';
export { chooseLevel, fitZoom, labelBudget, LEVEL_LABEL_PX, LEVELS, type LevelChoice } from './lod';
export { countIntersections, type IntersectionReport } from './intersections';
