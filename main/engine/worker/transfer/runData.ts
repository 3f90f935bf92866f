// A run's data as tensors: class subset, seeded train/val/test split, label budget on train.
// The split depends only on the dataset and the seed, so every arm and budget of a seed is
// scored on the same validation and test rows.
import { tf } from '../tf.mjs';
import { applyBudget, parseBudget } from '../../../data/budget.ts';
import { classificationTask, classLabels, classCount, takeRows } from '../../../data/rows.ts';
import { splitIndices } from '../../../data/split.ts';
import { standardizeFeatures } from '../../../data/standardize.ts';
import { selectClasses } from '../../../data/subset.ts';
import type { Dataset } from '../../../data/types.ts';

export interface SplitTensors {
  /** n × inputShape, float32. */
  x: tf.Tensor;
  /** n class indices, int32. */
  y: tf.Tensor1D;
  n: number;
}

export interface RunData {
  inputShape: number[];
  numClasses: number;
  classNames: string[];
  train: SplitTensors;
  val: SplitTensors;
  test: SplitTensors;
  /** Provenance for the run's log: the loader's notes, then `decisions`. */
  notes: string[];
  /** What this run's preparation decided (rows per split, budget capped for short classes): stored with the run. */
  decisions: string[];
}

export interface RunDataOptions {
  seed: number;
  budget: string;
  valFraction: number;
  testFraction: number;
  classes?: number[];
}

function toTensors(ds: Dataset, labels: Int32Array): SplitTensors {
  return {
    x: tf.tensor(ds.x, [ds.n, ...ds.inputShape], 'float32'),
    y: tf.tensor1d(labels, 'int32'),
    n: ds.n,
  };
}

/** Which rows of a classification dataset a run uses: class subset, seeded split, label budget. */
export interface RunRows {
  /** The dataset after the class subset, features standardized with the budgeted train rows. */
  scaled: Dataset;
  /** Class index of every row of `scaled`. */
  labels: Int32Array;
  numClasses: number;
  classNames: string[];
  train: Int32Array;
  val: Int32Array;
  test: Int32Array;
  notes: string[];
  decisions: string[];
}

/**
 * The split and budget every run of a seed shares. Head-to-head multitask arms take their target
 * rows from here too, so they are scored on exactly the test rows the transfer arms are.
 */
export function selectRunRows(source: Dataset, opts: RunDataOptions): RunRows {
  const ds = opts.classes ? selectClasses(source, opts.classes) : source;
  const task = classificationTask(ds);
  if (!task) throw new Error(`dataset "${ds.name}" has no classification task; transfer runs need class labels`);
  const labels = classLabels(ds, task);
  const numClasses = classCount(ds, task);
  const fractions = { train: 1 - opts.valFraction - opts.testFraction, val: opts.valFraction, test: opts.testFraction };
  const idx = splitIndices(ds, { seed: opts.seed, fractions, stratifyBy: task.name });
  const budget = applyBudget(ds, idx.train, parseBudget(opts.budget), { seed: opts.seed, task: task.name });
  // Tabular features are standardized with statistics of the budgeted training rows only.
  const scaled = standardizeFeatures(ds, budget.rows).dataset;
  const classNames = task.classes ?? Array.from({ length: numClasses }, (_, i) => String(i));
  const decisions = [`${ds.name}: ${numClasses} classes; train ${budget.rows.length} (budget ${budget.budget}), val ${idx.val.length}, test ${idx.test.length}`];
  if (budget.shortClasses.length > 0) {
    // A per-class budget larger than a class's training rows takes all of them: say how many.
    const taken = budget.shortClasses.map((name) => `${name} ${budget.perClass?.[classNames.indexOf(name)] ?? '?'}`);
    decisions.push(`budget ${budget.budget} capped for classes with fewer training rows than the budget: ${taken.join(', ')} rows taken`);
  }
  return {
    scaled,
    labels,
    numClasses,
    classNames,
    train: budget.rows,
    val: idx.val,
    test: idx.test,
    notes: [...(ds.notes ?? []), ...decisions],
    decisions,
  };
}

export function prepareRunData(source: Dataset, opts: RunDataOptions): RunData {
  const rows = selectRunRows(source, opts);
  const pick = (r: Int32Array): Int32Array => Int32Array.from(r, (i) => rows.labels[i] as number);
  const split = (r: Int32Array): SplitTensors => toTensors(takeRows(rows.scaled, r), pick(r));
  return {
    inputShape: rows.scaled.inputShape,
    numClasses: rows.numClasses,
    classNames: rows.classNames,
    train: split(rows.train),
    val: split(rows.val),
    test: split(rows.test),
    notes: rows.notes,
    decisions: rows.decisions,
  };
}

export function disposeRunData(data: RunData): void {
  for (const s of [data.train, data.val, data.test]) tf.dispose([s.x, s.y]);
}
