import { describe, expect, it } from 'vitest';
import { dwaWeights } from './dwa.ts';

describe('DWA', () => {
  it('weighs 1 per task until two epochs of history exist', () => {
    expect(dwaWeights([], 2, 2)).toEqual([1, 1]);
    expect(dwaWeights([[1, 1]], 2, 2)).toEqual([1, 1]);
  });

  it('gives the slower-falling task more weight (hand-computed)', () => {
    // r = (0.5/1, 0.9/1) = (0.5, 0.9); T = 2: w_t = 2·e^{r_t/2} / (e^{0.25} + e^{0.45}).
    const w = dwaWeights([[2, 2], [1, 1], [0.5, 0.9]], 2, 2);
    const denominator = Math.exp(0.25) + Math.exp(0.45);
    expect(w[0]).toBeCloseTo((2 * Math.exp(0.25)) / denominator, 12);
    expect(w[1]).toBeCloseTo((2 * Math.exp(0.45)) / denominator, 12);
    expect(w[0]! + w[1]!).toBeCloseTo(2, 12);
    expect(w[1]).toBeGreaterThan(w[0]!);
  });
});
