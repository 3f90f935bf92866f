// Every block trains: the transferred base at lr × lrFactor (default 0.1) so it is not wrecked
// by the new head's early, large gradients; the new head at the full lr.
import type { Strategy } from './types.ts';
import { suffixPhase } from './types.ts';

export const fineTune: Strategy = {
  name: 'fine-tune',
  transfers: true,
  phaseAt: (_epoch, ctx) => suffixPhase(ctx, 0, ctx.lr * ctx.options.lrFactor),
};
