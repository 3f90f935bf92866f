import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.mjs';
import type { ModelConfig } from '../../../../contract/spec.ts';
import { randomSource, relativeError, startWasm } from '../backends/wasmKernels/kernelTesting.ts';
import { buildNet } from './build.ts';
import { canFuseDense, plainDense } from './denseStack.ts';
import { forward, type ForwardMode } from './forward.ts';
import { variablesOf, type Net } from './net.ts';

beforeAll(startWasm);
afterAll(() => tf.setBackend('wasm'));

const TRAINING: ForwardMode = { training: () => true };

/** Loss value, logits and gradients (every variable, and the input) of Σ logits·w. */
async function gradientsOf(net: Net, run: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, w: tf.Tensor) {
  const variables = net.blocks.flatMap((b) => variablesOf(b));
  const { logits, grads, dx } = tf.tidy(() => {
    const f = (input: tf.Tensor): tf.Scalar => tf.sum(tf.mul(run(input), w));
    const { grads } = tf.variableGrads(() => f(x), variables);
    const dx = tf.grad(f)(x);
    return { logits: run(x), grads, dx };
  });
  const out = {
    logits: Array.from(await logits.data()),
    dx: Array.from(await dx.data()),
    grads: await Promise.all(variables.map(async (v) => Array.from(await grads[v.name]!.data()))),
    names: variables.map((v) => v.name),
  };
  tf.dispose([logits, dx, ...Object.values(grads)]);
  return out;
}

/** Random weights, so ReLUs are neither all on nor all off (Graft initialises heads to zero). */
function randomize(net: Net, seed: number): void {
  const random = randomSource(seed);
  for (const v of net.blocks.flatMap((b) => variablesOf(b))) {
    v.assign(tf.tensor(Float32Array.from({ length: v.size }, () => random() * 0.4 - 0.2), v.shape));
  }
}

const CASES: [string, ModelConfig, number[]][] = [
  ['an MLP on images (flatten, two ReLU layers, linear head)', { type: 'mlp', hidden: [24, 12], dropout: 0, batchNorm: false }, [5, 6, 6, 1]],
  ['an MLP on vectors', { type: 'mlp', hidden: [7], dropout: 0, batchNorm: false }, [3, 9]],
  ["a CNN's dense blocks and head (the input gradient flows back into the conv blocks)", { type: 'cnn', filters: [4], dense: [10], kernelSize: 3, dropout: 0, batchNorm: false }, [4, 8, 8, 1]],
];

describe('the fused dense stack on wasm', () => {
  for (const [label, model, shape] of CASES) {
    it(`gives the layer-by-layer results for ${label}`, async () => {
      expect(canFuseDense()).toBe(true);
      const net = buildNet(model, shape.slice(1), 3, 1);
      randomize(net, shape.length);
      const random = randomSource(9);
      const x = tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => random() * 2 - 1), shape);
      const w = tf.tensor(Float32Array.from({ length: shape[0]! * 3 }, () => random() * 2 - 1), [shape[0]!, 3]);
      const fused = await gradientsOf(net, (input) => forward(net, input, TRAINING), x, w);
      // The layers model runs each Dense as tfjs-layers does: matmul, bias add, ReLU.
      const layered = await gradientsOf(net, (input) => net.model.apply(input, { training: true }) as tf.Tensor, x, w);
      expect(relativeError(fused.logits, layered.logits)).toBeLessThan(1e-6);
      expect(relativeError(fused.dx, layered.dx)).toBeLessThan(1e-6);
      expect(fused.names).toEqual(layered.names);
      fused.grads.forEach((g, i) => expect(relativeError(g, layered.grads[i]!), fused.names[i]).toBeLessThan(1e-6));
      expect(fused.grads.every((g) => g.some((v) => v !== 0))).toBe(true);
      tf.dispose([x, w]);
      net.model.dispose();
    });
  }

  it('runs one kernel forward instead of a matmul, bias add and ReLU per layer', async () => {
    const net = buildNet({ type: 'mlp', hidden: [8, 8], dropout: 0, batchNorm: false }, [10], 3, 1);
    const profile = await tf.profile(() => forward(net, tf.ones([2, 10]), TRAINING));
    const names = profile.kernels.map((k) => k.name);
    expect(names).toContain('GraftDenseStack');
    expect(names).not.toContain('BatchMatMul');
    expect(names).not.toContain('_FusedMatMul');
    tf.dispose(profile.result as tf.Tensor);
    net.model.dispose();
  });

  it('leaves blocks with batch norm, or dropout while training, to the layers', () => {
    const withBn = buildNet({ type: 'mlp', hidden: [8], dropout: 0, batchNorm: true }, [10], 3, 1);
    expect(plainDense(withBn.blocks[0]!, true)).toBeUndefined();
    const withDropout = buildNet({ type: 'mlp', hidden: [8], dropout: 0.5, batchNorm: false }, [10], 3, 1);
    expect(plainDense(withDropout.blocks[0]!, true)).toBeUndefined();
    expect(plainDense(withDropout.blocks[0]!, false)).toBeDefined();
    withBn.model.dispose();
    withDropout.model.dispose();
  });

  it('skips the input gradient when the input is data (not even a zero one), with the same weight gradients', async () => {
    const net = buildNet({ type: 'mlp', hidden: [16], dropout: 0, batchNorm: false }, [12], 3, 1);
    randomize(net, 3);
    const random = randomSource(4);
    const x = tf.tensor(Float32Array.from({ length: 6 * 12 }, () => random() * 2 - 1), [6, 12]);
    const variables = net.blocks.flatMap((b) => variablesOf(b));
    const gradsWith = async (mode: ForwardMode): Promise<{ grads: number[][]; products: number; zeros: number }> => {
      const profile = await tf.profile(() => {
        const { grads } = tf.variableGrads(() => tf.sum(forward(net, x, mode)), variables);
        return variables.map((v) => grads[v.name]!);
      });
      const grads = await Promise.all((profile.result as tf.Tensor[]).map(async (g) => Array.from(await g.data())));
      tf.dispose(profile.result as tf.Tensor[]);
      const count = (name: string): number => profile.kernels.filter((k) => k.name === name).length;
      return { grads, products: count('GraftDenseStackGrad'), zeros: count('ZerosLike') + count('Fill') };
    };
    const asData = await gradsWith({ ...TRAINING, inputIsData: true });
    const asTensor = await gradsWith(TRAINING);
    expect(asData.products).toBe(1);
    expect(asData.zeros).toBe(0);
    asData.grads.forEach((g, i) => expect(g).toEqual(asTensor.grads[i]));
    tf.dispose(x);
    net.model.dispose();
  });
});
