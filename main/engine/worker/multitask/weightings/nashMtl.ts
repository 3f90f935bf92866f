// Nash-MTL (Navon et al. 2022, ICML): the update is the Nash bargaining solution between tasks,
// Σ_t α_t g_t with α > 0 solving Gα = 1/α (elementwise), G the Gram matrix of the task
// gradients. Each task's share of the update's inner product is then exactly 1/α_t: a task with
// a small or conflicting gradient gets a large α. As in the authors' code, G is first divided by
// its Frobenius norm (so α is scale-free), and α is applied to the raw gradients.
//
// Gα = 1/α is where f(α) = ½αᵀGα − Σ log α_t is stationary, and f is strictly convex on α > 0,
// so Newton's method with a step kept inside α > 0 finds the unique solution (the authors' code
// approximates the same point by a sequence of convex programs, 20 per step). A tiny ridge keeps
// it bounded when two gradients point in exactly opposite directions.
import type { CombinedGradient, GradientWeighting, WeightingContext } from './types.ts';
import { gram, weightedSum } from './vectors.ts';

const RIDGE = 1e-8;
const ITERATIONS = 100;
const STOP = 1e-10;

/** Solves m·x = v by Gaussian elimination with partial pivoting (m is small and positive definite here). */
export function solveLinear(m: number[][], v: number[]): number[] {
  const n = v.length;
  const a = m.map((row, i) => [...row, v[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let r = col + 1; r < n; r++) {
      const factor = a[r]![col]! / a[col]![col]!;
      for (let k = col; k <= n; k++) a[r]![k] = a[r]![k]! - factor * a[col]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = a[r]![n]!;
    for (let k = r + 1; k < n; k++) sum -= a[r]![k]! * x[k]!;
    x[r] = sum / a[r]![r]!;
  }
  return x;
}

function objective(g: number[][], alpha: number[]): number {
  let quadratic = 0;
  alpha.forEach((ai, i) => alpha.forEach((aj, j) => (quadratic += ai * aj * g[i]![j]!)));
  return quadratic / 2 - alpha.reduce((sum, a) => sum + Math.log(a), 0);
}

/** The α > 0 with Gα = 1/α (G positive semi-definite, positive diagonal). */
export function bargainingWeights(g: number[][]): number[] {
  const n = g.length;
  const ridged = g.map((row, i) => row.map((x, j) => x + (i === j ? RIDGE : 0)));
  // Start where each task alone would be: g_ii·α_i = 1/α_i.
  let alpha = ridged.map((row, i) => 1 / Math.sqrt(row[i]!));
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const gAlpha = ridged.map((row) => row.reduce((sum, x, j) => sum + x * alpha[j]!, 0));
    const gradient = gAlpha.map((x, i) => x - 1 / alpha[i]!);
    if (gradient.every((x, i) => Math.abs(x * alpha[i]!) < STOP)) break;
    const hessian = ridged.map((row, i) => row.map((x, j) => x + (i === j ? 1 / alpha[i]! ** 2 : 0)));
    const stepDirection = solveLinear(hessian, gradient);
    // Backtrack: stay inside α > 0 and never increase f.
    let step = 1;
    const before = objective(ridged, alpha);
    for (let k = 0; k < 60; k++, step /= 2) {
      const next = alpha.map((a, i) => a - step * stepDirection[i]!);
      if (next.every((a) => a > 0) && objective(ridged, next) <= before) {
        alpha = next;
        break;
      }
    }
  }
  return alpha.slice(0, n);
}

/** α for the task gradients, on the Gram matrix scaled to unit Frobenius norm; 0 for a task with no gradient. */
export function nashWeights(grads: Float32Array[]): number[] {
  const g = gram(grads);
  const frobenius = Math.sqrt(g.reduce((sum, row) => sum + row.reduce((a, x) => a + x * x, 0), 0));
  if (frobenius === 0) return grads.map(() => 0);
  const live = g.map((row, i) => i).filter((i) => g[i]![i]! > 1e-12 * frobenius);
  const alpha = bargainingWeights(live.map((i) => live.map((j) => g[i]![j]! / frobenius)));
  const out = grads.map(() => 0);
  live.forEach((i, k) => (out[i] = alpha[k]!));
  return out;
}

export function nashMtl(ctx: WeightingContext): GradientWeighting {
  const ones = ctx.tasks.map(() => 1);
  return {
    name: 'nash-mtl',
    kind: 'gradient',
    usesRepresentation: false,
    combine(input): CombinedGradient {
      const alpha = nashWeights(input.grads);
      return { shared: weightedSum(input.grads, alpha), taskScale: ones, weights: alpha };
    },
  };
}
