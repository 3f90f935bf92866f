import { tf } from '../../tf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { imtlL, imtlLObjective } from './imtlL.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('IMTL-L', () => {
  it('has the hand-computed value and gradients; the scale settles where e^s·L = 1', () => {
    // L = (2, 0.5), s = (0, ln 2): value = 2 − 0 + 2·0.5 − ln 2 = 3 − ln 2.
    // ∂/∂s_t = e^{s_t}·L_t − 1 = (1, 0): task b is at its fixed point already.
    const losses = [tf.scalar(2), tf.scalar(0.5)];
    const s = tf.tensor1d([0, Math.log(2)]);
    expect(imtlLObjective(losses, s).dataSync()[0]).toBeCloseTo(3 - Math.log(2), 5);
    const gradS = tf.grad((x: tf.Tensor) => imtlLObjective(losses, x as tf.Tensor1D))(s).arraySync() as number[];
    expect(gradS[0]).toBeCloseTo(1, 5);
    expect(gradS[1]).toBeCloseTo(0, 5);
    const gradL = tf.grads((a: tf.Tensor, b: tf.Tensor) => imtlLObjective([a as tf.Scalar, b as tf.Scalar], s))(losses);
    expect(gradL[0]!.dataSync()[0]).toBeCloseTo(1, 5);
    expect(gradL[1]!.dataSync()[0]).toBeCloseTo(2, 5);
    tf.dispose([...losses, s, ...gradL]);
  });

  it('starts every task at weight 1 with one learned scale per task', () => {
    const w = imtlL({ tasks: [{ name: 'a', type: 'classification' }, { name: 'b', type: 'regression' }], options: { weights: null, alpha: 1.5, temperature: 2 }, seed: 0, lr: 0.01 });
    if (w.kind !== 'loss') throw new Error('imtl-l is a loss weighting');
    expect(w.weights()).toEqual([1, 1]);
    expect(w.variables[0]!.shape).toEqual([2]);
    w.dispose?.();
  });
});
