import { tf } from '../../tf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { likelihoodFactor, uncertainty, uncertaintyObjective } from './uncertainty.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('uncertainty weighting', () => {
  it('has the hand-computed value and gradient in s = log σ² and in the losses', () => {
    // Classification (c = 1) L = 2, s = 0.5; regression (c = ½) L = 3, s = −1.
    // ∂/∂s_t = −c_t·e^{−s_t}·L_t + ½;  ∂/∂L_t = c_t·e^{−s_t}.
    const losses = [tf.scalar(2), tf.scalar(3)];
    const s = tf.tensor1d([0.5, -1]);
    const factors = [likelihoodFactor('classification'), likelihoodFactor('regression')];
    expect(factors).toEqual([1, 0.5]);
    const value = uncertaintyObjective(losses, s, factors).dataSync()[0]!;
    expect(value).toBeCloseTo(Math.exp(-0.5) * 2 + 0.25 + 0.5 * Math.exp(1) * 3 - 0.5, 5);
    const gradS = tf.grad((x: tf.Tensor) => uncertaintyObjective(losses, x as tf.Tensor1D, factors))(s).arraySync() as number[];
    expect(gradS[0]).toBeCloseTo(-Math.exp(-0.5) * 2 + 0.5, 5);
    expect(gradS[1]).toBeCloseTo(-0.5 * Math.exp(1) * 3 + 0.5, 5);
    const gradL = tf.grads((a: tf.Tensor, b: tf.Tensor) => uncertaintyObjective([a as tf.Scalar, b as tf.Scalar], s, factors))(losses);
    expect(gradL[0]!.dataSync()[0]).toBeCloseTo(Math.exp(-0.5), 5);
    expect(gradL[1]!.dataSync()[0]).toBeCloseTo(0.5 * Math.exp(1), 5);
    tf.dispose([...losses, s, ...gradL]);
  });

  it('starts every task at its likelihood factor (σ = 1) and learns s with the model', () => {
    const w = uncertainty({ tasks: [{ name: 'a', type: 'classification' }, { name: 'b', type: 'regression' }], options: { weights: null, alpha: 1.5, temperature: 2 }, seed: 1, lr: 0.01 });
    expect(w.kind).toBe('loss');
    if (w.kind !== 'loss') return;
    expect(w.weights()).toEqual([1, 0.5]);
    expect(w.variables).toHaveLength(1);
    w.dispose?.();
  });
});
