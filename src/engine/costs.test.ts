import { describe, expect, it } from 'vitest';
import { COST_TABLE, COSTS, serializationNs } from './costs';

describe('cost table', () => {
  it('has every H1…H17 row of cost-model §8 (H9/H16 split TX/RX, H7 split a–d)', () => {
    for (const id of ['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'H7a', 'H7b', 'H7c', 'H7d', 'H8', 'H9T', 'H9R', 'H10', 'H11', 'H12', 'H13', 'H14', 'H15', 'H16T', 'H16R', 'H17']) {
      expect(COSTS[id], id).toBeDefined();
    }
  });

  it('gives every row a source and consistent units', () => {
    for (const r of COST_TABLE) {
      expect(r.source.length, r.id).toBeGreaterThan(5);
      expect(r.latencyNs).toBeGreaterThan(0);
      expect(r.cycles).toBeGreaterThanOrEqual(0);
    }
    expect(COST_TABLE.filter((r) => r.unverified).length).toBeGreaterThan(3);
  });

  it('computes wire serialization from physics (W1)', () => {
    expect(serializationNs(1518, 10)).toBe(1230);
    expect(serializationNs(1518, 0.1)).toBe(123040);
    expect(serializationNs(64 + 0, 10)).toBe(67);
  });
});
