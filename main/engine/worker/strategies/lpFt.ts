// LP-FT (Kumar et al. 2022): a linear probe of the frozen base for `probeEpochs`, then
// fine-tuning of everything at lr × lrFactor — the head starts good, so fine-tuning distorts
// the pretrained features less than with a random head.
import type { Strategy } from './types.ts';
import { suffixPhase } from './types.ts';

export const lpFt: Strategy = {
  name: 'lp-ft',
  transfers: true,
  phaseAt: (epoch, ctx) => {
    const ftLr = ctx.lr * ctx.options.lrFactor;
    return epoch < ctx.options.probeEpochs ? suffixPhase(ctx, ctx.blockCount - 1, 0) : suffixPhase(ctx, 0, ftLr, ftLr);
  },
};
