import { tf } from '../../tf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { equal } from './equal.ts';
import { staticWeights } from './static.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tasks = [{ name: 'a', type: 'classification' as const }, { name: 'b', type: 'regression' as const }];
const options = { weights: null, alpha: 1.5, temperature: 2 };

describe('equal and static weighting', () => {
  it('equal: L_a + L_b', () => {
    const w = equal({ tasks, options, seed: 0, lr: 0.1 });
    expect(w.weights()).toEqual([1, 1]);
    expect(w.combine([tf.scalar(2), tf.scalar(3)]).dataSync()[0]).toBe(5);
  });

  it('static: the user’s weights, in task order', () => {
    const w = staticWeights({ tasks, options: { ...options, weights: [0.5, 2] }, seed: 0, lr: 0.1 });
    expect(w.weights()).toEqual([0.5, 2]);
    expect(w.combine([tf.scalar(2), tf.scalar(3)]).dataSync()[0]).toBe(7);
  });

  it('static: a weight list that does not match the tasks fails, naming them', () => {
    expect(() => staticWeights({ tasks, options: { ...options, weights: [1] }, seed: 0, lr: 0.1 })).toThrow(/one weight per task \(a, b\); got 1 weight/);
  });
});
