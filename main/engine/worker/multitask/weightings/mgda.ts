// MGDA-UB (Sener & Koltun 2018): the common descent direction is the min-norm convex
// combination of the task gradients, α = argmin ‖Σ α_t ∇L_t‖². The "upper bound" variant takes
// the gradients with respect to the shared representation Z instead of every shared weight —
// one cheap backward pass through the decoders per task — and applies the resulting α to the
// shared weights' gradients. Task-specific weights follow their own task's gradient
// (Algorithm 2). No gradient normalization: the task losses here are already on comparable
// scales (cross-entropy, and MSE on standardized targets).
import { minNormWeights } from './minNorm.ts';
import type { CombinedGradient, GradientWeighting, WeightingContext } from './types.ts';
import { gram, weightedSum } from './vectors.ts';

export function mgda(ctx: WeightingContext): GradientWeighting {
  const ones = ctx.tasks.map(() => 1);
  return {
    name: 'mgda',
    kind: 'gradient',
    usesRepresentation: true,
    combine(input): CombinedGradient {
      const alpha = minNormWeights(gram(input.repGrads ?? input.grads));
      return { shared: weightedSum(input.grads, alpha), taskScale: ones, weights: alpha };
    },
  };
}
