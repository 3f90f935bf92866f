// BSS, Batch Spectral Shrinkage (Chen et al. 2019, "Catastrophic Forgetting Meets Negative
// Transfer", NeurIPS): when fine-tuning on little data, the feature matrix F (batch × features,
// the head's input) carries a few spectral components that are specific to the source and hurt
// the target; BSS penalizes the k smallest singular values, η·Σ_{i≤k} σ_{−i}².
//
// tfjs has no SVD. σ² are the eigenvalues of the smaller Gram matrix (FᵀF or FFᵀ), found by the
// Jacobi solver of analysis/. For the gradient: for a symmetric matrix, dλ = uᵀ(dM)u with u the
// unit eigenvector, so σ² = ‖F u‖² (or ‖Fᵀ v‖²) with u held constant has the exact gradient of
// σ² at this F (for a simple eigenvalue), and the penalty is written that way inside the tape.
import { tf } from '../tf.mjs';
import { symmetricEigen } from '../../../../analysis/symmetricEigen.ts';
import { DEFAULT_BSS_ETA, DEFAULT_BSS_K } from '../../../../contract/specRegularizers.ts';
import type { Strategy } from './types.ts';
import { suffixPhase } from './types.ts';

/** The unit eigenvectors, as columns of [size, k], of the k smallest eigenvalues of the smaller Gram matrix of F. */
function smallestDirections(values: Float32Array, rows: number, cols: number, k: number): { side: 'features' | 'batch'; directions: number[][] } {
  const side = cols <= rows ? 'features' : 'batch';
  const size = side === 'features' ? cols : rows;
  const at = side === 'features' ? (i: number, j: number) => values[j * cols + i] as number : (i: number, j: number) => values[i * cols + j] as number;
  const inner = side === 'features' ? rows : cols;
  const gram = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let i = 0; i < size; i++) {
    for (let j = i; j < size; j++) {
      let sum = 0;
      for (let m = 0; m < inner; m++) sum += at(i, m) * at(j, m);
      gram[i]![j] = sum;
      gram[j]![i] = sum;
    }
  }
  const { vectors } = symmetricEigen(gram);
  return { side, directions: vectors.slice(-Math.min(k, size)) };
}

/** η·Σ of the k smallest squared singular values of F ([batch, features]), differentiable in F. */
export function bssPenalty(features: tf.Tensor2D, k: number, eta: number): tf.Scalar {
  const [rows, cols] = features.shape;
  const { side, directions } = smallestDirections(features.dataSync() as Float32Array, rows, cols, k);
  return tf.tidy(() => {
    const u = tf.transpose(tf.tensor2d(directions)) as tf.Tensor2D;
    const projected = side === 'features' ? tf.matMul(features, u) : tf.matMul(features, u, true, false);
    return tf.mul(tf.sum(tf.square(projected)), eta) as tf.Scalar;
  });
}

export const bss: Strategy = {
  name: 'bss',
  transfers: true,
  phaseAt: (_epoch, ctx) => suffixPhase(ctx, 0, ctx.lr * ctx.options.lrFactor),
  regularizer({ options }) {
    const k = options.k ?? DEFAULT_BSS_K;
    const eta = options.eta ?? DEFAULT_BSS_ETA;
    return { penalty: ({ features }) => bssPenalty(features, k, eta), dispose: () => {} };
  },
};
