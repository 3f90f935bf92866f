// The first `freezeBlocks` blocks stay frozen (the most generic features); the rest fine-tune.
import type { Strategy } from './types.ts';
import { suffixPhase } from './types.ts';

export const partialFreeze: Strategy = {
  name: 'partial-freeze',
  transfers: true,
  phaseAt: (_epoch, ctx) => suffixPhase(ctx, ctx.options.freezeBlocks, ctx.lr * ctx.options.lrFactor),
};
