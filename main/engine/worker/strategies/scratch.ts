// The baseline: a freshly initialized model, every block trained at the run's learning rate.
import type { Strategy } from './types.ts';
import { suffixPhase } from './types.ts';

export const scratch: Strategy = {
  name: 'scratch',
  transfers: false,
  phaseAt: (_epoch, ctx) => suffixPhase(ctx, 0, ctx.lr),
};
