// One interface for every transfer-learning strategy: given the epoch, which blocks train and
// at which learning rate. The training loop does the rest (frozen blocks run in eval mode; a
// frozen bottom is computed once and cached; one optimizer per block).
import type * as tf from '@tensorflow/tfjs';
import type { StrategyName, StrategyOptions } from '../../../../contract/spec.ts';
import type { Net } from '../models/net.ts';

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
  /** A penalty added to the loss every step (L2-SP, LwF, BSS); absent for the others. */
  regularizer?(setup: RegularizerSetup): StepRegularizer;
}

export interface RegularizerSetup {
  /** The net being trained (transferred base, new head). */
  net: Net;
  /** A fresh copy of the source model as it was saved, its own head included; never trained. */
  source: Net;
  /** Where the source came from, for error messages. */
  sourcePath: string;
  options: StrategyOptions;
}

export interface RegularizedBatch {
  /** The batch's input (data: regularized strategies train every block). */
  x: tf.Tensor;
  /** The head's input, flattened to [batch, features]. */
  features: tf.Tensor2D;
}

export interface StepRegularizer {
  /** The penalty on this batch; runs inside the gradient function, so it may depend on the weights. */
  penalty(batch: RegularizedBatch): tf.Scalar;
  dispose(): void;
}

/** A phase where blocks from `first` up train: the head at `lr`, the others at `baseLr`. */
export function suffixPhase(ctx: StrategyContext, first: number, baseLr: number, headLr = ctx.lr): Phase {
  const head = ctx.blockCount - 1;
  const lrs = Array.from({ length: ctx.blockCount }, (_, i) => (i < first ? 0 : i === head ? headLr : baseLr));
  return { firstTrainable: Math.max(0, Math.min(first, head)), lrs };
}
