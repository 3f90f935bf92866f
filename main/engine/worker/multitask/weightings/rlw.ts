// Random Loss Weighting (Lin et al. 2022, "Reasonable Effectiveness of Random Weighting", TMLR):
// every step draws λ ~ N(0, I) and weighs the task losses by softmax(λ). The papers' point is
// that this baseline is hard to beat. As in LibMTL, the weights sum to 1 (equal weighting's sum
// to T). The draws are seeded per epoch, so a run resumed from a checkpoint draws the same.
import { tf } from '../../tf.mjs';
import { deriveSeed, mulberry32, type Rng } from '../../../../data/random.ts';
import type { LossWeighting, WeightingContext } from './types.ts';

/** One standard normal draw (Box-Muller; 1 − u keeps the logarithm finite). */
export function standardNormal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

export function softmax(values: number[]): number[] {
  const top = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

export function rlw(ctx: WeightingContext): LossWeighting {
  const count = ctx.tasks.length;
  let rng: Rng = mulberry32(deriveSeed(ctx.seed, 'rlw 0'));
  let current = Array.from({ length: count }, () => 1 / count);
  return {
    name: 'rlw',
    kind: 'loss',
    variables: [],
    startEpoch: (history) => {
      rng = mulberry32(deriveSeed(ctx.seed, `rlw ${history.length}`));
    },
    combine(losses) {
      current = softmax(losses.map(() => standardNormal(rng)));
      return tf.addN(losses.map((l, t) => tf.mul(l, current[t] ?? 0))) as tf.Scalar;
    },
    weights: () => [...current],
  };
}
