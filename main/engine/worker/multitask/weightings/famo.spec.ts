import { tf } from '../../tf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { famo, famoLogitGradient, famoLogitStep, famoObjective, famoWeights } from './famo.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('FAMO', () => {
  it('weighs each task by z_t/(c·L_t), the gradient of Σ z log L / c (hand-computed)', () => {
    // z = (½, ½), L = (1, 4): c = ½ + ⅛ = 5/8; weights (½/(5/8), ⅛/(5/8)) = (0.8, 0.2).
    const w = famoWeights([0.5, 0.5], [1, 4]);
    expect(w[0]).toBeCloseTo(0.8, 6);
    expect(w[1]).toBeCloseTo(0.2, 6);
    const losses = [tf.scalar(1), tf.scalar(4)];
    const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => famoObjective([a as tf.Scalar, b as tf.Scalar], [0.5, 0.5], 5 / 8))(losses);
    expect(grads[0]!.dataSync()[0]).toBeCloseTo(0.8, 5);
    expect(grads[1]!.dataSync()[0]).toBeCloseTo(0.2, 5);
    tf.dispose([...losses, ...grads]);
  });

  it('moves the logits away from the task whose log loss fell more (hand-computed first Adam step)', () => {
    // z = (½, ½); δ = (ln 2, 0): task a's loss halved, b's stayed. zᵀδ = ln2/2;
    // gradient = (½·ln2/2, −½·ln2/2) = (±ln2/4). Adam's first step is −lr·sign(g) (γ = 0).
    expect(famoLogitGradient([0.5, 0.5], [Math.log(2), 0])[0]).toBeCloseTo(Math.log(2) / 4, 12);
    const next = famoLogitStep({ logits: [0, 0], m: [0, 0], v: [0, 0], step: 0 }, [2, 3], [1, 3], 0, 0.025);
    expect(next.logits[0]).toBeCloseTo(-0.025, 6);
    expect(next.logits[1]).toBeCloseTo(0.025, 6);
    expect(next.step).toBe(1);
  });

  it('starts equal, then favours the task that lags, and resumes from its state', () => {
    const make = () => famo({ tasks: [{ name: 'a', type: 'classification' }, { name: 'b', type: 'classification' }], options: { weights: null, alpha: 1.5, temperature: 2 }, seed: 0, lr: 0.01 });
    const w = make();
    if (w.kind !== 'loss') throw new Error('famo is a loss weighting');
    const step = (a: number, b: number) => {
      const losses = [tf.scalar(a), tf.scalar(b)];
      w.combine(losses);
      tf.dispose(losses);
      return w.weights();
    };
    expect(step(1, 1)).toEqual([0.5, 0.5]);
    const saved = w.state?.();
    // a falls to 0.5, b stays at 1: the logits tilt toward b.
    const after = step(0.5, 1);
    const z = [Math.exp(-0.025), Math.exp(0.025)];
    const total = z[0]! + z[1]!;
    expect(after[0]).toBeCloseTo(famoWeights([z[0]! / total, z[1]! / total], [0.5, 1])[0]!, 6);
    const resumed = make();
    if (resumed.kind !== 'loss') throw new Error('famo is a loss weighting');
    resumed.restore?.(saved!);
    const losses = [tf.scalar(0.5), tf.scalar(1)];
    resumed.combine(losses);
    expect(resumed.weights()).toEqual(after);
    tf.dispose(losses);
  });

  it('leaves a task without loss on the batch out of the weights and the logit step', () => {
    // z = (½, ½), L = (2, 0): all the update goes to task a.
    expect(famoWeights([0.5, 0.5], [2, 0])).toEqual([1, 0]);
    // Task b's change from a batch without its loss counts as none (δ_b = 0, not log 3 − log ε);
    // task a did not change either, so no logit moves.
    const next = famoLogitStep({ logits: [0, 0], m: [0, 0], v: [0, 0], step: 0 }, [2, 0], [2, 3], 0, 0.025);
    expect(next.logits).toEqual([0, 0]);
  });
});
