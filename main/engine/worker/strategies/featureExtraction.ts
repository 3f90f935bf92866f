// The transferred base is frozen; only the new head trains. Because the frozen base always runs
// in eval mode, its features are computed once per split and cached by the training loop.
import type { Strategy } from './types.ts';
import { suffixPhase } from './types.ts';

export const featureExtraction: Strategy = {
  name: 'feature-extraction',
  transfers: true,
  phaseAt: (_epoch, ctx) => suffixPhase(ctx, ctx.blockCount - 1, 0),
};
