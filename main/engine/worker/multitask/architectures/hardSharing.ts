// Hard parameter sharing (Caruana 1997): one trunk for all tasks, one head per task. Z is the
// trunk's output, so every trunk weight gets gradient from every task — where conflict happens.
import type { Architecture } from './types.ts';
import { buildHead, buildTrunk, countParams, disposeTowers, initStreams } from './towers.ts';

export const hardSharing: Architecture = {
  name: 'hard-sharing',
  build(ctx) {
    const streams = initStreams(ctx.seed);
    const trunk = buildTrunk(ctx.model, ctx.inputShape, streams.trunk);
    const heads = ctx.heads.map((h) => buildHead(trunk.outputShape, h.units, streams.heads));
    return {
      encoderVariables: trunk.variables,
      taskVariables: heads.map((h) => h.variables),
      sharesParameters: trunk.variables.length > 0,
      stateVariables: [trunk, ...heads].flatMap((t) => t.allVariables),
      encode: (x, mode) => trunk.run(x, mode),
      decode: (z, task, mode) => heads[task]!.run(z, mode),
      penalty: null,
      paramCount: countParams([trunk, ...heads]),
      dispose: () => disposeTowers([trunk, ...heads]),
    };
  },
};
