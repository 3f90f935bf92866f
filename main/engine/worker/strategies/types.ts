// One interface for every transfer-learning strategy: given the epoch, which blocks train and
// at which learning rate. The training loop does the rest (frozen blocks run in eval mode; a
// frozen bottom is computed once and cached; one optimizer per block).
import type { StrategyName, StrategyOptions } from '../../../../contract/spec.ts';

export interface StrategyContext {
  /** Number of blocks, the head included (the head is the last). */
  blockCount: number;
  epochs: number;
  /** The run's learning rate: the head's, and the base for strategies that scale it. */
  lr: number;
  options: StrategyOptions;
}

export interface Phase {
  /** Blocks below this index are frozen; this one and those above train. */
  firstTrainable: number;
  /** Learning rate of each block, by index (frozen blocks: 0). */
  lrs: number[];
}

export interface Strategy {
  name: StrategyName;
  /** Whether the strategy starts from a transferred base (scratch does not). */
  transfers: boolean;
  /** The phase in force during `epoch` (0-based). */
  phaseAt(epoch: number, ctx: StrategyContext): Phase;
}

/** A phase where blocks from `first` up train: the head at `lr`, the others at `baseLr`. */
export function suffixPhase(ctx: StrategyContext, first: number, baseLr: number, headLr = ctx.lr): Phase {
  const head = ctx.blockCount - 1;
  const lrs = Array.from({ length: ctx.blockCount }, (_, i) => (i < first ? 0 : i === head ? headLr : baseLr));
  return { firstTrainable: Math.max(0, Math.min(first, head)), lrs };
}
