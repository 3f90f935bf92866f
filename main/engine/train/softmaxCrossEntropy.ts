// Softmax cross-entropy against integer labels, with the batch's hit count, as one fused kernel
// on the wasm backend (per-kernel engine overhead dominates small models' steps there).
import * as tf from '@tensorflow/tfjs';
import { GRAFT_SOFTMAX_XENT } from '../backends/wasmKernels/SoftmaxCrossEntropy.ts';
import { correctOf, lossOf } from './evaluate.ts';

export interface LossAndHits {
  /** Mean softmax cross-entropy over the batch (differentiable in the logits). */
  loss: tf.Scalar;
  /** How many rows' first argmax is the label (float32; not differentiable). */
  correct: tf.Scalar;
}

function fusedKernelApplies(logits: tf.Tensor, labels: tf.Tensor1D): boolean {
  return (
    tf.getBackend() === 'wasm' &&
    logits.rank === 2 &&
    logits.dtype === 'float32' &&
    (labels.dtype === 'int32' || labels.dtype === 'float32') &&
    tf.getKernel(GRAFT_SOFTMAX_XENT, 'wasm') !== undefined
  );
}

/**
 * lossOf and correctOf at once. On wasm (with Graft's kernels registered) it is one kernel
 * forward and one backward, instead of ~25, and a label outside [0, k) is an error naming it
 * and its row (tfjs' oneHot would silently make that row's loss 0). On other backends it is
 * exactly lossOf and correctOf.
 */
export function sparseSoftmaxCrossEntropy(logits: tf.Tensor, labels: tf.Tensor1D): LossAndHits {
  if (!fusedKernelApplies(logits, labels)) return { loss: lossOf(logits, labels), correct: correctOf(logits, labels) };
  const [loss, correct] = tf.engine().runKernel(GRAFT_SOFTMAX_XENT, { logits, labels }) as tf.Tensor[];
  return { loss: loss as tf.Scalar, correct: correct as tf.Scalar };
}

/** lossOf, fused on wasm as sparseSoftmaxCrossEntropy is (the hit count is not computed elsewhere). */
export function sparseSoftmaxCrossEntropyLoss(logits: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  if (!fusedKernelApplies(logits, labels)) return lossOf(logits, labels);
  return sparseSoftmaxCrossEntropy(logits, labels).loss;
}
