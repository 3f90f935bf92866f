// One full tower (trunk) per task with its own head — the skeleton of the single-task baseline
// and of soft sharing. Z stacks the towers' outputs, [tasks, batch, ...features]; task t's
// decoder reads slice t, so task t's loss reaches only tower t.
import { tf } from '../../tf.mjs';
import type { BuildContext, MultitaskModel } from './types.ts';
import { buildHead, buildTrunk, countParams, disposeTowers, initStreams, stackTowers, towerSlice, type Tower } from './towers.ts';

export interface SeparateTowers {
  towers: Tower[];
  model: MultitaskModel;
}

export function buildSeparateTowers(ctx: BuildContext): SeparateTowers {
  const streams = initStreams(ctx.seed);
  const towers = ctx.heads.map(() => buildTrunk(ctx.model, ctx.inputShape, streams.trunk));
  const heads = ctx.heads.map((h, t) => buildHead(towers[t]!.outputShape, h.units, streams.heads));
  const model: MultitaskModel = {
    encoderVariables: towers.flatMap((t) => t.variables),
    taskVariables: heads.map((h) => h.variables),
    sharesParameters: false,
    stateVariables: [...towers, ...heads].flatMap((t) => t.allVariables),
    encode: (x, mode) => stackTowers(towers.map((t) => t.run(x, mode))),
    decode: (z, task, mode) => heads[task]!.run(towerSlice(z, task), mode),
    penalty: null,
    paramCount: countParams([...towers, ...heads]),
    dispose: () => disposeTowers([...towers, ...heads]),
  };
  return { towers, model };
}

/** Σ over blocks, over pairs of towers, of ‖W_i − W_j‖² for corresponding weights. */
export function pairwiseDistance(towers: Tower[]): tf.Scalar {
  return tf.tidy(() => {
    let total: tf.Scalar = tf.scalar(0);
    for (let i = 0; i < towers.length; i++) {
      for (let j = i + 1; j < towers.length; j++) {
        const a = towers[i]!.variables;
        const b = towers[j]!.variables;
        a.forEach((v, k) => {
          total = tf.add(total, tf.sum(tf.square(tf.sub(v, b[k]!))));
        });
      }
    }
    return total;
  });
}
