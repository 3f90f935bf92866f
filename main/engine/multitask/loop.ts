// The multitask training loop: Graft's seeded shuffle, one step per batch through the arm's
// weighting, and per epoch, per task and split, the loss and metrics — plus the task weights
// (mean over the epoch's steps), the gradient cosine between tasks on the shared weights, and
// time. Test is scored every epoch beside val, so analysis can take each task's test value at
// its own best validation epoch.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import * as tf from '@tensorflow/tfjs';
import { RUN_LEVEL_TASK } from '../../../contract/model.ts';
import type { TrainingConfig } from '../../../contract/spec.ts';
import { deriveSeed, mulberry32, permutation, randomInt } from '../../data/random.ts';
import { shouldStopEarly, watchEpoch } from '../earlyStopping.ts';
import type { ForwardMode } from '../models/forward.ts';
import { costPoints, epochRng, progressReporter, RunCancelled, type EpochReport, type MetricPoint } from '../train/loop.ts';
import type { MultitaskLoopState } from './checkpoint.ts';
import type { MultitaskData, MultitaskSplit } from './data.ts';
import { evaluateSplit, gradientCosines, type TaskScores } from './evaluate.ts';
import { trainStep, type Batch, type StepContext } from './step.ts';
import { scoreTask } from './taskLoss.ts';

export interface MultitaskLoopOptions {
  step: StepContext;
  data: MultitaskData;
  training: TrainingConfig;
  seed: number;
  signal: AbortSignal;
  /** Where a resumed run continues; a fresh run starts at epoch 0. */
  start?: MultitaskLoopState;
  /** After each epoch; the loop waits for it (the runner checkpoints here). */
  onEpoch(report: EpochReport, state: MultitaskLoopState): Promise<void> | void;
  onProgress?(fraction: number, etaSeconds: number | null): void;
  onLog?(line: string): void;
}

export interface MultitaskLoopResult {
  epochsDone: number;
  stoppedEarly: boolean;
}

/** Rows the gradient cosine is measured on, the same every epoch. */
const PROBE_ROWS = 256;

function modeFrom(seed: number): () => ForwardMode {
  return () => {
    const rng = mulberry32(seed);
    return { training: () => true, dropoutSeed: () => randomInt(rng, 2 ** 31) };
  };
}

function gatherRows(split: MultitaskSplit, rows: Int32Array): Batch {
  return tf.tidy(() => {
    const r = tf.tensor1d(rows, 'int32');
    return { x: tf.gather(split.x, r), targets: split.targets.map((y) => tf.gather(y, r) as tf.Tensor1D) };
  });
}

function scorePoints(task: string, split: string, scores: TaskScores): MetricPoint[] {
  return [
    { task, split, metric: 'loss', value: scores.loss },
    ...Object.entries(scores.metrics).map(([metric, value]) => ({ task, split, metric, value })),
  ];
}

export async function multitaskLoop(o: MultitaskLoopOptions): Promise<MultitaskLoopResult> {
  const { data, training, signal } = o;
  const { tasks } = data;
  const { weighting, model } = o.step;
  const n = data.train.n;
  const stepsPerEpoch = Math.ceil(n / training.batchSize);
  const probe = gatherRows(data.train, permutation(n, mulberry32(deriveSeed(o.seed, 'gradient probe'))).slice(0, PROBE_ROWS));
  const state: MultitaskLoopState = o.start
    ? { ...o.start, lossHistory: o.start.lossHistory.map((l) => [...l]) }
    : { epoch: 0, step: 0, elapsed: 0, bestValLoss: Number.POSITIVE_INFINITY, sinceBest: 0, lossHistory: [] };
  const { lossHistory } = state;
  const startEpoch = state.epoch;
  const progress = progressReporter(o.onProgress, { startEpoch, epochs: training.epochs, stepsPerEpoch });
  let epoch = startEpoch;
  try {
    for (; epoch < training.epochs; epoch++) {
      weighting.startEpoch?.(lossHistory);
      const rng = epochRng(o.seed, epoch);
      const order = permutation(n, rng);
      const epochStart = performance.now();
      const lossSums = tasks.map(() => 0);
      const weightSums = tasks.map(() => 0);
      const predictions = tasks.map(() => new Float32Array(n));
      const rawInOrder = data.train.raw.map((r) => Float64Array.from(order, (i) => r[i] as number));
      for (let b = 0; b < stepsPerEpoch; b++) {
        // Yield so a cancel message reaches this thread between batches.
        await yieldToEventLoop();
        if (signal.aborted) throw new RunCancelled();
        const from = b * training.batchSize;
        const idx = order.subarray(from, Math.min(from + training.batchSize, n));
        const batch = gatherRows(data.train, idx);
        const outcome = trainStep(o.step, batch, modeFrom(randomInt(rng, 2 ** 31)));
        tf.dispose([batch.x, ...batch.targets]);
        state.step++;
        outcome.losses.forEach((loss, t) => {
          if (!Number.isFinite(loss)) throw new Error(`diverged at epoch ${epoch + 1}, step ${b + 1}: loss of task "${tasks[t]?.name}" is ${loss}`);
          lossSums[t] = (lossSums[t] as number) + loss * idx.length;
          (predictions[t] as Float32Array).set(outcome.predictions[t] as Float32Array, from);
        });
        outcome.weights.forEach((w, t) => (weightSums[t] = (weightSums[t] as number) + w));
        progress(epoch, b);
      }
      const trainLoss = lossSums.map((s) => s / n);
      lossHistory.push(trainLoss);
      const trainTime = (performance.now() - epochStart) / 1000;
      const val = evaluateSplit(model, data.val, tasks);
      const test = evaluateSplit(model, data.test, tasks);
      const cosines = gradientCosines(model, probe, tasks);
      const epochTime = (performance.now() - epochStart) / 1000;
      state.elapsed += epochTime;
      const points: MetricPoint[] = tasks.flatMap((task, t) => [
        ...scorePoints(task.name, 'train', { loss: trainLoss[t] as number, metrics: scoreTask(task, predictions[t] as Float32Array, rawInOrder[t] as Float64Array) }),
        ...scorePoints(task.name, 'val', val[t] as TaskScores),
        ...scorePoints(task.name, 'test', test[t] as TaskScores),
        { task: task.name, split: 'train', metric: 'weight', value: (weightSums[t] as number) / stepsPerEpoch },
      ]);
      points.push(
        ...cosines.map((c) => ({ task: c.pair, split: 'train', metric: 'grad_cosine', value: c.value })),
        ...costPoints(epochTime, trainTime, n),
        { task: RUN_LEVEL_TASK, split: 'train', metric: 'total_params', value: model.paramCount },
        { task: RUN_LEVEL_TASK, split: 'train', metric: 'trainable_params', value: model.paramCount },
        { task: RUN_LEVEL_TASK, split: 'train', metric: 'lr', value: training.lr },
      );
      // Early stopping watches the mean validation loss over tasks; each task's best epoch is
      // still chosen per task by analysis.
      const meanValLoss = val.reduce((sum, s) => sum + s.loss, 0) / tasks.length;
      // The checkpoint calls it sinceBest (saved files have that name): adapt at the boundary.
      const watch = watchEpoch({ bestValLoss: state.bestValLoss, epochsSinceBest: state.sinceBest }, meanValLoss);
      state.bestValLoss = watch.bestValLoss;
      state.sinceBest = watch.epochsSinceBest;
      state.epoch = epoch + 1;
      await o.onEpoch({ epoch: epoch + 1, epochs: training.epochs, step: state.step, time: state.elapsed, points }, { ...state, lossHistory: lossHistory.map((l) => [...l]) });
      if (shouldStopEarly(watch, training.patience, epoch + 1, training.epochs)) {
        o.onLog?.(`early stop after epoch ${epoch + 1}: mean validation loss has not improved for ${training.patience} epochs`);
        return { epochsDone: epoch + 1, stoppedEarly: true };
      }
    }
  } finally {
    tf.dispose([probe.x, ...probe.targets]);
  }
  return { epochsDone: epoch, stoppedEarly: false };
}
