import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf.mjs';
import { randomSource, randomTensor, relativeError, startWasm } from './kernelTesting.ts';

beforeAll(startWasm);

// A tiny network touching every gradient kernel a CNN/MLP needs: conv (stride 1 and 2), depthwise
// conv, max pooling, batch norm, an embedding lookup (gather), dense layers and softmax
// cross-entropy. Dropout is left out: its mask is random, so the two backends would differ.
const SHAPES: Record<string, number[]> = {
  conv1: [3, 3, 3, 6],
  bias1: [6],
  depthwise: [3, 3, 6, 2],
  bnScale: [12],
  bnOffset: [12],
  conv2: [2, 2, 12, 8],
  embedding: [10, 4],
  dense: [2 * 2 * 8 + 4, 5],
  denseBias: [5],
};

function loss(v: Record<string, tf.Variable>, x: tf.Tensor4D, ids: tf.Tensor1D, labels: tf.Tensor2D): tf.Scalar {
  let h = tf.relu(tf.add(tf.conv2d(x, v.conv1 as tf.Tensor4D, 1, 'same'), v.bias1!)) as tf.Tensor4D;
  h = tf.tanh(tf.depthwiseConv2d(h, v.depthwise as tf.Tensor4D, 2, 'same'));
  h = tf.maxPool(h, 2, 1, 'same');
  const { mean, variance } = tf.moments(h, [0, 1, 2]);
  h = tf.batchNorm(h, mean, variance, v.bnOffset as tf.Tensor1D, v.bnScale as tf.Tensor1D, 1e-3) as tf.Tensor4D;
  h = tf.conv2d(h, v.conv2 as tf.Tensor4D, 2, 'valid');
  const features = tf.concat([tf.reshape(h, [x.shape[0], -1]), tf.gather(v.embedding!, ids)], 1);
  const logits = tf.add(tf.matMul(features, v.dense!), v.denseBias!);
  return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
}

async function gradientsOn(backend: 'cpu' | 'wasm'): Promise<Record<string, Float32Array>> {
  await tf.setBackend(backend);
  const random = randomSource(42);
  const variables = Object.fromEntries(
    Object.entries(SHAPES).map(([name, shape]) => [name, tf.variable(tf.tensor(randomTensor(random, shape).values, shape), true, `${name}_${backend}`)]),
  );
  const x = tf.tensor4d(randomTensor(random, [3, 8, 8, 3]).values, [3, 8, 8, 3]);
  const ids = tf.tensor1d([1, 7, 1], 'int32');
  const labels = tf.oneHot(tf.tensor1d([0, 3, 4], 'int32'), 5) as tf.Tensor2D;
  const { grads } = tf.variableGrads(() => loss(variables, x, ids, labels));
  const out: Record<string, Float32Array> = {};
  for (const [name, g] of Object.entries(grads)) out[name.replace(`_${backend}`, '')] = (await g.data()) as Float32Array;
  tf.dispose([...Object.values(grads), ...Object.values(variables), x, ids, labels]);
  return out;
}

describe('training on wasm', () => {
  it("a small conv net's gradients equal the cpu backend's", async () => {
    const cpu = await gradientsOn('cpu');
    const wasm = await gradientsOn('wasm');
    expect(Object.keys(wasm).sort()).toEqual(Object.keys(SHAPES).sort());
    for (const name of Object.keys(SHAPES)) {
      expect(relativeError(wasm[name]!, cpu[name]!), name).toBeLessThan(1e-4);
    }
  });

  it('trains a layers model with conv, separable conv, pooling, batch norm, dropout, embedding and Adam', async () => {
    await tf.setBackend('wasm');
    tf.util.assert(tf.getBackend() === 'wasm', () => 'wasm backend expected');
    const image = tf.input({ shape: [12, 12, 1] });
    const token = tf.input({ shape: [1], dtype: 'int32' });
    let h = tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }).apply(image) as tf.SymbolicTensor;
    h = tf.layers.separableConv2d({ filters: 6, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(h) as tf.SymbolicTensor;
    h = tf.layers.maxPooling2d({ poolSize: 2 }).apply(h) as tf.SymbolicTensor;
    h = tf.layers.batchNormalization().apply(h) as tf.SymbolicTensor;
    h = tf.layers.flatten().apply(h) as tf.SymbolicTensor;
    const e = tf.layers.flatten().apply(tf.layers.embedding({ inputDim: 5, outputDim: 3 }).apply(token)) as tf.SymbolicTensor;
    h = tf.layers.concatenate().apply([h, e]) as tf.SymbolicTensor;
    h = tf.layers.dropout({ rate: 0.2 }).apply(h) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(h) as tf.SymbolicTensor;
    const model = tf.model({ inputs: [image, token], outputs: out });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });

    const random = randomSource(9);
    const xs = tf.tensor4d(randomTensor(random, [16, 12, 12, 1]).values, [16, 12, 12, 1]);
    const tokens = tf.tensor2d(Int32Array.from({ length: 16 }, (_, i) => i % 5), [16, 1], 'int32');
    const ys = tf.oneHot(tf.tensor1d(Int32Array.from({ length: 16 }, (_, i) => i % 3), 'int32'), 3);
    const history = await model.fit([xs, tokens], ys, { epochs: 8, batchSize: 8, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
    tf.dispose([xs, tokens, ys]);
    model.dispose();
  });
});
