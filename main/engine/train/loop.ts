// The custom training loop: explicit variable lists (never compile, never `trainable`), one
// optimizer per block, Graft's seeded shuffle, every step inside tf.tidy.
//
// Test metrics are recorded every epoch, beside val, so analysis can report "test at the best
// validation epoch" without keeping a best-val copy of the weights.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import * as tf from '@tensorflow/tfjs';
import { RUN_LEVEL_TASK } from '../../../contract/model.ts';
import type { StrategyOptions, TrainingConfig } from '../../../contract/spec.ts';
import { deriveSeed, mulberry32, permutation, randomInt, type Rng } from '../../data/random.ts';
import { shouldStopEarly, watchEpoch } from '../earlyStopping.ts';
import type { ForwardMode } from '../models/forward.ts';
import { paramCount, type Net } from '../models/net.ts';
import type { StepRegularizer, Strategy, StrategyContext } from '../strategies/types.ts';
import { evaluate } from './evaluate.ts';
import { FeatureCache } from './features.ts';
import type { BlockOptimizers } from './optimizers.ts';
import type { RunData } from './runData.ts';
import { trainStep } from './step.ts';

export interface MetricPoint {
  task: string;
  split: string;
  metric: string;
  value: number;
}

export interface EpochReport {
  /** 1-based: the number of epochs done. */
  epoch: number;
  epochs: number;
  /** Optimizer steps done so far in the run. */
  step: number;
  /** Seconds of training so far (across resumes). */
  time: number;
  points: MetricPoint[];
}

/** What a checkpoint must hold, besides weights and optimizer state, to resume exactly. */
export interface LoopState {
  epoch: number;
  step: number;
  elapsed: number;
  bestValLoss: number;
  epochsSinceBest: number;
}

export const START: LoopState = { epoch: 0, step: 0, elapsed: 0, bestValLoss: Number.POSITIVE_INFINITY, epochsSinceBest: 0 };

export interface LoopHooks {
  /** After each epoch; the loop waits for it (the runner checkpoints here). */
  onEpoch(report: EpochReport, state: LoopState): Promise<void> | void;
  /** After each batch: fraction of the whole run done and seconds left (null until known). */
  onProgress?(fraction: number, etaSeconds: number | null): void;
  onLog?(line: string): void;
}

export interface LoopOptions {
  net: Net;
  data: RunData;
  strategy: Strategy;
  strategyOptions: StrategyOptions;
  training: TrainingConfig;
  optimizers: BlockOptimizers;
  seed: number;
  task: string;
  signal: AbortSignal;
  hooks: LoopHooks;
  start?: LoopState;
  /** The strategy's penalty, when it has one (trainStep reads it from these options). */
  regularizer?: StepRegularizer;
}

export class RunCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'RunCancelled';
  }
}

export interface LoopResult {
  state: LoopState;
  stoppedEarly: boolean;
  /** How many times a frozen bottom's features were computed (feature caching, for tests). */
  featureComputations: number;
}

/** The shuffle and dropout stream of one epoch: a function of seed and epoch only, so a resumed run draws the same. */
export function epochRng(seed: number, epoch: number): Rng {
  return mulberry32(deriveSeed(seed, `epoch ${epoch}`));
}

/**
 * Reports progress after each batch (epoch and batch 0-based): the fraction of the whole run
 * done and the seconds left, estimated from the steps done since this call (null for the first few).
 */
export function progressReporter(
  onProgress: LoopHooks['onProgress'],
  run: { startEpoch: number; epochs: number; stepsPerEpoch: number },
): (epoch: number, batch: number) => void {
  const { startEpoch, epochs, stepsPerEpoch } = run;
  const started = performance.now();
  return (epoch, batch) => {
    if (!onProgress) return;
    const done = (epoch - startEpoch) * stepsPerEpoch + batch + 1;
    const left = (epochs - startEpoch) * stepsPerEpoch - done;
    const perStep = (performance.now() - started) / 1000 / done;
    onProgress((epoch * stepsPerEpoch + batch + 1) / (epochs * stepsPerEpoch), done >= 3 ? left * perStep : null);
  };
}

/** An epoch's cost: its time, throughput, and the examples trained on (head-to-head compares runs by these). */
export function costPoints(epochTime: number, trainTime: number, samples: number): MetricPoint[] {
  return [
    { task: RUN_LEVEL_TASK, split: 'train', metric: 'epoch_time', value: epochTime },
    { task: RUN_LEVEL_TASK, split: 'train', metric: 'samples_per_sec', value: samples / Math.max(trainTime, 1e-9) },
    { task: RUN_LEVEL_TASK, split: 'train', metric: 'samples', value: samples },
  ];
}

export async function trainLoop(o: LoopOptions): Promise<LoopResult> {
  const { net, data, training, signal } = o;
  const epochs = training.epochs;
  const ctx: StrategyContext = { blockCount: net.blocks.length, epochs, lr: training.lr, options: o.strategyOptions };
  const cache = new FeatureCache(net, data);
  const state: LoopState = { ...(o.start ?? START) };
  const totalParams = paramCount(net.blocks);
  const stepsPerEpoch = Math.ceil(data.train.n / training.batchSize);
  const startEpoch = state.epoch;
  const progress = progressReporter(o.hooks.onProgress, { startEpoch, epochs, stepsPerEpoch });
  let stoppedEarly = false;
  try {
    for (let epoch = startEpoch; epoch < epochs; epoch++) {
      const phase = o.strategy.phaseAt(epoch, ctx);
      o.optimizers.configure(phase.firstTrainable, phase.lrs);
      const inputs = cache.inputsFor(phase.firstTrainable);
      const rng = epochRng(o.seed, epoch);
      const mode: ForwardMode = { training: (i) => i >= phase.firstTrainable, dropoutSeed: () => randomInt(rng, 2 ** 31), inputIsData: true };
      const order = permutation(data.train.n, rng);
      const epochStart = performance.now();
      let lossSum = 0;
      let correct = 0;
      for (let b = 0; b < stepsPerEpoch; b++) {
        // Yield so a cancel message (or any event) reaches this thread between batches.
        await yieldToEventLoop();
        if (signal.aborted) throw new RunCancelled();
        const idx = order.subarray(b * training.batchSize, Math.min((b + 1) * training.batchSize, data.train.n));
        const [xb, yb] = tf.tidy(() => {
          const rows = tf.tensor1d(idx, 'int32');
          return [tf.gather(inputs.train, rows), tf.gather(data.train.y, rows) as tf.Tensor1D];
        });
        const [loss, hits] = trainStep(o, xb, yb as tf.Tensor1D, inputs.from, mode);
        tf.dispose([xb, yb]);
        state.step++;
        if (!Number.isFinite(loss)) throw new Error(`diverged at epoch ${epoch + 1}, step ${b + 1}: loss is ${loss}`);
        lossSum += loss * idx.length;
        correct += hits;
        progress(epoch, b);
      }
      const trainTime = (performance.now() - epochStart) / 1000;
      const val = evaluate(net, inputs.val, data.val.y, inputs.from);
      const test = evaluate(net, inputs.test, data.test.y, inputs.from);
      const epochTime = (performance.now() - epochStart) / 1000;
      state.epoch = epoch + 1;
      state.elapsed += epochTime;
      const trainable = paramCount(net.blocks.slice(phase.firstTrainable));
      const t = o.task;
      const points: MetricPoint[] = [
        { task: t, split: 'train', metric: 'loss', value: lossSum / data.train.n },
        { task: t, split: 'train', metric: 'accuracy', value: correct / data.train.n },
        { task: t, split: 'val', metric: 'loss', value: val.loss },
        { task: t, split: 'val', metric: 'accuracy', value: val.accuracy },
        { task: t, split: 'test', metric: 'loss', value: test.loss },
        { task: t, split: 'test', metric: 'accuracy', value: test.accuracy },
        ...costPoints(epochTime, trainTime, data.train.n),
        { task: RUN_LEVEL_TASK, split: 'train', metric: 'trainable_params', value: trainable },
        { task: RUN_LEVEL_TASK, split: 'train', metric: 'total_params', value: totalParams },
        ...Object.entries(o.optimizers.learningRates).map(([g, lr]) => ({ task: RUN_LEVEL_TASK, split: 'train', metric: `lr/${g}`, value: lr })),
      ];
      // LoopState names the fields as ValLossWatch does, so the watch updates it in place.
      Object.assign(state, watchEpoch(state, val.loss));
      await o.hooks.onEpoch({ epoch: state.epoch, epochs, step: state.step, time: state.elapsed, points }, { ...state });
      if (shouldStopEarly(state, training.patience, state.epoch, epochs)) {
        o.hooks.onLog?.(`early stop after epoch ${state.epoch}: val loss has not improved for ${training.patience} epochs`);
        stoppedEarly = true;
        break;
      }
    }
  } finally {
    cache.release();
  }
  return { state, stoppedEarly, featureComputations: cache.computed };
}
