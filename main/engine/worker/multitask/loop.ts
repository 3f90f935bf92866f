// The multitask kind's part of the epoch loop: one step per batch through the arm's weighting,
// and per epoch, per task and split, the loss and metrics — plus the task weights (mean over the
// epoch's steps), the gradient cosine between tasks on the shared weights, and time. The loop
// itself (shuffle, cancel, divergence, early stopping) is run/epochLoop.ts, shared with every kind.
import { tf } from '../tf.mjs';
import { RUN_LEVEL_TASK } from '../../../../contract/model.ts';
import type { TrainingConfig } from '../../../../contract/spec.ts';
import { deriveSeed, mulberry32, permutation, randomInt, type Rng } from '../../../data/random.ts';
import type { ForwardMode } from '../models/forward.ts';
import type { EpochScores, EpochTrainer, MetricPoint } from '../run/epochLoop.ts';
import type { MultitaskData, MultitaskSplit } from './data.ts';
import { evaluateSplit, gradientCosines, type TaskScores } from './evaluate.ts';
import { trainStep, type Batch, type StepContext } from './step.ts';
import { scoreTask } from './taskLoss.ts';

/** The one optimizer group of a multitask run: every weight, at one learning rate. */
export const ALL_WEIGHTS_GROUP = 'all';

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

/** One multitask model's step and metrics, for the epoch loop. Owns the gradient probe rows: call release(). */
export class MultitaskEpochs implements EpochTrainer {
  readonly trainRows: number;
  // Early stopping watches the mean validation loss over tasks; each task's best epoch is
  // still chosen per task by analysis.
  readonly watched = 'mean validation loss';
  /** Mean training loss per epoch and task (DWA reads it); the checkpoint keeps it. */
  lossHistory: number[][] = [];
  private readonly probe: Batch;
  private rng: Rng | null = null;
  private lossSums: number[] = [];
  private weightSums: number[] = [];
  private predictions: Float32Array[] = [];
  private rawInOrder: Float64Array[] = [];
  private steps = 0;

  constructor(
    private readonly step: StepContext,
    private readonly data: MultitaskData,
    private readonly training: TrainingConfig,
    seed: number,
  ) {
    const n = data.train.n;
    this.trainRows = n;
    this.probe = gatherRows(data.train, permutation(n, mulberry32(deriveSeed(seed, 'gradient probe'))).slice(0, PROBE_ROWS));
  }

  beginEpoch(_epoch: number, rng: Rng, order: Int32Array): void {
    const { tasks } = this.data;
    const n = this.trainRows;
    this.step.weighting.startEpoch?.(this.lossHistory);
    this.rng = rng;
    this.lossSums = tasks.map(() => 0);
    this.weightSums = tasks.map(() => 0);
    this.predictions = tasks.map(() => new Float32Array(n));
    this.rawInOrder = this.data.train.raw.map((r) => Float64Array.from(order, (i) => r[i] as number));
    this.steps = 0;
  }

  trainBatch(rows: Int32Array, from: number): number[] {
    const batch = gatherRows(this.data.train, rows);
    const outcome = trainStep(this.step, batch, modeFrom(randomInt(this.rng as Rng, 2 ** 31)));
    tf.dispose([batch.x, ...batch.targets]);
    this.steps++;
    outcome.losses.forEach((loss, t) => {
      this.lossSums[t] = (this.lossSums[t] as number) + loss * rows.length;
      (this.predictions[t] as Float32Array).set(outcome.predictions[t] as Float32Array, from);
    });
    outcome.weights.forEach((w, t) => (this.weightSums[t] = (this.weightSums[t] as number) + w));
    return outcome.losses;
  }

  lossName(t: number): string {
    return `loss of task "${this.data.tasks[t]?.name}"`;
  }

  endEpoch(): EpochScores {
    const { data, step, training } = this;
    const { tasks } = data;
    const { model } = step;
    const n = this.trainRows;
    const trainLoss = this.lossSums.map((s) => s / n);
    this.lossHistory.push(trainLoss);
    const val = evaluateSplit(model, data.val, tasks);
    const test = evaluateSplit(model, data.test, tasks);
    const cosines = gradientCosines(model, this.probe, tasks);
    const { predictions, rawInOrder, weightSums, steps } = this;
    return {
      valLoss: val.reduce((sum, s) => sum + s.loss, 0) / tasks.length,
      points: (cost): MetricPoint[] => [
        ...tasks.flatMap((task, t) => [
          ...scorePoints(task.name, 'train', { loss: trainLoss[t] as number, metrics: scoreTask(task, predictions[t] as Float32Array, rawInOrder[t] as Float64Array) }),
          ...scorePoints(task.name, 'val', val[t] as TaskScores),
          ...scorePoints(task.name, 'test', test[t] as TaskScores),
          { task: task.name, split: 'train', metric: 'weight', value: (weightSums[t] as number) / steps },
        ]),
        ...cosines.map((c) => ({ task: c.pair, split: 'train', metric: 'grad_cosine', value: c.value })),
        ...cost,
        { task: RUN_LEVEL_TASK, split: 'train', metric: 'total_params', value: model.paramCount },
        { task: RUN_LEVEL_TASK, split: 'train', metric: 'trainable_params', value: model.paramCount },
        // One name scheme for every kind: lr/<optimizer group>. A multitask run has one
        // optimizer over all its weights (group `all`); a transfer run one per block.
        { task: RUN_LEVEL_TASK, split: 'train', metric: `lr/${ALL_WEIGHTS_GROUP}`, value: training.lr },
      ],
    };
  }

  release(): void {
    tf.dispose([this.probe.x, ...this.probe.targets]);
  }
}
