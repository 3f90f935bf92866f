// PCGrad (Yu et al. 2020, "Gradient Surgery for Multi-Task Learning"): where two task
// gradients conflict (negative dot product), project each onto the normal plane of the other,
// g_i ← g_i − (g_i·g_j / ‖g_j‖²)·g_j, visiting the other tasks in a random order per task
// and step (seeded per epoch here, so a resumed run draws the same; the paper's code shuffles
// with Python's global random). The shared
// update is the sum of the projected gradients; task-specific weights keep their own gradient.
import { deriveSeed, mulberry32, shuffleInPlace, type Rng } from '../../../../data/random.ts';
import type { CombinedGradient, GradientWeighting, WeightingContext } from './types.ts';

/** The projected gradients, one per task; `orderOf(i)` gives the other tasks in visiting order. */
export function projectConflicts(grads: Float32Array[], orderOf: (task: number) => number[]): Float32Array[] {
  return grads.map((original, i) => {
    const g = Float64Array.from(original);
    for (const j of orderOf(i)) {
      const other = grads[j] as Float32Array;
      let gDotOther = 0;
      let otherSquared = 0;
      for (let k = 0; k < g.length; k++) {
        gDotOther += (g[k] as number) * (other[k] as number);
        otherSquared += (other[k] as number) ** 2;
      }
      if (gDotOther >= 0 || otherSquared === 0) continue;
      const scale = gDotOther / otherSquared;
      for (let k = 0; k < g.length; k++) g[k] = (g[k] as number) - scale * (other[k] as number);
    }
    return Float32Array.from(g);
  });
}

export function sumVectors(vectors: Float32Array[]): Float32Array {
  const out = new Float64Array(vectors[0]?.length ?? 0);
  for (const v of vectors) for (let k = 0; k < out.length; k++) out[k] = (out[k] as number) + (v[k] as number);
  return Float32Array.from(out);
}

function randomOrder(rng: Rng, count: number): (task: number) => number[] {
  return (task) => shuffleInPlace(Array.from({ length: count }, (_, j) => j).filter((j) => j !== task), rng);
}

export function pcgrad(ctx: WeightingContext): GradientWeighting {
  const count = ctx.tasks.length;
  let rng: Rng = mulberry32(deriveSeed(ctx.seed, 'pcgrad 0'));
  const ones = Array.from({ length: count }, () => 1);
  return {
    name: 'pcgrad',
    kind: 'gradient',
    usesRepresentation: false,
    startEpoch: (history) => {
      rng = mulberry32(deriveSeed(ctx.seed, `pcgrad ${history.length}`));
    },
    combine(input): CombinedGradient {
      const shared = sumVectors(projectConflicts(input.grads, randomOrder(rng, count)));
      return { shared, taskScale: ones, weights: ones };
    },
  };
}
