// Plain weight matrices for the small learned parts that are not tfjs layers (MMoE's gates,
// MTAN's attention), drawn from Graft's seeded streams like every other weight.
import { tf } from '../../tf.mjs';
import type { Rng } from '../../../../data/random.ts';

/** A [rows, cols] variable with Glorot-uniform values from `rng` (zeros when `zero`). */
export function seededMatrix(rows: number, cols: number, rng: Rng, zero = false): tf.Variable<tf.Rank.R2> {
  const limit = Math.sqrt(6 / (rows + cols));
  const values = Float32Array.from({ length: rows * cols }, () => (zero ? 0 : (2 * rng() - 1) * limit));
  return tf.tidy(() => tf.variable(tf.tensor2d(values, [rows, cols]), true)) as tf.Variable<tf.Rank.R2>;
}

export function zeroVector(size: number): tf.Variable<tf.Rank.R1> {
  return tf.tidy(() => tf.variable(tf.zeros([size]), true)) as tf.Variable<tf.Rank.R1>;
}

/** x·W + b over the last axis of x, whatever its rank (a 1×1 convolution on feature maps). */
export function lastAxisDense(x: tf.Tensor, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor {
  const shape = x.shape;
  const flat = tf.reshape(x, [-1, shape[shape.length - 1] ?? 1]);
  const out = tf.add(tf.matMul(flat, w), b);
  return tf.reshape(out, [...shape.slice(0, -1), w.shape[1]]);
}
