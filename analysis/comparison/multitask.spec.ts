// Δm's spread over seeds, against a hand computation.
import { describe, expect, it } from 'vitest';
import { formatDeltaMSpread } from '../format.ts';
import { deltaMSpread } from './multitask.ts';

describe('deltaMSpread', () => {
  it('per-seed Δm 1%, 2%, 3% → std 1, 95% CI 2 ± 4.302653/√3 = [−0.484138, 4.484138]', () => {
    const spread = deltaMSpread(new Map([[1, 1], [2, 2], [3, 3]]));
    expect(spread?.std).toBeCloseTo(1, 12);
    expect(spread?.n).toBe(3);
    expect(spread?.ci95[0]).toBeCloseTo(-0.484138, 5);
    expect(spread?.ci95[1]).toBeCloseTo(4.484138, 5);
    expect(formatDeltaMSpread(spread)).toBe(' ± 1.00 [95% CI −0.48% to +4.48%, within noise]');
  });

  it('has no interval from one seed or without spread, and prints nothing then', () => {
    expect(deltaMSpread(new Map([[1, 0.5]]))?.ci95).toEqual([null, null]);
    expect(deltaMSpread(new Map([[1, 0.5], [2, 0.5]]))?.ci95).toEqual([null, null]);
    expect(formatDeltaMSpread(deltaMSpread(new Map([[1, 0.5], [2, 0.5]])))).toBe('');
    expect(deltaMSpread(undefined)).toBeNull();
  });
});
