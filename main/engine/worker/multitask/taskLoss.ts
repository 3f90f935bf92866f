// Each task's loss, prediction and scores. Classification: softmax cross-entropy on logits.
// Regression: MSE on the standardized target, so a task measured in grams does not outweigh
// one measured in probabilities; its MAE and RMSE go back to the target's own units.
import { tf } from '../tf.mjs';
import { sparseSoftmaxCrossEntropyLoss } from '../transfer/softmaxCrossEntropy.ts';
import type { TaskInfo } from './data.ts';
import { accuracy, macroF1, meanAbsoluteError, rootMeanSquaredError } from './metrics.ts';

export function taskLoss(output: tf.Tensor, target: tf.Tensor1D, task: TaskInfo): tf.Scalar {
  return tf.tidy(() => {
    if (task.partial) return labelledLoss(output, target, task);
    if (task.type === 'classification') return sparseSoftmaxCrossEntropyLoss(output, target);
    return tf.mean(tf.square(tf.sub(tf.reshape(output, [-1]), target))) as tf.Scalar;
  });
}

/**
 * A task labelled on some examples only (head-to-head multitask arms: each example belongs to
 * one task; NO_LABEL = −1 elsewhere): the mean cross-entropy over the labelled examples, 0 for
 * a batch without any, so an unlabelled example neither pulls on the head nor dilutes the loss.
 */
function labelledLoss(output: tf.Tensor, target: tf.Tensor1D, task: TaskInfo): tf.Scalar {
  if (task.type !== 'classification') throw new Error(`task "${task.name}": partial labels are supported for classification only`);
  const mask = tf.cast(tf.greaterEqual(target, 0), 'float32');
  const safe = tf.maximum(target, tf.scalar(0, 'int32')) as tf.Tensor1D;
  const perExample = tf.losses.softmaxCrossEntropy(tf.oneHot(safe, task.units), output, undefined, undefined, tf.Reduction.NONE);
  return tf.div(tf.sum(tf.mul(perExample, mask)), tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
}

/** Class indices (int32), or the standardized regression output. */
export function taskPrediction(output: tf.Tensor, task: TaskInfo): tf.Tensor1D {
  return tf.tidy(() => (task.type === 'classification' ? (tf.argMax(output, -1) as tf.Tensor1D) : (tf.reshape(output, [-1]) as tf.Tensor1D)));
}

/** accuracy and f1, or mae and rmse in original units, from predictions as taskPrediction gives them. */
export function scoreTask(task: TaskInfo, predicted: ArrayLike<number>, raw: ArrayLike<number>): Record<string, number> {
  if (task.partial) {
    // Scored on the examples labelled for this task only (label −1 = another task's example).
    const keep = Array.from({ length: raw.length }, (_, i) => i).filter((i) => (raw[i] as number) >= 0);
    return scoreTask({ ...task, partial: false }, keep.map((i) => predicted[i] as number), keep.map((i) => raw[i] as number));
  }
  if (task.type === 'classification') {
    return { accuracy: accuracy(predicted, raw), f1: macroF1(predicted, raw, task.units) };
  }
  const original = Float64Array.from({ length: predicted.length }, (_, i) => (predicted[i] as number) * task.std + task.mean);
  return { mae: meanAbsoluteError(original, raw), rmse: rootMeanSquaredError(original, raw) };
}
