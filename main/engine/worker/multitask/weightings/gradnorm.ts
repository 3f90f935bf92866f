// GradNorm (Chen et al. 2018): learn task weights w_t so that each task's weighted gradient norm
// on the shared weights, G_t = ‖∇_W w_t L_t‖, moves toward Ḡ·r_t^α, where Ḡ is the mean G_t and
// r_t = L̃_t / mean(L̃) with L̃_t = L_t / L_t(0) the task's inverse training rate. A task that
// trains slower than the others (r_t > 1) is pushed up; α sets how hard. The weights are
// renormalized to Σ w_t = T after each update, as in the paper.
//
// W is every encoder weight (as LibMTL does), not only the last shared layer: the gradients are
// computed on the encoder anyway, and the last layer alone is arbitrary for cross-stitch.
// The weights step with Adam at the run's learning rate, like LibMTL's shared optimizer.
import type { CombinedGradient, GradientWeighting, TaskGradients, WeightingContext } from './types.ts';
import { norm, weightedSum } from './vectors.ts';

/**
 * ∂L_grad/∂w_t for L_grad = Σ_t |w_t·n_t − Ḡ·r_t^α|, with n_t = ‖∇_W L_t‖ and the target held
 * constant (the paper's treatment): sign(G_t − target_t)·n_t.
 */
export function gradNormWeightGradient(weights: number[], norms: number[], losses: number[], initialLosses: number[], alpha: number): number[] {
  const count = weights.length;
  const g = weights.map((w, t) => w * (norms[t] ?? 0));
  const meanG = g.reduce((a, b) => a + b, 0) / count;
  const inverseRate = losses.map((l, t) => l / ((initialLosses[t] ?? 1) || 1));
  const meanRate = inverseRate.reduce((a, b) => a + b, 0) / count || 1;
  return g.map((gt, t) => {
    const target = meanG * ((inverseRate[t] ?? 0) / meanRate) ** alpha;
    return Math.sign(gt - target) * (norms[t] ?? 0);
  });
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;
/** Weights stay positive: a task weighted to zero could never come back. */
const MIN_WEIGHT = 1e-3;

export function gradnorm(ctx: WeightingContext): GradientWeighting {
  const count = ctx.tasks.length;
  let weights = Array.from({ length: count }, () => 1);
  let initialLosses: number[] | null = null;
  const m = new Float64Array(count);
  const v = new Float64Array(count);
  let step = 0;
  return {
    name: 'gradnorm',
    kind: 'gradient',
    usesRepresentation: false,
    state: () => ({ weights: [...weights], initialLosses: initialLosses ? [...initialLosses] : null, m: Array.from(m), v: Array.from(v), step }),
    restore(state) {
      weights = [...(state['weights'] as number[])];
      initialLosses = (state['initialLosses'] as number[] | null) ?? null;
      m.set(state['m'] as number[]);
      v.set(state['v'] as number[]);
      step = state['step'] as number;
    },
    combine(input: TaskGradients): CombinedGradient {
      initialLosses ??= [...input.losses];
      const used = [...weights];
      const shared = weightedSum(input.grads, used);
      const norms = input.grads.map(norm);
      const gradient = gradNormWeightGradient(used, norms, input.losses, initialLosses, ctx.options.alpha);
      step++;
      const next = used.map((w, t) => {
        const g = gradient[t] ?? 0;
        m[t] = BETA1 * (m[t] as number) + (1 - BETA1) * g;
        v[t] = BETA2 * (v[t] as number) + (1 - BETA2) * g * g;
        const mHat = (m[t] as number) / (1 - BETA1 ** step);
        const vHat = (v[t] as number) / (1 - BETA2 ** step);
        return Math.max(MIN_WEIGHT, w - (ctx.lr * mHat) / (Math.sqrt(vHat) + EPSILON));
      });
      const total = next.reduce((a, b) => a + b, 0);
      weights = next.map((w) => (count * w) / total);
      return { shared, taskScale: used, weights: used };
    },
  };
}
