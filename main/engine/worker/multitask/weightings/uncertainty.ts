// Uncertainty weighting (Kendall, Gal & Cipolla 2018): each task t learns s_t = log σ_t², and
// the objective is Σ_t c_t·exp(−s_t)·L_t + s_t/2, so noisy tasks get a low weight while the
// s_t/2 term (= log σ_t) keeps σ from growing without bound. Learning log σ² rather than σ keeps
// it unconstrained and the division stable.
//
// c_t follows the paper's derivations per likelihood: ½ for regression (Gaussian:
// L/(2σ²) + log σ) and 1 for classification (scaled softmax: L/σ² + log σ). LibMTL uses ½ for
// every task; with both kinds of tasks in one model the paper's form is the principled one.
import { tf } from '../../tf.mjs';
import type { MultitaskTaskType } from '../../../../../contract/specMultitask.ts';
import type { LossWeighting, WeightingContext } from './types.ts';

export function likelihoodFactor(type: MultitaskTaskType): number {
  return type === 'regression' ? 0.5 : 1;
}

/** Σ_t c_t·exp(−s_t)·L_t + s_t/2, differentiable in both the losses and s. */
export function uncertaintyObjective(losses: tf.Scalar[], logVariance: tf.Tensor1D, factors: number[]): tf.Scalar {
  return tf.tidy(() => {
    const l = tf.stack(losses) as tf.Tensor1D;
    const precision = tf.mul(tf.exp(tf.neg(logVariance)), tf.tensor1d(factors));
    return tf.sum(tf.add(tf.mul(precision, l), tf.mul(logVariance, 0.5))) as tf.Scalar;
  });
}

export function uncertainty(ctx: WeightingContext): LossWeighting {
  const factors = ctx.tasks.map((t) => likelihoodFactor(t.type));
  // s = 0 is σ = 1: every task starts at its likelihood's plain weight.
  const logVariance = tf.tidy(() => tf.variable(tf.zeros([ctx.tasks.length]), true)) as tf.Variable<tf.Rank.R1>;
  return {
    name: 'uncertainty',
    kind: 'loss',
    variables: [logVariance],
    combine: (losses) => uncertaintyObjective(losses, logVariance, factors),
    weights: () => Array.from(logVariance.dataSync(), (s, t) => (factors[t] ?? 1) * Math.exp(-s)),
    dispose: () => logVariance.dispose(),
  };
}
