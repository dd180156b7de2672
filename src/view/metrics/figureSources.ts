/**
 * Where each figure of the metrics and comparison views comes from: the cost-table rows
 * (`src/engine/costs.ts`, cost-model §8) that set the hop latencies and CPU charges behind it.
 * The UI shows each row's `source` text word for word, or says "model estimate".
 */
import { COST_TABLE, COSTS, type CostRow } from '../../engine/costs';

export type FigureId = 'latency' | 'throughput' | 'cpu' | 'lpHeat' | 'perPacket' | 'rings' | 'timeline' | 'hopTable' | 'categories';

/** Cost rows behind each figure, most important first. */
export const FIGURE_ROWS: Record<FigureId, readonly string[]> = {
  latency: ['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'H7a', 'H8', 'H9R', 'H10', 'H12', 'H13', 'H15', 'H16T', 'H17'],
  throughput: ['H6', 'H10', 'H12', 'H16T', 'H17'],
  cpu: ['H1', 'H6', 'H7a', 'H7b', 'H8', 'H11', 'H12', 'H13', 'H4', 'H5'],
  lpHeat: ['H6', 'H7a', 'H7b', 'H8', 'H13'],
  perPacket: ['H11', 'H12a', 'H12', 'H4', 'C1', 'E2', 'H5', 'H13', 'H2', 'H6', 'E1', 'G1'],
  rings: ['H3'],
  timeline: ['H10', 'H6', 'H12', 'H16T'],
  hopTable: [],
  categories: ['H12', 'H12a', 'H12c', 'H11', 'H6', 'H7a', 'H8', 'H4', 'H5', 'H13'],
};

export interface SourceLine {
  id: string;
  hop: string;
  source: string;
  modelEstimate: boolean;
  unverified: boolean;
}

const isEstimate = (r: CostRow) => /model estimate/i.test(r.source);

export function sourceLine(id: string): SourceLine | null {
  const r = COSTS[id];
  if (!r) return null;
  return { id: r.id, hop: r.hop, source: r.source, modelEstimate: isEstimate(r), unverified: r.unverified === true };
}

export function figureSources(f: FigureId): SourceLine[] {
  return FIGURE_ROWS[f].map(sourceLine).filter((x): x is SourceLine => x !== null);
}

/** Plain text for a `title` tooltip: one row per line. */
export function sourcesTitle(lines: readonly SourceLine[]): string {
  return lines.map((l) => `${l.id} — ${l.hop}: ${l.source}`).join('\n');
}

/** Every row id the engine knows (for tests: each figure row must exist). */
export const ALL_ROW_IDS: readonly string[] = COST_TABLE.map((r) => r.id);
