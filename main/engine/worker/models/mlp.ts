// An MLP as named blocks dense1..denseN (flatten first when the input is an image), then the head.
import { tf } from '../tf.mjs';
import type { ModelConfig } from '../../../../contract/spec.ts';
import type { Block, Layer } from './net.ts';

type MlpConfig = Extract<ModelConfig, { type: 'mlp' }>;

export function denseBlock(name: string, units: number, flatten: boolean, config: { batchNorm: boolean; dropout: number }): Block {
  const layers: Layer[] = [];
  if (flatten) layers.push(tf.layers.flatten({ name: `${name}_flatten` }));
  layers.push(
    tf.layers.dense({
      name: `${name}_dense`,
      units,
      useBias: !config.batchNorm,
      activation: config.batchNorm ? 'linear' : 'relu',
      kernelInitializer: 'zeros',
    }),
  );
  if (config.batchNorm) {
    layers.push(tf.layers.batchNormalization({ name: `${name}_bn` }), tf.layers.activation({ name: `${name}_relu`, activation: 'relu' }));
  }
  if (config.dropout > 0) layers.push(tf.layers.dropout({ name: `${name}_dropout`, rate: config.dropout }));
  return { name, layers };
}

export function mlpBlocks(config: MlpConfig, inputShape: number[]): Block[] {
  return config.hidden.map((units, i) => denseBlock(`dense${i + 1}`, units, i === 0 && inputShape.length > 1, config));
}
