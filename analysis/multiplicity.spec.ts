import { describe, expect, it } from 'vitest';
import { holmAdjust } from './multiplicity.ts';

describe('holmAdjust', () => {
  it('matches the hand computation for p = [0.01, 0.04, 0.03]', () => {
    // Sorted: 0.01·3 = 0.03; 0.03·2 = 0.06; 0.04·1 = 0.04 → max(0.06, 0.04) = 0.06.
    const adjusted = holmAdjust([0.01, 0.04, 0.03]);
    expect(adjusted[0]).toBeCloseTo(0.03, 12);
    expect(adjusted[1]).toBeCloseTo(0.06, 12);
    expect(adjusted[2]).toBeCloseTo(0.06, 12);
  });

  it('caps at 1, leaves NaN out of the count, and keeps a single p as it is', () => {
    // k = 3 finite: 0.02·3 = 0.06; 0.6·2 = 1.2 → 1; 0.7·1 → max(1, 0.7) = 1.
    const adjusted = holmAdjust([0.6, Number.NaN, 0.02, 0.7]);
    expect(adjusted[2]).toBeCloseTo(0.06, 12);
    expect(adjusted[0]).toBe(1);
    expect(adjusted[3]).toBe(1);
    expect(adjusted[1]).toBeNaN();
    expect(holmAdjust([0.03])).toEqual([0.03]);
  });
});
