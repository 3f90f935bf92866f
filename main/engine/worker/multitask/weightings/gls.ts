// Geometric Loss Strategy (Chennupati et al. 2019, "MultiNet++", CVPR workshops): the objective
// is the geometric mean of the task losses, (Π_t L_t)^{1/T}, computed as exp(mean log L_t) so a
// product of small losses does not underflow. Its gradient weighs task t by G/(T·L_t): a task
// whose loss is already small is pushed as hard as one whose loss is large, whatever the units.
import { tf } from '../../tf.mjs';
import type { LossWeighting, WeightingContext } from './types.ts';

// A task with loss exactly 0 on a batch (a head-to-head task with no labelled example in it)
// is left out of that batch's mean: its log would be −∞ and zero every other task's gradient.

/** The tasks with a loss on this batch. */
export function liveTasks(losses: number[]): number[] {
  return losses.flatMap((l, t) => (l > 0 ? [t] : []));
}

/** (Π_t L_t)^{1/T} over the `live` tasks, differentiable in the losses. */
export function geometricMean(losses: tf.Scalar[], live = losses.map((_, t) => t)): tf.Scalar {
  return tf.tidy(() => (live.length === 0 ? tf.scalar(0) : (tf.exp(tf.mean(tf.log(tf.stack(live.map((t) => losses[t] as tf.Scalar))))) as tf.Scalar)));
}

/** ∂G/∂L_t = G/(T·L_t) over the live tasks, 0 for the others: the weight each task's gradient gets, for the log. */
export function glsWeights(losses: number[]): number[] {
  const live = liveTasks(losses);
  const g = Math.exp(live.reduce((sum, t) => sum + Math.log(losses[t] as number), 0) / live.length);
  return losses.map((l, t) => (live.includes(t) ? g / (live.length * l) : 0));
}

export function gls(ctx: WeightingContext): LossWeighting {
  let current = ctx.tasks.map(() => 1 / ctx.tasks.length);
  return {
    name: 'gls',
    kind: 'loss',
    variables: [],
    combine(losses) {
      const values = losses.map((l) => l.dataSync()[0] as number);
      current = glsWeights(values);
      return geometricMean(losses, liveTasks(values));
    },
    weights: () => [...current],
  };
}
