// MTAN-style attention (Liu, Johns & Davison 2019, "End-to-End Multi-Task Learning with
// Attention", CVPR), in a small form: one shared trunk, and per task a soft attention mask over
// the trunk's output feature maps, a = σ(W₂·relu(W₁·f + b₁) + b₂) applied channel by channel at
// every position (two 1×1 convolutions, as the paper's attention modules), so each task picks
// the features it needs from the shared pool before its head. On an MLP trunk the "maps" are
// one feature vector.
// The paper attends at every stage of a SegNet, each task's module also reading its attended
// features of the stage before; here there is one stage, on the last maps, which keeps the
// trunk's output a proper shared Z (the attention is the task's own, decoder-side).
import { tf } from '../../tf.mjs';
import { lastAxisDense, seededMatrix, zeroVector } from './denseParams.ts';
import type { Architecture } from './types.ts';
import { buildHead, buildTrunk, countParams, disposeTowers, initStreams } from './towers.ts';

export interface AttentionWeights {
  w1: tf.Tensor2D;
  b1: tf.Tensor1D;
  w2: tf.Tensor2D;
  b2: tf.Tensor1D;
}

/** f ⊙ σ(relu(f·W₁ + b₁)·W₂ + b₂), over the channel (last) axis of f. */
export function attend(features: tf.Tensor, a: AttentionWeights): tf.Tensor {
  return tf.tidy(() => {
    const hidden = tf.relu(lastAxisDense(features, a.w1, a.b1));
    return tf.mul(features, tf.sigmoid(lastAxisDense(hidden, a.w2, a.b2)));
  });
}

export const mtan: Architecture = {
  name: 'mtan',
  build(ctx) {
    const streams = initStreams(ctx.seed);
    const trunk = buildTrunk(ctx.model, ctx.inputShape, streams.trunk);
    const channels = trunk.outputShape.at(-1) ?? 1;
    const heads = ctx.heads.map((h) => buildHead(trunk.outputShape, h.units, streams.heads));
    const attention = ctx.heads.map(() => ({ w1: seededMatrix(channels, channels, streams.heads), b1: zeroVector(channels), w2: seededMatrix(channels, channels, streams.heads), b2: zeroVector(channels) }));
    const attentionVariables = attention.map((a) => [a.w1, a.b1, a.w2, a.b2]);
    return {
      encoderVariables: trunk.variables,
      taskVariables: heads.map((h, t) => [...attentionVariables[t]!, ...h.variables]),
      sharesParameters: trunk.variables.length > 0,
      stateVariables: [...[trunk, ...heads].flatMap((t) => t.allVariables), ...attentionVariables.flat()],
      encode: (x, mode) => trunk.run(x, mode),
      decode: (z, task, mode) => heads[task]!.run(attend(z, attention[task]!), mode),
      penalty: null,
      paramCount: countParams([trunk, ...heads], attentionVariables.flat()),
      dispose: () => disposeTowers([trunk, ...heads], attentionVariables.flat()),
    };
  },
};
