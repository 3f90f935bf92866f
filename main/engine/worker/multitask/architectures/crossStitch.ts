// Cross-stitch networks (Misra et al. 2016): one tower per task, and after every block a learned
// linear mix of the towers' activations, x̃_t = Σ_s α_ts x_s, so the network learns how much
// to share at each depth. α starts near identity (0.9 own, 0.1 split among the others, as
// in the paper). The last mix belongs to the decoders: its row t reaches only task t, which
// makes the stacked tower outputs before it a proper shared representation Z for MGDA-UB.
import { tf } from '../../tf.mjs';
import type { Architecture } from './types.ts';
import { buildHead, buildTrunk, countParams, disposeTowers, initStreams, stackTowers } from './towers.ts';

const SELF = 0.9;

function stitchValues(tasks: number): number[][] {
  const other = tasks > 1 ? (1 - SELF) / (tasks - 1) : 0;
  return Array.from({ length: tasks }, (_, t) => Array.from({ length: tasks }, (_, s) => (tasks === 1 ? 1 : s === t ? SELF : other)));
}

/** [towers, batch, ...] mixed by alpha [towers, towers] along the first axis. */
function mix(alpha: tf.Tensor, stacked: tf.Tensor): tf.Tensor {
  const shape = stacked.shape;
  const flat = tf.reshape(stacked, [shape[0] ?? 1, -1]);
  return tf.reshape(tf.matMul(alpha, flat), shape);
}

export const crossStitch: Architecture = {
  name: 'cross-stitch',
  build(ctx) {
    const tasks = ctx.heads.length;
    const streams = initStreams(ctx.seed);
    const towers = ctx.heads.map(() => buildTrunk(ctx.model, ctx.inputShape, streams.trunk));
    const heads = ctx.heads.map((h, t) => buildHead(towers[t]!.outputShape, h.units, streams.heads));
    const values = stitchValues(tasks);
    const blocks = towers[0]?.blockCount ?? 0;
    // Stitches between blocks live in the encoder; the final one is split into per-task rows.
    const inner = Array.from({ length: Math.max(0, blocks - 1) }, () => tf.tidy(() => tf.variable(tf.tensor2d(values), true)));
    const rows = values.map((row) => tf.tidy(() => tf.variable(tf.tensor2d([row]), true)));
    return {
      encoderVariables: [...towers.flatMap((t) => t.variables), ...inner],
      taskVariables: heads.map((h, t) => [rows[t]!, ...h.variables]),
      sharesParameters: true,
      stateVariables: [...[...towers, ...heads].flatMap((t) => t.allVariables), ...inner, ...rows],
      encode: (x, mode) => {
        let hs = towers.map(() => x);
        for (let b = 0; b < blocks; b++) {
          hs = towers.map((tower, t) => tower.run(hs[t]!, mode, b, b + 1));
          const alpha = inner[b];
          if (alpha) hs = tf.unstack(mix(alpha, stackTowers(hs)), 0);
        }
        return stackTowers(hs);
      },
      decode: (z, task, mode) => {
        const mixed = tf.reshape(tf.matMul(rows[task]!, tf.reshape(z, [tasks, -1])), z.shape.slice(1));
        return heads[task]!.run(mixed, mode);
      },
      penalty: null,
      paramCount: countParams([...towers, ...heads], [...inner, ...rows]),
      dispose: () => disposeTowers([...towers, ...heads], [...inner, ...rows]),
    };
  },
};
