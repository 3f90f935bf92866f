// The min-norm point in the convex hull of task gradients, min_α ‖Σ α_t g_t‖² with α ≥ 0,
// Σ α = 1 (Sener & Koltun 2018, Algorithms 1–2), from the Gram matrix G[i][j] = g_i·g_j.
// Two tasks have a closed form; more use Frank-Wolfe started from the best pair, as the
// paper's MinNormSolver does.

export interface PairSolution {
  /** Weight on the first vector; the second gets 1 − gamma. */
  gamma: number;
  /** ‖gamma·a + (1 − gamma)·b‖². */
  cost: number;
}

/**
 * min_γ∈[0,1] ‖γa + (1−γ)b‖² from aa = a·a, ab = a·b, bb = b·b: γ* = (bb − ab) / (aa + bb − 2ab),
 * clipped to [0, 1]. When ab ≥ aa the segment's nearest point to 0 is a itself (γ = 1); when
 * ab ≥ bb it is b (γ = 0).
 */
export function minNormOfPair(aa: number, ab: number, bb: number): PairSolution {
  if (ab >= aa) return { gamma: 1, cost: aa };
  if (ab >= bb) return { gamma: 0, cost: bb };
  const denominator = aa + bb - 2 * ab;
  if (denominator <= 0) return { gamma: 0.5, cost: (aa + bb + 2 * ab) / 4 };
  const gamma = (bb - ab) / denominator;
  return { gamma, cost: bb + gamma * (ab - bb) };
}

const MAX_ITERATIONS = 250;
const STOP = 1e-6;

export function minNormWeights(gramMatrix: number[][]): number[] {
  const n = gramMatrix.length;
  const at = (i: number, j: number) => gramMatrix[i]?.[j] ?? 0;
  if (n === 0) return [];
  if (n === 1) return [1];
  // All-zero gradients have no direction to prefer.
  if (gramMatrix.every((row) => row.every((v) => v === 0))) return Array.from({ length: n }, () => 1 / n);
  let best = { i: 0, j: 1, ...minNormOfPair(at(0, 0), at(0, 1), at(1, 1)) };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const pair = minNormOfPair(at(i, i), at(i, j), at(j, j));
      if (pair.cost < best.cost) best = { i, j, ...pair };
    }
  }
  let alpha = Array.from({ length: n }, (_, t) => (t === best.i ? best.gamma : t === best.j ? 1 - best.gamma : 0));
  if (n === 2) return alpha;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    // Frank-Wolfe: move toward the vertex e_t with the smallest directional derivative (Gα)_t.
    const gAlpha = alpha.map((_, i) => alpha.reduce((sum, a, j) => sum + a * at(i, j), 0));
    let t = 0;
    for (let i = 1; i < n; i++) if ((gAlpha[i] as number) < (gAlpha[t] as number)) t = i;
    const aa = alpha.reduce((sum, a, i) => sum + a * (gAlpha[i] as number), 0);
    const { gamma } = minNormOfPair(aa, gAlpha[t] as number, at(t, t));
    const next = alpha.map((a, i) => gamma * a + (i === t ? 1 - gamma : 0));
    const change = next.reduce((sum, a, i) => sum + Math.abs(a - (alpha[i] as number)), 0);
    alpha = next;
    if (change < STOP) break;
  }
  return alpha;
}
