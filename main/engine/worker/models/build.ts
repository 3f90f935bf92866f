// Building a Net from the spec's model config, and turning a source model into a target Net.
import { tf } from '../tf.mjs';
import type { ModelConfig } from '../../../../contract/spec.ts';
import { deriveSeed, mulberry32 } from '../../../data/random.ts';
import { cnnBlocks } from './cnn.ts';
import { initializeBlocks } from './init.ts';
import { mlpBlocks } from './mlp.ts';
import { applyChain, finishNet, makeHead, withNewHead, type Net } from './net.ts';

/** A fresh Net with seeded weights: same config + inputShape + classes + seed → same weights. */
export function buildNet(config: ModelConfig, inputShape: number[], numClasses: number, seed: number): Net {
  const base = config.type === 'cnn' ? cnnBlocks(config, inputShape) : mlpBlocks(config, inputShape);
  const input = tf.input({ shape: inputShape, name: 'input' });
  const features = applyChain(input, base);
  const head = makeHead(features.shape.length, numClasses);
  const net = finishNet(input, applyChain(features, [head]), [...base, head]);
  initializeBlocks(net.blocks, mulberry32(deriveSeed(seed, 'init')));
  return net;
}

/** The transferred base of `source` with a new head for `numClasses`, seeded from `seed`. */
export function transferNet(source: Net, numClasses: number, seed: number): Net {
  const net = withNewHead(source, numClasses);
  // The source's own head is not part of the new net, so disposing the net would not free its
  // weights: free them now (a training worker takes the next run only if the last left nothing).
  for (const layer of source.blocks.at(-1)?.layers ?? []) layer.dispose();
  const head = net.blocks.at(-1);
  if (head) initializeBlocks([head], mulberry32(deriveSeed(seed, 'head')));
  return net;
}
