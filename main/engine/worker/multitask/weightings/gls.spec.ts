import { tf } from '../../tf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { geometricMean, gls, glsWeights } from './gls.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('GLS', () => {
  it('is the geometric mean of the losses, with gradient G/(T·L_t) (hand-computed)', () => {
    // L = (2, 8): G = √16 = 4; ∂G/∂L = (4/(2·2), 4/(2·8)) = (1, 0.25).
    const losses = [tf.scalar(2), tf.scalar(8)];
    expect(geometricMean(losses).dataSync()[0]).toBeCloseTo(4, 5);
    const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => geometricMean([a as tf.Scalar, b as tf.Scalar]))(losses);
    expect(grads[0]!.dataSync()[0]).toBeCloseTo(1, 5);
    expect(grads[1]!.dataSync()[0]).toBeCloseTo(0.25, 5);
    expect(glsWeights([2, 8])).toEqual([1, 0.25]);
    tf.dispose([...losses, ...grads]);
  });

  it('logs the weights of the last step', () => {
    const w = gls({ tasks: [{ name: 'a', type: 'classification' }, { name: 'b', type: 'classification' }, { name: 'c', type: 'regression' }], options: { weights: null, alpha: 1.5, temperature: 2 }, seed: 0, lr: 0.01 });
    if (w.kind !== 'loss') throw new Error('gls is a loss weighting');
    const losses = [tf.scalar(1), tf.scalar(8), tf.scalar(1)];
    // G = 8^{1/3} = 2; weights 2/(3·L).
    expect(w.combine(losses).dataSync()[0]).toBeCloseTo(2, 5);
    const weights = w.weights();
    expect(weights[0]).toBeCloseTo(2 / 3, 6);
    expect(weights[1]).toBeCloseTo(1 / 12, 6);
    tf.dispose(losses);
  });

  it('leaves a task without loss on the batch out of the mean (a head-to-head task with no label in it)', () => {
    const w = gls({ tasks: [{ name: 'a', type: 'classification' }, { name: 'b', type: 'classification' }, { name: 'c', type: 'classification' }], options: { weights: null, alpha: 1.5, temperature: 2 }, seed: 0, lr: 0.01 });
    if (w.kind !== 'loss') throw new Error('gls is a loss weighting');
    const losses = [tf.scalar(2), tf.scalar(0), tf.scalar(8)];
    // √(2·8) = 4 over the two live tasks; weights 4/(2·2), 0, 4/(2·8).
    expect(w.combine(losses).dataSync()[0]).toBeCloseTo(4, 5);
    expect(w.weights()).toEqual([1, 0, 0.25]);
    tf.dispose(losses);
  });
});
