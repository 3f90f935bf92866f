// Loss and accuracy of a Net on a split, in eval mode, in batches so memory stays bounded.
import { tf } from '../tf.mjs';
import { EVAL_MODE, forward } from '../models/forward.ts';
import type { Net } from '../models/net.ts';

export interface Scores {
  loss: number;
  accuracy: number;
}

const EVAL_BATCH = 256;

/** Mean softmax cross-entropy of logits against integer labels. */
export function lossOf(logits: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  const depth = logits.shape.at(-1) ?? 1;
  return tf.losses.softmaxCrossEntropy(tf.oneHot(labels, depth), logits) as tf.Scalar;
}

export function correctOf(logits: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  return tf.sum(tf.cast(tf.equal(tf.argMax(logits, -1), labels), 'float32'));
}

/** x holds the input of block `from` (raw inputs, or cached features of a frozen bottom). */
export function evaluate(net: Net, x: tf.Tensor, y: tf.Tensor1D, from = 0): Scores {
  const n = x.shape[0] ?? 0;
  if (n === 0) return { loss: Number.NaN, accuracy: Number.NaN };
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < n; start += EVAL_BATCH) {
    const size = Math.min(EVAL_BATCH, n - start);
    const [l, c] = tf.tidy(() => {
      const xb = x.slice(start, size);
      const yb = y.slice(start, size);
      const logits = forward(net, xb, EVAL_MODE, from);
      return [tf.mul(lossOf(logits, yb), size), correctOf(logits, yb)];
    });
    lossSum += (l as tf.Tensor).dataSync()[0] as number;
    correct += (c as tf.Tensor).dataSync()[0] as number;
    tf.dispose([l as tf.Tensor, c as tf.Tensor]);
  }
  return { loss: lossSum / n, accuracy: correct / n };
}
