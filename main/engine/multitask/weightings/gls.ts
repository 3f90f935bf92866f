// Geometric Loss Strategy (Chennupati et al. 2019, "MultiNet++", CVPR workshops): the objective
// is the geometric mean of the task losses, (Π_t L_t)^{1/T}, computed as exp(mean log L_t) so a
// product of small losses does not underflow. Its gradient weighs task t by G/(T·L_t): a task
// whose loss is already small is pushed as hard as one whose loss is large, whatever the units.
import * as tf from '@tensorflow/tfjs';
import type { LossWeighting, WeightingContext } from './types.ts';

/** Keeps log finite for a batch on which a partially labelled task has no examples (loss 0). */
const FLOOR = 1e-8;

/** (Π_t L_t)^{1/T}, differentiable in the losses. */
export function geometricMean(losses: tf.Scalar[]): tf.Scalar {
  return tf.tidy(() => tf.exp(tf.mean(tf.log(tf.maximum(tf.stack(losses), FLOOR)))) as tf.Scalar);
}

/** ∂G/∂L_t = G/(T·L_t): the weight each task's gradient gets, for the log. */
export function glsWeights(losses: number[]): number[] {
  const floored = losses.map((l) => Math.max(l, FLOOR));
  const g = Math.exp(floored.reduce((sum, l) => sum + Math.log(l), 0) / floored.length);
  return floored.map((l) => g / (floored.length * l));
}

export function gls(ctx: WeightingContext): LossWeighting {
  let current = ctx.tasks.map(() => 1 / ctx.tasks.length);
  return {
    name: 'gls',
    kind: 'loss',
    variables: [],
    combine(losses) {
      current = glsWeights(losses.map((l) => l.dataSync()[0] as number));
      return geometricMean(losses);
    },
    weights: () => [...current],
  };
}
