// Soft parameter sharing (Duong et al. 2015): one tower per task, kept close by an L2 penalty
// λ Σ‖W_i − W_j‖² between corresponding weights. No weight is shared outright, so the task
// gradients on the towers never meet (their cosine is 0); the penalty is what couples them.
import { tf } from '../../tf.mjs';
import type { Architecture } from './types.ts';
import { buildSeparateTowers, pairwiseDistance } from './separateTowers.ts';

export const softSharing: Architecture = {
  name: 'soft-sharing',
  build(ctx) {
    const { towers, model } = buildSeparateTowers(ctx);
    const lambda = ctx.penalty;
    return {
      ...model,
      penalty: lambda > 0 && towers.length > 1 ? () => tf.mul(pairwiseDistance(towers), lambda) as tf.Scalar : null,
    };
  },
};
