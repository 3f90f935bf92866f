// L2-SP (Li, Grandvalet & Davoine 2018, "Explicit Inductive Bias for Transfer Learning with
// Convolutional Networks"): fine-tuning with weight decay toward the source weights w⁰ instead
// of toward zero, α/2·‖w − w⁰‖² on the transferred base, plus plain decay β/2·‖w‖² on the new
// head (which has no source value). It keeps the fine-tuned base near what pretraining learned,
// which the paper finds better than freezing or plain decay. Trains like fine-tune otherwise.
import { tf } from '../tf.mjs';
import { DEFAULT_L2_SP_ALPHA, DEFAULT_L2_SP_BETA } from '../../../../contract/specRegularizers.ts';
import { variablesOf } from '../models/net.ts';
import type { Strategy } from './types.ts';
import { suffixPhase } from './types.ts';

/** α/2·Σ‖w − w⁰‖² over the base + β/2·Σ‖h‖² over the head. */
export function l2SpPenalty(base: tf.Tensor[], reference: tf.Tensor[], head: tf.Tensor[], alpha: number, beta: number): tf.Scalar {
  return tf.tidy(() => {
    const toSource = base.map((w, i) => tf.sum(tf.square(tf.sub(w, reference[i] as tf.Tensor))));
    const decay = head.map((h) => tf.sum(tf.square(h)));
    const sum = (terms: tf.Tensor[]) => (terms.length > 0 ? tf.addN(terms) : tf.scalar(0));
    return tf.add(tf.mul(sum(toSource), alpha / 2), tf.mul(sum(decay), beta / 2)) as tf.Scalar;
  });
}

export const l2Sp: Strategy = {
  name: 'l2-sp',
  transfers: true,
  phaseAt: (_epoch, ctx) => suffixPhase(ctx, 0, ctx.lr * ctx.options.lrFactor),
  regularizer({ net, source, sourcePath, options }) {
    const base = net.blocks.slice(0, -1).flatMap(variablesOf);
    const reference = source.blocks.slice(0, -1).flatMap(variablesOf);
    const head = variablesOf(net.blocks.at(-1) ?? { name: 'head', layers: [] });
    const mismatch = base.findIndex((w, i) => w.shape.join('x') !== reference[i]?.shape.join('x'));
    if (base.length !== reference.length || mismatch >= 0) {
      throw new Error(`strategy "l2-sp": the weights of ${sourcePath} do not match the transferred base (${base.length} vs ${reference.length} weights${mismatch >= 0 ? `; first differing: ${base[mismatch]?.name}` : ''})`);
    }
    const alpha = options.alpha ?? DEFAULT_L2_SP_ALPHA;
    const beta = options.beta ?? DEFAULT_L2_SP_BETA;
    return {
      penalty: () => l2SpPenalty(base, reference, head, alpha, beta),
      // The reference weights belong to the source copy, which the runner disposes.
      dispose: () => {},
    };
  },
};
