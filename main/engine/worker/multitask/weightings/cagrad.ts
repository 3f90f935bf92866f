// CAGrad, conflict-averse gradient descent (Liu et al. 2021, NeurIPS), as in LibMTL: the update
// d maximizes the worst task's improvement within a ball of radius c·‖g₀‖ around the mean
// gradient g₀. Its dual is a small problem on the simplex,
//   min_w  wᵀG·b + c·‖g₀‖·√(wᵀG w),   b = (1/T, …, 1/T),  G[i][j] = g_i·g_j,
// and then d = g₀ + (c·‖g₀‖/‖g_w‖)·g_w with g_w = Σ w_t g_t, divided by (1 + c²) (LibMTL's
// rescale = 1). c = 0 is the mean gradient; a large c approaches MGDA. LibMTL solves the dual
// with SciPy's SLSQP; here Frank-Wolfe with an exact line search, which suits a convex problem on
// a simplex of at most 16 corners.
import { DEFAULT_CAGRAD_C } from '../../../../../contract/specMultitask.ts';
import type { CombinedGradient, GradientWeighting, WeightingContext } from './types.ts';
import { gram, norm, weightedSum } from './vectors.ts';

const SMALL = 1e-8;
const ITERATIONS = 500;
const LINE_SEARCH_STEPS = 60;
const GOLDEN = (Math.sqrt(5) - 1) / 2;

function matVec(m: number[][], v: number[]): number[] {
  return m.map((row) => row.reduce((sum, x, j) => sum + x * (v[j] ?? 0), 0));
}
function dotN(a: number[], b: number[]): number {
  return a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
}

/** The dual's objective F(w) = wᵀG·b + radius·√(wᵀG w + 1e-8), with b the uniform weights. */
export function cagradDual(g: number[][], w: number[], radius: number): number {
  const uniform = w.map(() => 1 / w.length);
  const gw = matVec(g, w);
  return dotN(gw, uniform) + radius * Math.sqrt(dotN(w, gw) + SMALL);
}

/** argmin of cagradDual on the simplex (Frank-Wolfe, golden-section line search). */
export function cagradWeights(g: number[][], radius: number): number[] {
  const n = g.length;
  let w = Array.from({ length: n }, () => 1 / n);
  const gb = matVec(g, w);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const gw = matVec(g, w);
    const root = Math.sqrt(dotN(w, gw) + SMALL);
    const gradient = gb.map((x, i) => x + (radius * (gw[i] ?? 0)) / root);
    let corner = 0;
    for (let i = 1; i < n; i++) if ((gradient[i] as number) < (gradient[corner] as number)) corner = i;
    // The Frank-Wolfe gap bounds how far F(w) is above the minimum.
    const gap = dotN(gradient, w) - (gradient[corner] as number);
    if (gap < 1e-12) break;
    const along = (step: number) => w.map((x, i) => (1 - step) * x + (i === corner ? step : 0));
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < LINE_SEARCH_STEPS; k++) {
      const a = hi - GOLDEN * (hi - lo);
      const b = lo + GOLDEN * (hi - lo);
      if (cagradDual(g, along(a), radius) <= cagradDual(g, along(b), radius)) hi = b;
      else lo = a;
    }
    w = along((lo + hi) / 2);
  }
  return w;
}

/** The CAGrad update from the task gradients; `c` is the ball's radius relative to ‖g₀‖. */
export function cagradDirection(grads: Float32Array[], c: number): { direction: Float32Array; w: number[] } {
  const g = gram(grads);
  const count = grads.length;
  const meanGram = g.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0) / (count * count);
  const radius = c * Math.sqrt(meanGram + SMALL) + SMALL;
  const w = cagradWeights(g, radius);
  const gw = weightedSum(grads, w);
  const lambda = radius / (norm(gw) + SMALL);
  const mix = grads.map((_, t) => (1 / count + lambda * (w[t] ?? 0)) / (1 + c * c));
  return { direction: weightedSum(grads, mix), w: mix };
}

export function cagrad(ctx: WeightingContext): GradientWeighting {
  const c = ctx.options.c ?? DEFAULT_CAGRAD_C;
  const ones = ctx.tasks.map(() => 1);
  return {
    name: 'cagrad',
    kind: 'gradient',
    usesRepresentation: false,
    combine(input): CombinedGradient {
      const { direction, w } = cagradDirection(input.grads, c);
      return { shared: direction, taskScale: ones, weights: w };
    },
  };
}
