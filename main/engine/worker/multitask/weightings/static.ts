// Static weighting: the user's fixed weight per task (in task order), e.g. from a grid search.
import { tf } from '../../tf.mjs';
import type { LossWeighting, WeightingContext } from './types.ts';

export function staticWeights(ctx: WeightingContext): LossWeighting {
  const weights = ctx.options.weights;
  // The spec validator checks this too; a config edited by hand must still fail clearly.
  if (!weights || weights.length !== ctx.tasks.length) {
    throw new Error(
      `weighting "static" needs one weight per task (${ctx.tasks.map((t) => t.name).join(', ')}); got ${weights ? `${weights.length} weight(s)` : 'none'}`,
    );
  }
  return {
    name: 'static',
    kind: 'loss',
    variables: [],
    combine: (losses) => tf.addN(losses.map((l, t) => tf.mul(l, weights[t] ?? 0))) as tf.Scalar,
    weights: () => [...weights],
  };
}
