// ULMFiT's gradual unfreezing: first only the head trains, then every `unfreezeEvery` epochs the
// next block down joins, until the whole model trains.
import type { Strategy, StrategyContext } from './types.ts';
import { suffixPhase } from './types.ts';

export function stageLength(ctx: StrategyContext): number {
  return ctx.options.unfreezeEvery ?? Math.max(1, Math.floor(ctx.epochs / ctx.blockCount));
}

export const gradualUnfreeze: Strategy = {
  name: 'gradual-unfreeze',
  transfers: true,
  phaseAt: (epoch, ctx) => {
    const stage = Math.floor(epoch / stageLength(ctx));
    return suffixPhase(ctx, ctx.blockCount - 1 - stage, ctx.lr * ctx.options.lrFactor);
  },
};
