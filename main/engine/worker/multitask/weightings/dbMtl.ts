// DB-MTL, dual-balancing multi-task learning (Lin et al. 2023, arXiv:2308.12029), as in LibMTL:
//  - loss-scale balancing: each task trains on log(L_t + ε) instead of L_t, so a loss in grams
//    and one in nats pull equally; ∇ log L_t = ∇L_t / (L_t + ε).
//  - gradient-magnitude balancing: an exponential average ĝ_t of each task's (log-loss) gradient
//    on the shared weights, with momentum β/k^0.5 at step k (so early steps trust the newest
//    gradient), is rescaled to the largest norm among the tasks: update = Σ_t (max‖ĝ‖/‖ĝ_t‖)·ĝ_t.
// Task-specific weights follow their own log loss, i.e. their gradient scaled by 1/(L_t + ε).
import { DEFAULT_DB_MTL_BETA } from '../../../../../contract/specMultitask.ts';
import type { CombinedGradient, GradientWeighting, TaskGradients, WeightingContext } from './types.ts';
import { norm, weightedSum } from './vectors.ts';

const EPSILON = 1e-8;
/** LibMTL's beta_sigma: the momentum decays as β/k^0.5. */
const MOMENTUM_DECAY = 0.5;

/** ĝ ← g + (β/k^σ)·(ĝ − g), per task, in place; the buffer starts at zero. */
export function updateGradientAverage(buffer: Float64Array[], logGrads: Float32Array[], beta: number, step: number): void {
  const momentum = beta / step ** MOMENTUM_DECAY;
  logGrads.forEach((g, t) => {
    const b = buffer[t] as Float64Array;
    for (let i = 0; i < g.length; i++) b[i] = (g[i] as number) + momentum * ((b[i] as number) - (g[i] as number));
  });
}

/** max_s‖ĝ_s‖ / ‖ĝ_t‖: the factor that brings every task's average gradient to the largest norm. */
export function magnitudeBalance(norms: number[]): number[] {
  const top = Math.max(...norms);
  return norms.map((n) => top / (n + EPSILON));
}

export function dbMtl(ctx: WeightingContext): GradientWeighting {
  const beta = ctx.options.beta ?? DEFAULT_DB_MTL_BETA;
  let buffer: Float64Array[] = [];
  let step = 0;
  return {
    name: 'db-mtl',
    kind: 'gradient',
    usesRepresentation: false,
    // The average gradient is part of the method's state: without it a resumed run restarts at k = 1.
    state: () => ({ step, ...Object.fromEntries(buffer.map((b, t) => [`average${t}`, Array.from(b)])) }),
    restore(state) {
      step = state['step'] as number;
      buffer = ctx.tasks.map((_, t) => Float64Array.from((state[`average${t}`] as number[] | undefined) ?? []));
    },
    combine(input: TaskGradients): CombinedGradient {
      const scales = input.losses.map((l) => 1 / (l + EPSILON));
      const logGrads = input.grads.map((g, t) => Float32Array.from(g, (x) => x * (scales[t] as number)));
      if (buffer.length !== logGrads.length || buffer[0]?.length !== logGrads[0]?.length) buffer = logGrads.map((g) => new Float64Array(g.length));
      step++;
      updateGradientAverage(buffer, logGrads, beta, step);
      const averages = buffer.map((b) => Float32Array.from(b));
      const alpha = magnitudeBalance(averages.map(norm));
      return { shared: weightedSum(averages, alpha), taskScale: scales, weights: alpha };
    },
  };
}
