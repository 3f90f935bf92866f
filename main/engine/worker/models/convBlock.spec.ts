import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.mjs';
import { randomSource, relativeError, startWasm } from '../backends/wasmKernels/kernelTesting.ts';
import { convBiasRelu, plainConv } from './convBlock.ts';
import type { Layer } from './net.ts';

beforeAll(startWasm);
afterAll(() => tf.setBackend('wasm'));

interface Case {
  label: string;
  input: [number, number, number, number];
  layer: Parameters<typeof tf.layers.conv2d>[0];
}

const CASES: Case[] = [
  { label: "the reference CNN's first layer (3×3, same, 1 → 8 channels)", input: [3, 7, 7, 1], layer: { filters: 8, kernelSize: 3, padding: 'same' } },
  { label: '3×3 stride 2, valid, 3 → 5 channels (a ragged channel count)', input: [2, 9, 8, 3], layer: { filters: 5, kernelSize: 3, strides: 2, padding: 'valid' } },
  { label: '1×1 (a plain product), 4 → 6 channels', input: [2, 5, 5, 4], layer: { filters: 6, kernelSize: 1, padding: 'same' } },
];

/** A built Conv2D layer with random weights (so ReLUs are neither all on nor all off). */
function convLayer(c: Case, seed: number): Layer {
  const layer = tf.layers.conv2d({ ...c.layer, activation: 'relu', useBias: true });
  layer.build(c.input);
  const random = randomSource(seed);
  layer.setWeights(layer.getWeights().map((w) => tf.tensor(Float32Array.from({ length: w.size }, () => random() * 0.6 - 0.3), w.shape)));
  return layer as unknown as Layer;
}

function disposeLayer(layer: Layer): void {
  for (const w of layer.weights) (w as unknown as { dispose(): void }).dispose();
}

/** Output, gradients of Σ output·w for the input and every weight, and the kernels the gradient pass ran. */
async function run(f: (x: tf.Tensor4D) => tf.Tensor, x: tf.Tensor4D, weights: tf.Variable[]) {
  const out = tf.tidy(() => f(x));
  const w = tf.randomUniform(out.shape, -1, 1, 'float32', 7);
  const g = (input: tf.Tensor): tf.Scalar => tf.sum(tf.mul(f(input as tf.Tensor4D), w));
  const profile = await tf.profile(() => tf.variableGrads(() => g(x), weights).grads);
  const grads = profile.result as tf.NamedTensorMap;
  const dx = tf.grad(g)(x);
  const result = {
    out: (await out.data()) as Float32Array,
    dx: (await dx.data()) as Float32Array,
    grads: await Promise.all(weights.map(async (v) => (await grads[v.name]!.data()) as Float32Array)),
    kernels: profile.kernels.map((k) => k.name),
  };
  tf.dispose([out, w, dx, ...Object.values(grads)]);
  return result;
}

describe('a convolution with its bias and ReLU, fused on wasm', () => {
  for (const c of CASES) {
    it(`gives the layer's output and gradients for ${c.label}`, async () => {
      const layer = convLayer(c, c.input.reduce((a, b) => a + b));
      const conv = plainConv(layer);
      expect(conv).toBeDefined();
      const random = randomSource(3);
      const x = tf.tensor4d(Float32Array.from({ length: c.input.reduce((a, b) => a * b) }, () => random() * 2 - 1), c.input);
      const weights = [conv!.kernel, conv!.bias] as tf.Variable[];
      const fused = await run((input) => convBiasRelu(input, conv!, true), x, weights);
      const unfused = await run((input) => layer.apply(input) as tf.Tensor, x, weights);
      expect(relativeError(fused.out, unfused.out)).toBeLessThanOrEqual(1e-6);
      expect(relativeError(fused.dx, unfused.dx)).toBeLessThanOrEqual(1e-6);
      fused.grads.forEach((g, i) => expect(relativeError(g, unfused.grads[i]!), `weight ${i}`).toBeLessThanOrEqual(1e-6));
      expect(fused.out.some((v) => v === 0) && fused.out.some((v) => v > 0)).toBe(true);
      // Recording gradients, the layer runs conv2d, Add and Relu; the fused operation one kernel.
      expect(fused.kernels).toContain('GraftConv2DBiasRelu');
      for (const separate of ['Conv2D', 'Add', 'Relu']) {
        expect(unfused.kernels).toContain(separate);
        expect(fused.kernels).not.toContain(separate);
      }
      x.dispose();
      disposeLayer(layer);
    });
  }

  it('computes no input gradient when the input is data, and the same weight gradients', async () => {
    const layer = convLayer(CASES[0]!, 1);
    const conv = plainConv(layer)!;
    const x = tf.randomUniform(CASES[0]!.input, -1, 1, 'float32', 2) as tf.Tensor4D;
    const weights = [conv.kernel, conv.bias] as tf.Variable[];
    const gradsOf = async (inputGradient: boolean) => {
      const profile = await tf.profile(() => {
        const { grads } = tf.variableGrads(() => tf.sum(convBiasRelu(x, conv, inputGradient)), weights);
        return weights.map((w) => grads[w.name]!);
      });
      const values = await Promise.all((profile.result as tf.Tensor[]).map(async (g) => Array.from(await g.data())));
      tf.dispose(profile.result as tf.Tensor[]);
      return { values, inputGradients: profile.kernelNames.filter((k) => k === 'Conv2DBackpropInput').length };
    };
    const asData = await gradsOf(false);
    const asTensor = await gradsOf(true);
    expect(asData.inputGradients).toBe(0);
    expect(asTensor.inputGradients).toBe(1);
    expect(asData.values).toEqual(asTensor.values);
    x.dispose();
    disposeLayer(layer);
  });

  it('leaves other layers to tfjs: no bias, a linear activation, dilation', () => {
    const built = (config: Parameters<typeof tf.layers.conv2d>[0]): Layer => {
      const layer = tf.layers.conv2d(config);
      layer.build([1, 6, 6, 2]);
      return layer as unknown as Layer;
    };
    expect(plainConv(built({ filters: 2, kernelSize: 3, activation: 'relu', useBias: false }))).toBeUndefined();
    expect(plainConv(built({ filters: 2, kernelSize: 3, activation: 'linear' }))).toBeUndefined();
    expect(plainConv(built({ filters: 2, kernelSize: 3, activation: 'relu', dilationRate: 2 }))).toBeUndefined();
    expect(plainConv(built({ filters: 2, kernelSize: 3, activation: 'relu' }))).toBeDefined();
  });
});
