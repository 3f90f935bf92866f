// A small CNN as named blocks: conv1..convN (conv, [batchnorm], relu, 2×2 max-pool),
// dense1..denseM (flatten in the first, dense, [batchnorm], relu, [dropout]), then the head.
import { tf } from '../tf.mjs';
import type { ModelConfig } from '../../../../contract/spec.ts';
import type { Block, Layer } from './net.ts';
import { denseBlock } from './mlp.ts';

type CnnConfig = Extract<ModelConfig, { type: 'cnn' }>;

export function cnnBlocks(config: CnnConfig, inputShape: number[]): Block[] {
  if (inputShape.length !== 3) {
    throw new Error(`model.type "cnn" needs image input [height, width, channels]; the data has shape [${inputShape.join(', ')}] — use model.type "mlp"`);
  }
  const blocks: Block[] = [];
  let size = Math.min(inputShape[0] ?? 1, inputShape[1] ?? 1);
  config.filters.forEach((filters, i) => {
    const name = `conv${i + 1}`;
    const layers: Layer[] = [
      tf.layers.conv2d({
        name: `${name}_conv`,
        filters,
        kernelSize: config.kernelSize,
        padding: 'same',
        useBias: !config.batchNorm,
        activation: config.batchNorm ? 'linear' : 'relu',
        kernelInitializer: 'zeros',
      }),
    ];
    if (config.batchNorm) {
      layers.push(tf.layers.batchNormalization({ name: `${name}_bn` }), tf.layers.activation({ name: `${name}_relu`, activation: 'relu' }));
    }
    // Pool only while the feature map is big enough to halve.
    if (size >= 2) {
      layers.push(tf.layers.maxPooling2d({ name: `${name}_pool`, poolSize: 2 }));
      size = Math.floor(size / 2);
    }
    blocks.push({ name, layers });
  });
  config.dense.forEach((units, i) => {
    blocks.push(denseBlock(`dense${i + 1}`, units, i === 0, config));
  });
  return blocks;
}
