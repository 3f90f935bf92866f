// ULMFiT's discriminative learning rates: the head at lr, each block below at lrDecay times the
// one above. Each block has its own optimizer, because under Adam scaling a block's gradients
// does not scale its step (Adam divides the scale back out).
import type { Strategy } from './types.ts';

export const discriminativeLr: Strategy = {
  name: 'discriminative-lr',
  transfers: true,
  phaseAt: (_epoch, ctx) => {
    const head = ctx.blockCount - 1;
    const { lrFactor, lrDecay } = ctx.options;
    const lrs = Array.from({ length: ctx.blockCount }, (_, i) => (i === head ? ctx.lr : ctx.lr * lrFactor * lrDecay ** (head - i)));
    return { firstTrainable: 0, lrs };
  },
};
