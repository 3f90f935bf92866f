// The transfer kind's part of the epoch loop: explicit variable lists (never compile, never
// `trainable`), one optimizer per block set by the strategy's phase, the frozen bottom's
// features cached, every step inside tf.tidy. The loop itself (shuffle, cancel, divergence,
// early stopping) is run/epochLoop.ts, shared with every kind.
import { tf } from '../tf.mjs';
import { RUN_LEVEL_TASK } from '../../../../contract/model.ts';
import type { StrategyOptions, TrainingConfig } from '../../../../contract/spec.ts';
import { randomInt, type Rng } from '../../../data/random.ts';
import type { ForwardMode } from '../models/forward.ts';
import { paramCount, type Net } from '../models/net.ts';
import { epochLoop, type EpochLoopOptions, type EpochScores, type EpochTrainer, type LoopHooks, type LoopState, type MetricPoint } from '../run/epochLoop.ts';
import type { StepRegularizer, Strategy, StrategyContext } from '../strategies/types.ts';
import { evaluate } from './evaluate.ts';
import { FeatureCache, type SplitInputs } from './features.ts';
import type { BlockOptimizers } from './optimizers.ts';
import type { RunData } from './runData.ts';
import { trainStep } from './step.ts';

/** What training a transfer net takes besides the loop's own settings. */
export interface TransferParts {
  net: Net;
  data: RunData;
  strategy: Strategy;
  strategyOptions: StrategyOptions;
  training: TrainingConfig;
  optimizers: BlockOptimizers;
  seed: number;
  task: string;
  /** The strategy's penalty, when it has one (L2-SP, LwF, BSS); trainStep reads it from these parts. */
  regularizer?: StepRegularizer | undefined;
}

export interface LoopOptions extends TransferParts {
  signal: AbortSignal;
  hooks: LoopHooks;
  start?: LoopState;
}

export interface LoopResult {
  state: LoopState;
  stoppedEarly: boolean;
  /** How many times a frozen bottom's features were computed (feature caching, for tests). */
  featureComputations: number;
}

/** One transfer net's step and metrics, for the epoch loop. */
export class TransferEpochs implements EpochTrainer {
  readonly trainRows: number;
  readonly watched = 'val loss';
  readonly cache: FeatureCache;
  private readonly ctx: StrategyContext;
  private readonly totalParams: number;
  private firstTrainable = 0;
  private inputs: SplitInputs | null = null;
  private mode: ForwardMode | null = null;
  private lossSum = 0;
  private correct = 0;

  constructor(private readonly o: TransferParts) {
    this.trainRows = o.data.train.n;
    this.cache = new FeatureCache(o.net, o.data);
    this.ctx = { blockCount: o.net.blocks.length, epochs: o.training.epochs, lr: o.training.lr, options: o.strategyOptions };
    this.totalParams = paramCount(o.net.blocks);
  }

  beginEpoch(epoch: number, rng: Rng): void {
    const phase = this.o.strategy.phaseAt(epoch, this.ctx);
    this.o.optimizers.configure(phase.firstTrainable, phase.lrs);
    this.firstTrainable = phase.firstTrainable;
    this.inputs = this.cache.inputsFor(phase.firstTrainable);
    this.mode = { training: (i) => i >= phase.firstTrainable, dropoutSeed: () => randomInt(rng, 2 ** 31), inputIsData: true };
    this.lossSum = 0;
    this.correct = 0;
  }

  trainBatch(rows: Int32Array): number[] {
    const inputs = this.inputs as SplitInputs;
    const [xb, yb] = tf.tidy(() => {
      const idx = tf.tensor1d(rows, 'int32');
      return [tf.gather(inputs.train, idx), tf.gather(this.o.data.train.y, idx) as tf.Tensor1D];
    });
    const [loss, hits] = trainStep(this.o, xb, yb as tf.Tensor1D, inputs.from, this.mode as ForwardMode);
    tf.dispose([xb, yb]);
    this.lossSum += loss * rows.length;
    this.correct += hits;
    return [loss];
  }

  lossName(): string {
    return 'loss';
  }

  endEpoch(): EpochScores {
    const { net, data, task: t, optimizers } = this.o;
    const inputs = this.inputs as SplitInputs;
    const val = evaluate(net, inputs.val, data.val.y, inputs.from);
    const test = evaluate(net, inputs.test, data.test.y, inputs.from);
    const trainable = paramCount(net.blocks.slice(this.firstTrainable));
    const n = data.train.n;
    const { lossSum, correct, totalParams } = this;
    return {
      valLoss: val.loss,
      points: (cost): MetricPoint[] => [
        { task: t, split: 'train', metric: 'loss', value: lossSum / n },
        { task: t, split: 'train', metric: 'accuracy', value: correct / n },
        { task: t, split: 'val', metric: 'loss', value: val.loss },
        { task: t, split: 'val', metric: 'accuracy', value: val.accuracy },
        { task: t, split: 'test', metric: 'loss', value: test.loss },
        { task: t, split: 'test', metric: 'accuracy', value: test.accuracy },
        ...cost,
        { task: RUN_LEVEL_TASK, split: 'train', metric: 'trainable_params', value: trainable },
        { task: RUN_LEVEL_TASK, split: 'train', metric: 'total_params', value: totalParams },
        // Stored series are named lr/<block> (one optimizer per block), as every kind's lr/<group>.
        ...Object.entries(optimizers.learningRates).map(([g, lr]) => ({ task: RUN_LEVEL_TASK, split: 'train', metric: `lr/${g}`, value: lr })),
      ],
    };
  }
}

/** Trains a transfer net through the shared epoch loop (the engine's unit tests and the benchmark drive it directly). */
export async function trainLoop(o: LoopOptions): Promise<LoopResult> {
  const trainer = new TransferEpochs(o);
  const loop: EpochLoopOptions = { trainer, training: o.training, seed: o.seed, signal: o.signal, ...o.hooks, ...(o.start ? { start: o.start } : {}) };
  try {
    const result = await epochLoop(loop);
    return { ...result, featureComputations: trainer.cache.computed };
  } finally {
    trainer.cache.release();
  }
}
