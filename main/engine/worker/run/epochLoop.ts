// The one epoch loop every experiment kind trains with: Graft's seeded shuffle, a yield between
// batches (so a cancel message gets in), divergence checks, evaluation, early stopping on the
// validation loss and the epoch report. The kind supplies what differs — one optimizer step on a
// batch of rows, and its metrics after the epoch — as an EpochTrainer.
//
// Test metrics are recorded every epoch, beside val, so analysis can report "test at the best
// validation epoch" without keeping a best-val copy of the weights.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { TrainingConfig } from '../../../../contract/spec.ts';
import { RUN_LEVEL_TASK } from '../../../../contract/model.ts';
import { deriveSeed, mulberry32, permutation, type Rng } from '../../../data/random.ts';
import { shouldStopEarly, watchEpoch } from './earlyStopping.ts';

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

/** What a checkpoint must hold, besides the kind's weights and optimizer state, to resume exactly. Same fields for every kind. */
export interface LoopState {
  /** Epochs done. */
  epoch: number;
  step: number;
  /** Seconds of training so far, across resumes. */
  elapsed: number;
  bestValLoss: number;
  epochsSinceBest: number;
}

export const START: LoopState = { epoch: 0, step: 0, elapsed: 0, bestValLoss: Number.POSITIVE_INFINITY, epochsSinceBest: 0 };

export class RunCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'RunCancelled';
  }
}

/** What an epoch's evaluation gives the loop: the loss early stopping watches, and the epoch's metrics once its cost is known. */
export interface EpochScores {
  valLoss: number;
  /** The epoch's metric points; `cost` (time, throughput, examples) goes where the kind always put it. */
  points(cost: MetricPoint[]): MetricPoint[];
}

/** The part of training a kind supplies: its step and its metrics. */
export interface EpochTrainer {
  /** Examples in the training split (one epoch visits each once). */
  readonly trainRows: number;
  /** What early stopping watches, as the log names it ("val loss", "mean validation loss"). */
  readonly watched: string;
  /** Before the epoch's first batch: `rng` is the epoch's stream, `order` the shuffle already drawn from it. */
  beginEpoch(epoch: number, rng: Rng, order: Int32Array): void;
  /** One optimizer step on `rows` (starting at position `from` of the epoch's order); the batch's losses, one per task. */
  trainBatch(rows: Int32Array, from: number): number[];
  /** How a divergence message names loss `t` ("loss", `loss of task "sex"`). */
  lossName(t: number): string;
  /** After the epoch's last batch: evaluate val and test. */
  endEpoch(): EpochScores;
}

export interface LoopHooks {
  /** After each epoch; the loop waits for it (the lifecycle checkpoints here). */
  onEpoch(report: EpochReport, state: LoopState): Promise<void> | void;
  /** After each batch: fraction of the whole run done and seconds left (null until known). */
  onProgress?(fraction: number, etaSeconds: number | null): void;
  onLog?(line: string): void;
}

export interface EpochLoopOptions extends LoopHooks {
  trainer: EpochTrainer;
  training: TrainingConfig;
  seed: number;
  signal: AbortSignal;
  /** Where a resumed run continues; a fresh run starts at START. */
  start?: LoopState;
}

export interface EpochLoopResult {
  state: LoopState;
  stoppedEarly: boolean;
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
  onProgress: EpochLoopOptions['onProgress'],
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

export async function epochLoop(o: EpochLoopOptions): Promise<EpochLoopResult> {
  const { trainer, training, signal } = o;
  const { epochs, batchSize } = training;
  const n = trainer.trainRows;
  const state: LoopState = { ...(o.start ?? START) };
  const stepsPerEpoch = Math.ceil(n / batchSize);
  const startEpoch = state.epoch;
  const progress = progressReporter(o.onProgress, { startEpoch, epochs, stepsPerEpoch });
  for (let epoch = startEpoch; epoch < epochs; epoch++) {
    const rng = epochRng(o.seed, epoch);
    const order = permutation(n, rng);
    trainer.beginEpoch(epoch, rng, order);
    const epochStart = performance.now();
    for (let b = 0; b < stepsPerEpoch; b++) {
      // Yield so a cancel message (or any event) reaches this thread between batches.
      await yieldToEventLoop();
      if (signal.aborted) throw new RunCancelled();
      const from = b * batchSize;
      const losses = trainer.trainBatch(order.subarray(from, Math.min(from + batchSize, n)), from);
      state.step++;
      losses.forEach((loss, t) => {
        if (!Number.isFinite(loss)) throw new Error(`diverged at epoch ${epoch + 1}, step ${b + 1}: ${trainer.lossName(t)} is ${loss}`);
      });
      progress(epoch, b);
    }
    const trainTime = (performance.now() - epochStart) / 1000;
    const scores = trainer.endEpoch();
    const epochTime = (performance.now() - epochStart) / 1000;
    state.epoch = epoch + 1;
    state.elapsed += epochTime;
    const points = scores.points(costPoints(epochTime, trainTime, n));
    Object.assign(state, watchEpoch(state, scores.valLoss));
    await o.onEpoch({ epoch: state.epoch, epochs, step: state.step, time: state.elapsed, points }, { ...state });
    if (shouldStopEarly(state, training.patience, state.epoch, epochs)) {
      o.onLog?.(`early stop after epoch ${state.epoch}: ${trainer.watched} has not improved for ${training.patience} epochs`);
      return { state, stoppedEarly: true };
    }
  }
  return { state, stoppedEarly: false };
}
