import { describe, expect, it } from 'vitest';
import { gradnorm, gradNormWeightGradient } from './gradnorm.ts';

const ctx = { tasks: [{ name: 'a', type: 'classification' as const }, { name: 'b', type: 'classification' as const }], options: { weights: null, alpha: 1.5, temperature: 2 }, seed: 1, lr: 0.1 };

describe('GradNorm', () => {
  it('pushes up the weight of the task that trains slower (hand-computed direction)', () => {
    // Equal gradient norms (1) and weights (1): Ḡ = 1. Task a kept its loss (L̃ = 1), task b halved
    // it (L̃ = 0.5): r = (4/3, 2/3), so a's target 1·(4/3)^α > G_a = 1 → ∂L_grad/∂w_a = −1 (grow),
    // and b's target < G_b → +1 (shrink).
    expect(gradNormWeightGradient([1, 1], [1, 1], [1, 0.5], [1, 1], 1.5)).toEqual([-1, 1]);
    // Balanced training and norms: nothing to correct beyond the sign of zero.
    expect(gradNormWeightGradient([1, 1], [2, 2], [0.5, 0.5], [1, 1], 1.5)).toEqual([0, 0]);
  });

  it('updates the weights in that direction and renormalizes them to sum to the task count', () => {
    const w = gradnorm(ctx);
    if (w.kind !== 'gradient') throw new Error('gradnorm works on gradients');
    const g = [Float32Array.from([1, 0]), Float32Array.from([0, 1])];
    const first = w.combine({ grads: g, repGrads: null, losses: [1, 1] });
    expect(first.weights).toEqual([1, 1]);
    expect(Array.from(first.shared)).toEqual([1, 1]);
    const second = w.combine({ grads: g, repGrads: null, losses: [1, 0.5] });
    const third = w.combine({ grads: g, repGrads: null, losses: [1, 0.5] });
    expect(third.weights[0]).toBeGreaterThan(second.weights[0]!);
    expect(third.weights[0]! + third.weights[1]!).toBeCloseTo(2, 12);
    expect(third.taskScale).toEqual(third.weights);
  });
});
