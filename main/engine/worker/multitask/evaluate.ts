// Scores of a multitask model on a split (eval mode, in batches so memory stays bounded), and
// the conflict measure: cosine similarity between task gradients on the shared weights.
import { tf } from '../tf.mjs';
import { EVAL_MODE } from '../models/forward.ts';
import type { MultitaskModel } from './architectures/index.ts';
import type { MultitaskSplit, TaskInfo } from './data.ts';
import { flatGradient } from './step.ts';
import { scoreTask, taskLoss, taskPrediction } from './taskLoss.ts';
import { cosine, taskPairs } from './weightings/vectors.ts';

const EVAL_BATCH = 256;

export interface TaskScores {
  loss: number;
  /** accuracy and f1, or mae and rmse. */
  metrics: Record<string, number>;
}

export function evaluateSplit(model: MultitaskModel, split: MultitaskSplit, tasks: TaskInfo[]): TaskScores[] {
  if (split.n === 0) return tasks.map(() => ({ loss: Number.NaN, metrics: {} }));
  const lossSums = tasks.map(() => 0);
  const predictions = tasks.map(() => new Float32Array(split.n));
  // A partially labelled task's batch loss is a mean over its labelled rows: weight it by them.
  const weightOf = (t: number, start: number, size: number): number =>
    tasks[t]?.partial ? labelledCount(split.raw[t] as ArrayLike<number>, start, start + size) : size;
  for (let start = 0; start < split.n; start += EVAL_BATCH) {
    const size = Math.min(EVAL_BATCH, split.n - start);
    const batch = tf.tidy(() => {
      const z = model.encode(split.x.slice(start, size), EVAL_MODE);
      return tasks.map((task, t) => {
        const output = model.decode(z, t, EVAL_MODE);
        return [tf.mul(taskLoss(output, (split.targets[t] as tf.Tensor1D).slice(start, size), task), weightOf(t, start, size)), taskPrediction(output, task)] as const;
      });
    });
    batch.forEach(([loss, predicted], t) => {
      lossSums[t] = (lossSums[t] as number) + (loss.dataSync()[0] as number);
      (predictions[t] as Float32Array).set(predicted.dataSync(), start);
      tf.dispose([loss, predicted]);
    });
  }
  return tasks.map((task, t) => ({
    loss: (lossSums[t] as number) / weightOf(t, 0, split.n),
    metrics: scoreTask(task, predictions[t] as Float32Array, split.raw[t] as ArrayLike<number>),
  }));
}

function labelledCount(raw: ArrayLike<number>, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if ((raw[i] as number) >= 0) count++;
  return count;
}

export interface PairCosine {
  /** "<a>~<b>", the series' task name. */
  pair: string;
  value: number;
}

/**
 * cos(∇_W L_a, ∇_W L_b) on the encoder weights W for every pair of tasks, on a fixed probe batch
 * in eval mode: the same rows and no dropout every epoch and in every arm, so the curves
 * compare. Empty when the tasks share no weight (the cosine would be 0 by construction).
 */
export function gradientCosines(model: MultitaskModel, probe: { x: tf.Tensor; targets: tf.Tensor1D[] }, tasks: TaskInfo[]): PairCosine[] {
  if (!model.sharesParameters || model.encoderVariables.length === 0 || tasks.length < 2) return [];
  const grads = tasks.map((task, t) =>
    tf.tidy(() => {
      const { grads: g } = tf.variableGrads(
        () => taskLoss(model.decode(model.encode(probe.x, EVAL_MODE), t, EVAL_MODE), probe.targets[t] as tf.Tensor1D, task),
        model.encoderVariables,
      );
      return flatGradient(g, model.encoderVariables);
    }),
  );
  return taskPairs(tasks.length).map(([a, b]) => ({
    pair: `${tasks[a]?.name}~${tasks[b]?.name}`,
    value: cosine(grads[a] as Float32Array, grads[b] as Float32Array),
  }));
}
