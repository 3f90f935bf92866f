// The building blocks every architecture is made of: a trunk (the spec's MLP or CNN, as named
// blocks, exactly the model a transfer run trains, minus its head) and a dense head per task,
// each with Graft's seeded initializers, run eagerly through the engine's forward pass so
// dropout and batch norm behave as in the transfer loop.
import { tf } from '../../tf.mjs';
import type { ModelConfig } from '../../../../../contract/spec.ts';
import { deriveSeed, mulberry32, type Rng } from '../../../../data/random.ts';
import { cnnBlocks } from '../../models/cnn.ts';
import { forward, type ForwardMode } from '../../models/forward.ts';
import { initializeBlocks } from '../../models/init.ts';
import { mlpBlocks } from '../../models/mlp.ts';
import { applyChain, finishNet, makeHead, paramCount, variablesOf, type Net } from '../../models/net.ts';

export interface Tower {
  net: Net;
  /** Shape of one example's output, e.g. [32] or [7, 7, 16]. */
  outputShape: number[];
  variables: tf.Variable[];
  /** Every weight, batch-norm statistics included, for checkpoints. */
  allVariables: tf.Variable[];
  /** Per block, its trainable variables: soft-sharing pairs them across towers. */
  blockVariables: tf.Variable[][];
  run(x: tf.Tensor, mode: ForwardMode, from?: number, to?: number): tf.Tensor;
  blockCount: number;
}

function towerOf(net: Net, output: tf.SymbolicTensor): Tower {
  const blockVariables = net.blocks.map((b) => variablesOf(b));
  return {
    net,
    outputShape: output.shape.slice(1).map((d) => d ?? 1),
    variables: blockVariables.flat(),
    allVariables: net.model.weights.map((w) => w.read() as tf.Variable),
    blockVariables,
    blockCount: net.blocks.length,
    run: (x, mode, from = 0, to = net.blocks.length) => forward(net, x, mode, from, to),
  };
}

/** The spec's trunk with seeded weights, drawn from `rng` block by block. */
export function buildTrunk(config: ModelConfig, inputShape: number[], rng: Rng): Tower {
  const blocks = config.type === 'cnn' ? cnnBlocks(config, inputShape) : mlpBlocks(config, inputShape);
  const input = tf.input({ shape: inputShape });
  const output = applyChain(input, blocks);
  const net = finishNet(input, output, blocks);
  initializeBlocks(blocks, rng);
  return towerOf(net, output);
}

/** A task head on features of shape `featureShape` (flattened first when they are maps). */
export function buildHead(featureShape: number[], units: number, rng: Rng): Tower {
  const input = tf.input({ shape: featureShape });
  const head = makeHead(featureShape.length + 1, units);
  const output = applyChain(input, [head]);
  const net = finishNet(input, output, [head]);
  initializeBlocks([head], rng);
  return towerOf(net, output);
}

/** Separate streams for trunk and head weights, so adding a task does not reseed the trunk. */
export function initStreams(seed: number): { trunk: Rng; heads: Rng } {
  return { trunk: mulberry32(deriveSeed(seed, 'init')), heads: mulberry32(deriveSeed(seed, 'heads')) };
}

export function countParams(towers: Tower[], extra: tf.Variable[] = []): number {
  return towers.reduce((n, t) => n + paramCount(t.net.blocks), 0) + extra.reduce((n, v) => n + v.size, 0);
}

export function disposeTowers(towers: Tower[], extra: tf.Variable[] = []): void {
  for (const t of towers) t.net.model.dispose();
  tf.dispose(extra);
}

/** The towers' outputs stacked on a new first axis: [towers, batch, ...features]. */
export function stackTowers(outputs: tf.Tensor[]): tf.Tensor {
  return tf.stack(outputs, 0);
}

/** Slice `index` of a stacked Z: [batch, ...features]. */
export function towerSlice(z: tf.Tensor, index: number): tf.Tensor {
  return tf.squeeze(tf.slice(z, index, 1), [0]);
}
