import { describe, expect, it } from 'vitest';
import { dbMtl, magnitudeBalance, updateGradientAverage } from './dbMtl.ts';

const ctx = { tasks: [{ name: 'a', type: 'classification' as const }, { name: 'b', type: 'regression' as const }], options: { weights: null, alpha: 1.5, temperature: 2 }, seed: 0, lr: 0.01 };

describe('DB-MTL', () => {
  it('averages gradients with momentum β/√k (hand-computed)', () => {
    const buffer = [Float64Array.from([0, 0])];
    updateGradientAverage(buffer, [Float32Array.from([2, 4])], 0.9, 1);
    // k = 1: ĝ = g + 0.9·(0 − g) = 0.1·g.
    expect(Array.from(buffer[0]!)).toEqual([0.2 * 1, 0.4 * 1].map((x) => expect.closeTo(x, 12)));
    updateGradientAverage(buffer, [Float32Array.from([0, 0])], 0.9, 4);
    // k = 4: ĝ = 0 + 0.45·(ĝ − 0).
    expect(buffer[0]![0]).toBeCloseTo(0.09, 12);
    expect(buffer[0]![1]).toBeCloseTo(0.18, 12);
  });

  it('scales each task to the largest average-gradient norm', () => {
    const alpha = magnitudeBalance([3, 1]);
    expect(alpha[0]).toBeCloseTo(1, 6);
    expect(alpha[1]).toBeCloseTo(3, 6);
  });

  it('first step: log-loss gradients g_t/L_t, averaged (×0.1), balanced to the larger norm', () => {
    // L = (2, 0.5); g_a = (4, 0), g_b = (0, 1) → log gradients (2, 0) and (0, 2) → averages (0.2, 0), (0, 0.2).
    // Equal norms: α = (1, 1); update (0.2, 0.2). Decoders: scale 1/L = (0.5, 2).
    const w = dbMtl(ctx);
    if (w.kind !== 'gradient') throw new Error('db-mtl is a gradient weighting');
    const out = w.combine({ grads: [Float32Array.from([4, 0]), Float32Array.from([0, 1])], repGrads: null, losses: [2, 0.5] });
    expect(out.shared[0]).toBeCloseTo(0.2, 6);
    expect(out.shared[1]).toBeCloseTo(0.2, 6);
    expect(out.taskScale[0]).toBeCloseTo(0.5, 6);
    expect(out.taskScale[1]).toBeCloseTo(2, 6);
    expect(out.weights[0]).toBeCloseTo(1, 6);
    // Resuming from the state gives the same next step as going on.
    const saved = w.state!();
    const resumed = dbMtl(ctx);
    if (resumed.kind !== 'gradient') throw new Error('db-mtl is a gradient weighting');
    resumed.restore!(saved);
    const next = { grads: [Float32Array.from([1, 1]), Float32Array.from([0, 3])], repGrads: null, losses: [1, 1] };
    expect(Array.from(resumed.combine(next).shared)).toEqual(Array.from(w.combine(next).shared));
  });
});
