import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.mjs';
import type { ModelConfig } from '../../../../contract/spec.ts';
import { randomSource, startWasm } from '../backends/wasmKernels/kernelTesting.ts';
import { buildNet } from '../models/build.ts';
import type { ForwardMode } from '../models/forward.ts';
import { variablesOf, type Net } from '../models/net.ts';
import { BlockOptimizers } from './optimizers.ts';
import { trainStep } from './step.ts';

beforeAll(startWasm);
afterAll(() => tf.setBackend('wasm'));

const TRAIN_ALL: ForwardMode = { training: () => true, inputIsData: true };

interface Trained {
  losses: number[];
  hits: number[];
  weights: number[][];
  /** Kernels of the last step, from tf.profile. */
  kernels: string[];
}

/** `steps` Adam steps on fixed random batches from the same start; the weights after them. */
async function train(model: ModelConfig, inputShape: number[], mode: ForwardMode, steps: number, from = 0, firstTrainable = 0): Promise<Trained> {
  const net: Net = buildNet(model, inputShape.slice(1), 4, 1);
  const random = randomSource(11);
  const variables = net.blocks.flatMap((b) => variablesOf(b));
  // Random weights everywhere (Graft zeroes heads), so ReLUs are neither all on nor all off.
  for (const v of variables) v.assign(tf.tensor(Float32Array.from({ length: v.size }, () => random() * 0.4 - 0.2), v.shape));
  const optimizers = new BlockOptimizers(net, 'adam');
  optimizers.configure(firstTrainable, net.blocks.map(() => 0.01));
  const out: Trained = { losses: [], hits: [], weights: [], kernels: [] };
  for (let s = 0; s < steps; s++) {
    const x = tf.tensor(Float32Array.from({ length: inputShape.reduce((a, b) => a * b) }, () => random() * 2 - 1), inputShape);
    const y = tf.tensor1d(Array.from({ length: inputShape[0]! }, (_, i) => (i * 7 + s) % 4), 'int32');
    const profile = await tf.profile(() => {
      const [loss, hits] = trainStep({ net, optimizers }, x, y, from, mode);
      out.losses.push(loss);
      out.hits.push(hits);
    });
    out.kernels = profile.kernelNames;
    tf.dispose([x, y]);
  }
  for (const v of variables) out.weights.push(Array.from(await v.data()));
  optimizers.dispose();
  net.model.dispose();
  return out;
}

const MLP: ModelConfig = { type: 'mlp', hidden: [16, 8], dropout: 0, batchNorm: false };

describe('a training step on wasm', () => {
  it('trains a dense-only net without the gradient tape, to the same numbers as with it', async () => {
    const direct = await train(MLP, [6, 5, 5, 1], TRAIN_ALL, 4);
    // The same net with its input not marked as data: forward() through tf.variableGrads.
    const tape = await train(MLP, [6, 5, 5, 1], { training: () => true }, 4);
    expect(direct.losses).toEqual(tape.losses);
    expect(direct.hits).toEqual(tape.hits);
    direct.weights.forEach((w, i) => expect(w, `variable ${i}`).toEqual(tape.weights[i]));
    expect(direct.losses[3]).toBeLessThan(direct.losses[0]!);
    // The tape clones every tensor it saves for backprop (Identity); the direct step saves none.
    expect(tape.kernels).toContain('Identity');
    expect(direct.kernels).not.toContain('Identity');
    expect(direct.kernels.filter((k) => k === 'GraftDenseStackGrad')).toHaveLength(1);
  });

  it('takes the tape for a net with conv blocks, and for a frozen block in the forward pass', async () => {
    const cnn = await train({ type: 'cnn', filters: [2], dense: [6], kernelSize: 3, dropout: 0, batchNorm: false }, [3, 6, 6, 1], TRAIN_ALL, 1);
    expect(cnn.kernels).toContain('Identity');
    // Block 0 runs frozen from the raw input (no feature cache): its weights are not trained.
    const frozen = await train(MLP, [6, 5, 5, 1], { training: (i) => i >= 1, inputIsData: true }, 2, 0, 1);
    expect(frozen.kernels).toContain('Identity');
    const untouched = await train(MLP, [6, 5, 5, 1], { training: (i) => i >= 1, inputIsData: true }, 0, 0, 1);
    expect(frozen.weights[0]).toEqual(untouched.weights[0]);
    expect(frozen.weights[2]).not.toEqual(untouched.weights[2]);
  });

  it('gives an error naming the row for a label out of range, and leaves the weights as they were', async () => {
    const net = buildNet(MLP, [4], 3, 1);
    const optimizers = new BlockOptimizers(net, 'adam');
    optimizers.configure(0, net.blocks.map(() => 0.01));
    const variables = net.blocks.flatMap((b) => variablesOf(b));
    const before = await Promise.all(variables.map(async (v) => Array.from(await v.data())));
    const x = tf.ones([2, 4]);
    const y = tf.tensor1d([0, 3], 'int32');
    const tensors = tf.memory().numTensors;
    expect(() => trainStep({ net, optimizers }, x, y, 0, TRAIN_ALL)).toThrow(/label 3 of row 1/);
    expect(tf.memory().numTensors).toBe(tensors);
    const after = await Promise.all(variables.map(async (v) => Array.from(await v.data())));
    expect(after).toEqual(before);
    tf.dispose([x, y]);
    optimizers.dispose();
    net.model.dispose();
  });
});
