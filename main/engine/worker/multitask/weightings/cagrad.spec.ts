import { describe, expect, it } from 'vitest';
import { cagradDirection, cagradDual, cagradWeights } from './cagrad.ts';

const f32 = (...v: number[]) => Float32Array.from(v);

describe('CAGrad', () => {
  it('orthogonal gradients of equal norm: the hand-computed update', () => {
    // G = I, ‖g₀‖ = √(mean G) = √½; radius = 0.5·√½. The dual 0.5 + r·‖w‖ is least at w = (½, ½),
    // ‖g_w‖ = √½, λ = r/√½ = 0.5: d = (½, ½) + 0.5·(½, ½) = (0.75, 0.75), / (1 + 0.25) = (0.6, 0.6).
    const { direction } = cagradDirection([f32(1, 0), f32(0, 1)], 0.5);
    expect(direction[0]).toBeCloseTo(0.6, 5);
    expect(direction[1]).toBeCloseTo(0.6, 5);
  });

  it('solves the 2-task dual as a fine grid search does, for conflicting gradients', () => {
    const g = [
      [1, -0.8],
      [-0.8, 4],
    ];
    for (const radius of [0.1, 0.7, 3]) {
      const w = cagradWeights(g, radius);
      let best = Number.POSITIVE_INFINITY;
      for (let k = 0; k <= 100_000; k++) best = Math.min(best, cagradDual(g, [k / 100_000, 1 - k / 100_000], radius));
      expect(w[0]! + w[1]!).toBeCloseTo(1, 12);
      expect(cagradDual(g, w, radius)).toBeLessThanOrEqual(best + 1e-9);
    }
  });

  it('c = 0 is the mean gradient', () => {
    const { direction } = cagradDirection([f32(2, 0), f32(-1, 3)], 0);
    expect(direction[0]).toBeCloseTo(0.5, 5);
    expect(direction[1]).toBeCloseTo(1.5, 5);
  });

  it('improves the worse-off task more than the mean gradient does', () => {
    const grads = [f32(1, 0), f32(-0.9, 0.3)];
    const { direction } = cagradDirection(grads, 0.5);
    const mean = f32(0.05, 0.15);
    const worst = (d: Float32Array) => Math.min(...grads.map((g) => g[0]! * d[0]! + g[1]! * d[1]!));
    expect(worst(direction)).toBeGreaterThan(worst(mean));
  });
});
