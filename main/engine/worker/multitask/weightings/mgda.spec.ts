import { describe, expect, it } from 'vitest';
import { mgda } from './mgda.ts';
import { minNormOfPair, minNormWeights } from './minNorm.ts';
import { gram } from './vectors.ts';

const v = (...xs: number[]) => Float32Array.from(xs);
const ctx = { tasks: [{ name: 'a', type: 'classification' as const }, { name: 'b', type: 'regression' as const }], options: { weights: null, alpha: 1.5, temperature: 2 }, seed: 1, lr: 0.01 };

describe('MGDA min-norm solver', () => {
  it('matches the two-task closed form γ = (g2 − g1)·g2 / ‖g1 − g2‖²', () => {
    // g1 = (1,0), g2 = (0,2): γ = (g2 − g1)·g2 / ‖g1 − g2‖² = ((−1,2)·(0,2)) / ‖(1,−2)‖² = 4/5; min-norm point (0.8, 0.4).
    const [g1, g2] = [v(1, 0), v(0, 2)];
    const alpha = minNormWeights(gram([g1, g2]));
    expect(alpha[0]).toBeCloseTo(0.8, 12);
    expect(alpha[1]).toBeCloseTo(0.2, 12);
    expect(minNormOfPair(1, 0, 4).cost).toBeCloseTo(0.8 ** 2 + 0.4 ** 2, 12);
  });

  it('picks the shorter gradient alone when it already is the min-norm point', () => {
    // g1·g2 = 2 ≥ ‖g1‖² = 1: the segment's closest point to the origin is g1.
    expect(minNormWeights(gram([v(1, 0), v(2, 3)]))).toEqual([1, 0]);
  });

  it('finds the min-norm point of three gradients with Frank-Wolfe', () => {
    // The unit vectors of R³: the min-norm convex combination is the centroid, α = (⅓, ⅓, ⅓).
    const alpha = minNormWeights(gram([v(1, 0, 0), v(0, 1, 0), v(0, 0, 1)]));
    for (const a of alpha) expect(a).toBeCloseTo(1 / 3, 4);
    expect(alpha.reduce((s, a) => s + a, 0)).toBeCloseTo(1, 12);
  });

  it('MGDA-UB solves on the representation gradients and applies α to the shared gradients', () => {
    const combined = mgda(ctx).combine({ grads: [v(1, 1), v(3, 0)], repGrads: [v(1, 0), v(0, 2)], losses: [1, 1] });
    expect(combined.weights[0]).toBeCloseTo(0.8, 6);
    expect(combined.shared[0]).toBeCloseTo(0.8 * 1 + 0.2 * 3, 6);
    expect(combined.shared[1]).toBeCloseTo(0.8, 6);
    expect(combined.taskScale).toEqual([1, 1]);
  });
});
