import { tf } from '../../tf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveSeed, mulberry32 } from '../../../../data/random.ts';
import { rlw, softmax, standardNormal } from './rlw.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tasks = [{ name: 'a', type: 'classification' as const }, { name: 'b', type: 'regression' as const }];
const options = { weights: null, alpha: 1.5, temperature: 2 };

describe('RLW', () => {
  it('softmax is exp(v)/Σexp (hand-computed)', () => {
    const w = softmax([0, Math.log(3)]);
    expect(w[0]).toBeCloseTo(0.25, 12);
    expect(w[1]).toBeCloseTo(0.75, 12);
  });

  it('draws standard normals: mean ≈ 0, variance ≈ 1 over 20 000 draws', () => {
    const rng = mulberry32(7);
    const draws = Array.from({ length: 20_000 }, () => standardNormal(rng));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
  });

  it('weighs the losses by softmax of the seeded normal draw, the same again after startEpoch', () => {
    const w = rlw({ tasks, options, seed: 3, lr: 0.01 });
    if (w.kind !== 'loss') throw new Error('rlw is a loss weighting');
    w.startEpoch?.([[1, 1]]);
    const losses = [tf.scalar(2), tf.scalar(5)];
    const value = w.combine(losses).dataSync()[0]!;
    const rng = mulberry32(deriveSeed(3, 'rlw 1'));
    const expected = softmax([standardNormal(rng), standardNormal(rng)]);
    expect(w.weights()[0]).toBeCloseTo(expected[0]!, 12);
    expect(w.weights()[0]! + w.weights()[1]!).toBeCloseTo(1, 12);
    expect(value).toBeCloseTo(2 * expected[0]! + 5 * expected[1]!, 5);
    const next = w.combine(losses).dataSync()[0]!;
    expect(next).not.toBeCloseTo(value, 5);
    w.startEpoch?.([[1, 1]]);
    expect(w.combine(losses).dataSync()[0]).toBeCloseTo(value, 6);
    tf.dispose(losses);
  });
});
