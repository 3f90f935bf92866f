// Softmax cross-entropy against integer labels, with the batch's hit count, as one fused kernel
// on the wasm backend (per-kernel engine overhead dominates small models' steps there).
import { tf } from '../tf.mjs';
import { GRAFT_SOFTMAX_XENT, GRAFT_SOFTMAX_XENT_GRAD } from '../backends/wasmKernels/SoftmaxCrossEntropy.ts';
import { correctOf, lossOf } from './evaluate.ts';

export interface LossAndHits {
  /** Mean softmax cross-entropy over the batch (differentiable in the logits). */
  loss: tf.Scalar;
  /** How many rows' first argmax is the label (float32; not differentiable). */
  correct: tf.Scalar;
}

/** Whether the fused kernel takes these labels on this backend (wasm with Graft's kernels). */
export function fusedLossAvailable(labels: tf.Tensor1D): boolean {
  return tf.getBackend() === 'wasm' && (labels.dtype === 'int32' || labels.dtype === 'float32') && tf.getKernel(GRAFT_SOFTMAX_XENT, 'wasm') !== undefined;
}

function fusedKernelApplies(logits: tf.Tensor, labels: tf.Tensor1D): boolean {
  return logits.rank === 2 && logits.dtype === 'float32' && fusedLossAvailable(labels);
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

/**
 * The fused loss and hit count with d(loss)/d(logits), as tf.variableGrads would get them from
 * the kernel's registered gradient (seeded with 1), for a step without the gradient tape
 * (train/step.ts). Only where fusedLossAvailable, on [n, k] float32 logits.
 */
export function sparseSoftmaxCrossEntropyWithGradient(logits: tf.Tensor, labels: tf.Tensor1D): LossAndHits & { dLogits: tf.Tensor } {
  const engine = tf.engine();
  const [loss, correct, probs] = engine.runKernel(GRAFT_SOFTMAX_XENT, { logits, labels }) as tf.Tensor[];
  const dLogits = engine.runKernel(GRAFT_SOFTMAX_XENT_GRAD, { probs: probs!, labels, dy: tf.onesLike(loss!) }) as tf.Tensor;
  probs!.dispose();
  return { loss: loss as tf.Scalar, correct: correct as tf.Scalar, dLogits };
}

/** lossOf, fused on wasm as sparseSoftmaxCrossEntropy is (the hit count is not computed elsewhere). */
export function sparseSoftmaxCrossEntropyLoss(logits: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  if (!fusedKernelApplies(logits, labels)) return lossOf(logits, labels);
  return sparseSoftmaxCrossEntropy(logits, labels).loss;
}
