// MMoE, Multi-gate Mixture-of-Experts (Ma et al. 2018, KDD): E experts (each the spec's trunk)
// see the input; each task has its own gate, softmax(W_t·x + b_t), that mixes the experts per
// example, and its head reads that mixture. Tasks that agree can share experts, tasks that
// conflict can use different ones, and the gates learn which.
//
// Z, the shared representation, is the experts' stacked outputs [E, batch, …]; the gates and
// heads are the task's own (decoder) weights, so MGDA-UB's gradient with respect to Z covers
// exactly what the tasks share. The gates read x, which decode() does not receive: decode()
// uses the input of the latest encode() call. Every caller encodes a batch and then decodes
// that same batch; a Z of another batch fails loudly (batch sizes differ) or, for the gate,
// reads the batch last encoded.
import { tf } from '../../tf.mjs';
import { DEFAULT_MMOE_EXPERTS } from '../../../../../contract/specMultitask.ts';
import { lastAxisDense, seededMatrix, zeroVector } from './denseParams.ts';
import type { Architecture } from './types.ts';
import { buildHead, buildTrunk, countParams, disposeTowers, initStreams, stackTowers } from './towers.ts';

/** Σ_e gate[:, e]·experts[e]: experts [E, batch, …], gate [batch, E] → [batch, …]. */
export function mixExperts(experts: tf.Tensor, gate: tf.Tensor2D): tf.Tensor {
  return tf.tidy(() => {
    const trailing = experts.shape.slice(2).map(() => 1);
    const weights = tf.reshape(tf.transpose(gate), [gate.shape[1], gate.shape[0], ...trailing]);
    return tf.sum(tf.mul(experts, weights), 0);
  });
}

export const mmoe: Architecture = {
  name: 'mmoe',
  build(ctx) {
    const count = ctx.experts ?? DEFAULT_MMOE_EXPERTS;
    const streams = initStreams(ctx.seed);
    const experts = Array.from({ length: count }, () => buildTrunk(ctx.model, ctx.inputShape, streams.trunk));
    const expertShape = experts[0]!.outputShape;
    const heads = ctx.heads.map((h) => buildHead(expertShape, h.units, streams.heads));
    const inputSize = ctx.inputShape.reduce((a, b) => a * b, 1);
    // Zero gates start every task on an even mixture of the experts.
    const gates = ctx.heads.map(() => ({ w: seededMatrix(inputSize, count, streams.heads, true), b: zeroVector(count) }));
    const gateVariables = gates.flatMap((g) => [g.w, g.b]);
    let lastInput: tf.Tensor | null = null;
    return {
      encoderVariables: experts.flatMap((e) => e.variables),
      taskVariables: heads.map((h, t) => [gates[t]!.w, gates[t]!.b, ...h.variables]),
      sharesParameters: true,
      stateVariables: [...[...experts, ...heads].flatMap((t) => t.allVariables), ...gateVariables],
      encode: (x, mode) => {
        lastInput = x;
        return stackTowers(experts.map((e) => e.run(x, mode)));
      },
      decode: (z, task, mode) => {
        if (!lastInput) throw new Error('mmoe: decode() before encode(); the gates read the encoded batch');
        const gate = gates[task]!;
        const flat = tf.reshape(lastInput, [lastInput.shape[0] ?? -1, inputSize]);
        const weights = tf.softmax(lastAxisDense(flat, gate.w, gate.b)) as tf.Tensor2D;
        return heads[task]!.run(mixExperts(z, weights), mode);
      },
      penalty: null,
      paramCount: countParams([...experts, ...heads], gateVariables),
      dispose: () => disposeTowers([...experts, ...heads], gateVariables),
    };
  },
};
