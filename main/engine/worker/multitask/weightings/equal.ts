// Equal weighting: the plain sum of task losses, the baseline every other method is measured against.
import { tf } from '../../tf.mjs';
import type { LossWeighting, WeightingContext } from './types.ts';

export function equal(ctx: WeightingContext): LossWeighting {
  const ones = ctx.tasks.map(() => 1);
  return { name: 'equal', kind: 'loss', variables: [], combine: (losses) => tf.addN(losses) as tf.Scalar, weights: () => ones };
}
