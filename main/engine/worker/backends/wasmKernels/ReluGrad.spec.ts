import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf.mjs';
import { randomSource, startWasm } from './kernelTesting.ts';

beforeAll(startWasm);

/** x's gradient of Σ relu(x)·w on one backend, with the kernels that ran. */
async function reluGradientOn(backend: 'cpu' | 'wasm', x: Float32Array, w: Float32Array): Promise<{ dx: Float32Array; kernels: string[] }> {
  await tf.setBackend(backend);
  const kernels: string[] = [];
  const profile = await tf.profile(() => {
    const xt = tf.tensor1d(x);
    const wt = tf.tensor1d(w);
    return tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.relu(v), wt)))(xt);
  });
  for (const k of profile.kernels) kernels.push(k.name);
  const dx = profile.result as tf.Tensor;
  const values = (await dx.data()) as Float32Array;
  tf.dispose(dx);
  return { dx: values, kernels };
}

describe('the ReLU gradient on wasm', () => {
  it('matches tfjs’ own formula on the cpu backend, NaN, ±∞, zeros and a ragged tail included', async () => {
    const random = randomSource(4);
    const n = 1027;
    const x = Float32Array.from({ length: n }, () => random() * 2 - 1);
    const w = Float32Array.from({ length: n }, () => random() * 2 - 1);
    x.set([0, -0, NaN, Infinity, -Infinity, 1, -1], 0);
    w.set([1, 1, 1, 1, 1, NaN, Infinity, -Infinity], 0);
    x[n - 1] = NaN;
    const cpu = await reluGradientOn('cpu', x, w);
    const wasm = await reluGradientOn('wasm', x, w);
    expect(Array.from(wasm.dx)).toEqual(Array.from(cpu.dx));
  });

  it('runs as one Graft kernel on wasm instead of Step, Cast and Multiply', async () => {
    const { kernels } = await reluGradientOn('wasm', new Float32Array([1, -1, 2]), new Float32Array([1, 1, 1]));
    expect(kernels).toContain('GraftReluGrad');
    expect(kernels).not.toContain('Step');
  });
});
