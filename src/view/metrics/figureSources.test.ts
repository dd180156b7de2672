import { describe, expect, it } from 'vitest';
import { ALL_ROW_IDS, FIGURE_ROWS, figureSources, sourceLine, sourcesTitle } from './figureSources';

describe('figure sources', () => {
  it('every row a figure cites exists in the engine cost table', () => {
    for (const ids of Object.values(FIGURE_ROWS)) for (const id of ids) expect(ALL_ROW_IDS).toContain(id);
  });

  it('gives the source word for word and flags model estimates', () => {
    const h6 = sourceLine('H6');
    expect(h6?.modelEstimate).toBe(true);
    expect(sourceLine('H10')?.modelEstimate).toBe(false);
    expect(sourceLine('nope')).toBeNull();
    const title = sourcesTitle(figureSources('latency'));
    expect(title.split('\n')).toHaveLength(FIGURE_ROWS.latency.length);
    expect(title).toContain(h6!.source);
  });
});
