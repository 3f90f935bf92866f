// Graft's seeded initializers. tfjs initializers draw from Math.random unless each is given a
// seed, and their seeded streams differ by op order; writing every weight from our own PRNG
// makes same spec + seed + backend give identical weights, and so identical metrics.
import { tf } from '../tf.mjs';
import type { Rng } from '../../../data/random.ts';
import type { Block } from './net.ts';

/** fan-in and fan-out of a kernel: [in, out] for dense, [kh, kw, in, out] for conv. */
function fans(shape: readonly number[]): [number, number] {
  if (shape.length === 2) return [shape[0] ?? 1, shape[1] ?? 1];
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [(shape.at(-2) ?? 1) * receptive, (shape.at(-1) ?? 1) * receptive];
}

export function glorotUniform(shape: readonly number[], rng: Rng): Float32Array {
  const [fanIn, fanOut] = fans(shape);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < out.length; i++) out[i] = (rng() * 2 - 1) * limit;
  return out;
}

function initialValues(weightName: string, shape: readonly number[], rng: Rng): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const leaf = weightName.split('/').pop() ?? weightName;
  if (leaf.startsWith('kernel') || leaf.startsWith('embeddings')) return glorotUniform(shape, rng);
  if (leaf.startsWith('gamma') || leaf.startsWith('moving_variance')) return new Float32Array(size).fill(1);
  return new Float32Array(size); // bias, beta, moving_mean
}

/** Writes seeded initial values into every weight of the given blocks, in block order. */
export function initializeBlocks(blocks: Block[], rng: Rng): void {
  for (const block of blocks) {
    for (const layer of block.layers) {
      for (const w of layer.weights) {
        const shape = w.shape.map((d) => d ?? 1);
        const values = tf.tensor(initialValues(w.originalName, shape, rng), shape, 'float32');
        w.write(values);
        values.dispose();
      }
    }
  }
}
