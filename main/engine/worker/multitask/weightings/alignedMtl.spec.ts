import { describe, expect, it } from 'vitest';
import { alignedMtl } from './alignedMtl.ts';

const ctx = { tasks: [{ name: 'a', type: 'classification' as const }, { name: 'b', type: 'regression' as const }], options: { weights: null, alpha: 1.5, temperature: 2 }, seed: 0, lr: 0.01 };
const f32 = (...v: number[]) => Float32Array.from(v);

function combine(grads: Float32Array[]) {
  const w = alignedMtl(ctx);
  if (w.kind !== 'gradient') throw new Error('aligned-mtl is a gradient weighting');
  return w.combine({ grads, repGrads: null, losses: [1, 1] });
}

describe('Aligned-MTL', () => {
  it('orthogonal gradients of norms 3 and 4 are both scaled to the smaller, 3 (hand-computed)', () => {
    // M = diag(9, 16): B = 3·diag(1/3, 1/4), α = (1, 0.75), update = (3, 3).
    const out = combine([f32(3, 0), f32(0, 4)]);
    expect(out.weights[0]).toBeCloseTo(1, 6);
    expect(out.weights[1]).toBeCloseTo(0.75, 6);
    expect(out.shared[0]).toBeCloseTo(3, 5);
    expect(out.shared[1]).toBeCloseTo(3, 5);
  });

  it('drops the null direction of linearly dependent gradients (hand-computed)', () => {
    // g = (1, 0), (2, 0): M = [[1, 2], [2, 4]], λ = (5, 0), v = (1, 2)/√5 → B = vvᵀ, α = (0.6, 1.2), update (3, 0).
    const out = combine([f32(1, 0), f32(2, 0)]);
    expect(out.weights[0]).toBeCloseTo(0.6, 5);
    expect(out.weights[1]).toBeCloseTo(1.2, 5);
    expect(out.shared[0]).toBeCloseTo(3, 5);
    expect(out.shared[1]).toBeCloseTo(0, 5);
  });
});
