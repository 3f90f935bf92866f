// Dynamic Weight Average (Liu, Johns & Davison 2019): a task whose loss fell slowly over the
// last epoch gets more weight in the next. With r_t = L_t(k−1) / L_t(k−2), the mean training
// losses of the two previous epochs, w_t(k) = T·exp(r_t/τ) / Σ_i exp(r_i/τ); the first two
// epochs, without two epochs of history, use w = 1.
import { tf } from '../../tf.mjs';
import type { LossWeighting, WeightingContext } from './types.ts';

/** The weights for the next epoch from the per-epoch mean losses so far ([epoch][task]). */
export function dwaWeights(history: number[][], taskCount: number, temperature: number): number[] {
  const last = history.at(-1);
  const before = history.at(-2);
  if (!last || !before) return Array.from({ length: taskCount }, () => 1);
  const ratios = Array.from({ length: taskCount }, (_, t) => (last[t] ?? 0) / (before[t] || 1));
  // Subtracting the max leaves the softmax unchanged and keeps exp from overflowing.
  const top = Math.max(...ratios.map((r) => r / temperature));
  const exps = ratios.map((r) => Math.exp(r / temperature - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => (taskCount * e) / total);
}

export function dwa(ctx: WeightingContext): LossWeighting {
  const count = ctx.tasks.length;
  let current = Array.from({ length: count }, () => 1);
  return {
    name: 'dwa',
    kind: 'loss',
    variables: [],
    startEpoch: (history) => {
      current = dwaWeights(history, count, ctx.options.temperature);
    },
    combine: (losses) => tf.addN(losses.map((l, t) => tf.mul(l, current[t] ?? 1))) as tf.Scalar,
    weights: () => [...current],
  };
}
