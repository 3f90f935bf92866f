// IMTL-L, the loss half of Impartial Multi-Task Learning (Liu et al. 2021, ICLR): each task
// learns a scale s_t and the objective is Σ_t (e^{s_t}·L_t − s_t). Minimizing over s_t alone
// gives e^{s_t}·L_t = 1, so every scaled loss is driven toward the same value, 1, whatever the
// task's units; the −s_t term keeps the scale from collapsing to zero. s starts at 0 (weight 1)
// and is learned by the model's optimizer, as LibMTL does.
import { tf } from '../../tf.mjs';
import type { LossWeighting, WeightingContext } from './types.ts';

/** Σ_t (e^{s_t}·L_t − s_t), differentiable in the losses and in s. */
export function imtlLObjective(losses: tf.Scalar[], scale: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.sub(tf.mul(tf.exp(scale), tf.stack(losses)), scale)) as tf.Scalar);
}

export function imtlL(ctx: WeightingContext): LossWeighting {
  const scale = tf.tidy(() => tf.variable(tf.zeros([ctx.tasks.length]), true)) as tf.Variable<tf.Rank.R1>;
  return {
    name: 'imtl-l',
    kind: 'loss',
    variables: [scale],
    combine: (losses) => imtlLObjective(losses, scale),
    weights: () => Array.from(scale.dataSync(), (s) => Math.exp(s)),
    dispose: () => scale.dispose(),
  };
}
