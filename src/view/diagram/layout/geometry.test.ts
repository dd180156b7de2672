import { describe, expect, it } from 'vitest';
import { widestGapCenter } from './geometry';

describe('widestGapCenter', () => {
  it('centres in the widest free stretch, with overlapping and unsorted intervals', () => {
    expect(widestGapCenter([[300, 320], [10, 150], [140, 160]], 0, 400)).toBe(230);
    expect(widestGapCenter([[0, 100]], 0, 400)).toBe(250);
    expect(widestGapCenter([], 0, 100)).toBe(50);
  });
  it('ignores what lies outside the band', () => {
    expect(widestGapCenter([[-50, -10], [500, 600]], 0, 100)).toBe(50);
  });
});
