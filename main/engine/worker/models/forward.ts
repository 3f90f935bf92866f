// The eager forward pass of a Net, block by block, each block in its own mode.
//
// Why not model.apply(x, {training}): one flag for the whole model would run a frozen block's
// BatchNormalization in training mode, which overwrites its moving statistics (what fit() does
// to a "frozen" BN). Frozen blocks here always run with training: false. Trained blocks run with
// training: true, which dropout needs in a custom loop — and dropout masks come from our own
// seeded stream, since tfjs's Dropout reuses one mask per seed or draws from Math.random.
import { tf } from '../tf.mjs';
import { convBiasRelu, plainConv } from './convBlock.ts';
import { canFuseDense, denseStack, plainDense, type StackLayer } from './denseStack.ts';
import type { Block, Net } from './net.ts';

export interface ForwardMode {
  /** Whether block i runs in training mode (batch statistics, dropout on). */
  training(blockIndex: number): boolean;
  /** A fresh seed per dropout mask; needed only when a training block has dropout. */
  dropoutSeed?: () => number;
  /** The input is data (raw or cached features): no gradient flows into it. */
  inputIsData?: boolean;
}

export const EVAL_MODE: ForwardMode = { training: () => false };

function dropout(x: tf.Tensor, rate: number, seed: number): tf.Tensor {
  return tf.tidy(() => {
    const keep = tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', seed), rate);
    return tf.div(tf.mul(x, tf.cast(keep, 'float32')), 1 - rate);
  });
}

/** `xIsData`: x is data (raw inputs or cached features), so no gradient flows into it. */
function runBlock(block: Block, x: tf.Tensor, training: boolean, mode: ForwardMode, xIsData: boolean): tf.Tensor {
  let out = x;
  for (const layer of block.layers) {
    const conv = out.rank === 4 ? plainConv(layer) : undefined;
    if (conv) {
      out = convBiasRelu(out as tf.Tensor4D, conv, !(xIsData && out === x));
      continue;
    }
    if (layer.getClassName() === 'Dropout') {
      const rate = Number(layer.getConfig()['rate'] ?? 0);
      if (training && rate > 0) {
        if (!mode.dropoutSeed) throw new Error(`block ${block.name} trains with dropout but no dropout seed was given`);
        out = dropout(out, rate, mode.dropoutSeed());
      }
      continue;
    }
    out = layer.apply(out, { training }) as tf.Tensor;
  }
  return out;
}

/**
 * Runs blocks [from, to) on x. Call inside tf.tidy or a gradient function. Consecutive plain
 * dense blocks run as one fused operation where the backend has it (models/denseStack.ts), and
 * so does each convolution with its bias and ReLU (models/convBlock.ts).
 */
export function forward(net: Net, x: tf.Tensor, mode: ForwardMode, from = 0, to = net.blocks.length): tf.Tensor {
  let out = x;
  const fuse = canFuseDense();
  for (let i = from; i < to; ) {
    const run = fuse ? plainDenseRun(net, mode, out, i, to) : [];
    if (run.length > 0) {
      out = denseStack(out, run, !(mode.inputIsData && i === from));
      i += run.length;
      continue;
    }
    const block = net.blocks[i];
    if (block) out = runBlock(block, out, mode.training(i), mode, mode.inputIsData === true && i === from);
    i++;
  }
  return out;
}

/** The plain dense blocks from block `from` on (none if the first cannot take `x` as it is). */
export function plainDenseRun(net: Net, mode: ForwardMode, x: tf.Tensor, from: number, to: number): StackLayer[] {
  const run: StackLayer[] = [];
  for (let i = from; i < to; i++) {
    const block = net.blocks[i];
    const layer = block && plainDense(block, mode.training(i));
    if (!layer) break;
    run.push(layer);
  }
  if (x.rank > 2 && !run[0]?.flattens) return [];
  return run;
}
