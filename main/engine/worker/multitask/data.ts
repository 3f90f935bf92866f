// A multitask run's data: the dataset with its tasks checked, the seeded split and label budget
// shared with every other arm of the seed, features standardized and regression targets
// normalized with statistics of the training rows only (the model predicts (y − mean) / std;
// MAE and RMSE are reported back in the target's own units).
import { tf } from '../tf.mjs';
import type { DataNote } from '../../../../contract/dataNotes.ts';
import type { MultitaskTaskType, TaskRef } from '../../../../contract/specMultitask.ts';
import { applyBudget, parseBudget } from '../../../data/budget.ts';
import { DataError } from '../../../data/errors.ts';
import { classCount, takeRows } from '../../../data/rows.ts';
import { splitIndices } from '../../../data/split.ts';
import { standardizeFeatures } from '../../../data/standardize.ts';
import type { Dataset } from '../../../data/types.ts';

export interface TaskInfo {
  name: string;
  type: MultitaskTaskType;
  /** Output units of the task's head: classes, or 1 for regression. */
  units: number;
  classNames: string[] | null;
  /** Regression: mean and std of the training targets (0 and 1 for classification). */
  mean: number;
  std: number;
  /**
   * Labelled on some examples only (head-to-head multitask arms: each example belongs to one
   * task, label −1 elsewhere): loss and scores are taken over the labelled examples.
   */
  partial?: boolean;
}

export interface MultitaskSplit {
  n: number;
  x: tf.Tensor;
  /** Per task: int32 class labels, or float32 normalized regression targets. */
  targets: tf.Tensor1D[];
  /** Per task, in original units: class labels or regression targets (for metrics). */
  raw: (Int32Array | Float32Array)[];
}

export interface MultitaskData {
  inputShape: number[];
  tasks: TaskInfo[];
  train: MultitaskSplit;
  val: MultitaskSplit;
  test: MultitaskSplit;
  /** Provenance for the run's log: the loader's notes, then the run's own decisions. */
  notes: string[];
  /** What this run's preparation decided (tasks, rows per split), stored with the run. */
  decisions: DataNote[];
}

export interface MultitaskDataOptions {
  seed: number;
  budget: string;
  valFraction: number;
  testFraction: number;
}

function infoOf(ds: Dataset, ref: TaskRef, trainRows: Int32Array): TaskInfo {
  const task = ds.tasks.find((t) => t.name === ref.name);
  if (!task) throw new DataError(`no task "${ref.name}"`, { field: 'tasks' });
  if (task.type === 'classification') {
    const units = classCount(ds, task);
    return { name: task.name, type: 'classification', units, classNames: task.classes ?? null, mean: 0, std: 1 };
  }
  const values = ds.y[task.name] as Float32Array;
  let sum = 0;
  for (const r of trainRows) sum += values[r] as number;
  const mean = trainRows.length > 0 ? sum / trainRows.length : 0;
  let sq = 0;
  for (const r of trainRows) sq += ((values[r] as number) - mean) ** 2;
  const std = trainRows.length > 0 ? Math.sqrt(sq / trainRows.length) : 1;
  // A constant target carries no signal to scale by; keep the arithmetic finite.
  return { name: task.name, type: 'regression', units: 1, classNames: null, mean, std: std > 1e-12 ? std : 1 };
}

function splitOf(ds: Dataset, rows: Int32Array, tasks: TaskInfo[]): MultitaskSplit {
  const part = takeRows(ds, rows);
  const raw = tasks.map((t) => part.y[t.name] as Int32Array | Float32Array);
  return {
    n: part.n,
    x: tf.tensor(part.x, [part.n, ...part.inputShape], 'float32'),
    targets: tasks.map((t, i) =>
      t.type === 'classification' ? tf.tensor1d(raw[i] as Int32Array, 'int32') : tf.tensor1d(Float32Array.from(raw[i] as Float32Array, (v) => (v - t.mean) / t.std), 'float32'),
    ),
    raw,
  };
}

export function prepareMultitaskData(ds: Dataset, refs: TaskRef[], opts: MultitaskDataOptions): MultitaskData {
  const firstClassification = refs.find((r) => ds.tasks.find((t) => t.name === r.name)?.type === 'classification')?.name;
  const fractions = { train: 1 - opts.valFraction - opts.testFraction, val: opts.valFraction, test: opts.testFraction };
  const idx = splitIndices(ds, { seed: opts.seed, fractions, stratifyBy: firstClassification ?? false });
  const budget = applyBudget(ds, idx.train, parseBudget(opts.budget), { seed: opts.seed, ...(firstClassification ? { task: firstClassification } : {}) });
  const scaled = standardizeFeatures(ds, budget.rows).dataset;
  const tasks = refs.map((r) => infoOf(ds, r, budget.rows));
  const describe = (t: TaskInfo) => (t.type === 'classification' ? `${t.name} (${t.units} classes)` : `${t.name} (regression, train mean ${t.mean.toPrecision(4)}, std ${t.std.toPrecision(4)})`);
  const decision = `${ds.name}: tasks ${tasks.map(describe).join(', ')}; train ${budget.rows.length} (budget ${budget.budget}), val ${idx.val.length}, test ${idx.test.length}`;
  return {
    inputShape: ds.inputShape,
    tasks,
    train: splitOf(scaled, budget.rows, tasks),
    val: splitOf(scaled, idx.val, tasks),
    test: splitOf(scaled, idx.test, tasks),
    notes: [...(ds.notes ?? []), decision],
    decisions: [{ data: 'data', note: decision }],
  };
}

export function disposeMultitaskData(data: MultitaskData): void {
  for (const s of [data.train, data.val, data.test]) tf.dispose([s.x, ...s.targets]);
}
