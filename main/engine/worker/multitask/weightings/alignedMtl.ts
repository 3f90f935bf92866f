// Aligned-MTL (Senushkin et al. 2023, CVPR), as in LibMTL: make the task gradients'
// matrix well conditioned before summing them. With G = [g_1 … g_T], M = GGᵀ = VΛVᵀ, the
// aligned gradients are √λ_min·V Λ^{-1/2} Vᵀ applied to G, so every principal direction of the
// task gradients gets the same magnitude, the smallest singular value (no direction, and so no
// task, dominates), and the update is their sum: Σ_t α_t g_t with α = column sums of
// B = √λ_min·VΛ^{-1/2}Vᵀ. Directions with eigenvalue below rounding (linearly dependent
// gradients) are dropped, λ_min being the smallest kept.
import { symmetricEigen } from '../../../../../analysis/symmetricEigen.ts';
import type { CombinedGradient, GradientWeighting, WeightingContext } from './types.ts';
import { gram, weightedSum } from './vectors.ts';

/** float32's machine epsilon: the gradients are float32, so smaller eigenvalues are noise. */
const FLOAT32_EPSILON = 2 ** -23;

export function alignedWeights(grads: Float32Array[]): number[] {
  const count = grads.length;
  const { values, vectors } = symmetricEigen(gram(grads));
  const tolerance = Math.max(values[0] ?? 0, 0) * count * FLOAT32_EPSILON;
  const kept = values.map((v, k) => k).filter((k) => (values[k] as number) > tolerance);
  if (kept.length === 0) return grads.map(() => 0);
  const smallest = Math.sqrt(values[kept[kept.length - 1] as number] as number);
  // α_j = Σ_i B[i][j] = √λ_min·Σ_k (Σ_i V[i][k])·V[j][k] / √λ_k.
  return Array.from({ length: count }, (_, j) =>
    kept.reduce((sum, k) => {
      const v = vectors[k] as number[];
      const columnSum = v.reduce((a, b) => a + b, 0);
      return sum + (smallest * columnSum * (v[j] as number)) / Math.sqrt(values[k] as number);
    }, 0),
  );
}

export function alignedMtl(ctx: WeightingContext): GradientWeighting {
  const ones = ctx.tasks.map(() => 1);
  return {
    name: 'aligned-mtl',
    kind: 'gradient',
    usesRepresentation: false,
    combine(input): CombinedGradient {
      const alpha = alignedWeights(input.grads);
      return { shared: weightedSum(input.grads, alpha), taskScale: ones, weights: alpha };
    },
  };
}
