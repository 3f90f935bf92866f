// Row-level helpers shared by split, budget, subset and the loaders: taking rows keeps every
// per-row field (x, every task's y, the official test rows) aligned in one place.

import { DataError } from './errors.ts';
import type { Dataset, TaskDef } from './types.ts';

/** Number of floats in one example. */
export function exampleSize(ds: Pick<Dataset, 'inputShape'>): number {
  return ds.inputShape.reduce((a, b) => a * b, 1);
}

/** A new dataset holding `rows` of `ds`, in the given order. */
export function takeRows(ds: Dataset, rows: ArrayLike<number>, name: string = ds.name): Dataset {
  const size = exampleSize(ds);
  const x = new Float32Array(rows.length * size);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    if (!Number.isInteger(r) || r < 0 || r >= ds.n) {
      throw new RangeError(`row ${r} is outside dataset "${ds.name}" (${ds.n} rows)`);
    }
    x.set(ds.x.subarray(r * size, (r + 1) * size), i * size);
  }
  const y: Dataset['y'] = {};
  for (const [task, values] of Object.entries(ds.y)) {
    const picked = values instanceof Int32Array ? new Int32Array(rows.length) : new Float32Array(rows.length);
    for (let i = 0; i < rows.length; i++) picked[i] = values[rows[i] as number] as number;
    y[task] = picked;
  }
  const out: Dataset = { ...ds, name, n: rows.length, x, y };
  if (ds.testRows !== undefined) {
    const isTest = new Uint8Array(ds.n);
    for (const r of ds.testRows) isTest[r] = 1;
    const kept: number[] = [];
    for (let i = 0; i < rows.length; i++) if (isTest[rows[i] as number] === 1) kept.push(i);
    out.testRows = Int32Array.from(kept);
  }
  return out;
}

/** Rows appended in order; tasks, shape and features must agree. Used to join a source's train and test files. */
export function concatDatasets(parts: Dataset[], name: string): Dataset {
  const first = parts[0];
  if (first === undefined) throw new RangeError('concatDatasets needs at least one dataset');
  for (const part of parts) {
    if (part.inputShape.join('×') !== first.inputShape.join('×')) {
      throw new DataError(`cannot join datasets of shapes [${first.inputShape}] and [${part.inputShape}]`, { field: 'inputShape' });
    }
    if (JSON.stringify(part.tasks) !== JSON.stringify(first.tasks)) {
      throw new DataError(`cannot join datasets with different tasks or classes ("${first.name}", "${part.name}")`, { field: 'tasks' });
    }
  }
  const n = parts.reduce((a, p) => a + p.n, 0);
  const x = new Float32Array(n * exampleSize(first));
  const y: Dataset['y'] = {};
  for (const task of first.tasks) {
    y[task.name] = task.type === 'classification' ? new Int32Array(n) : new Float32Array(n);
  }
  let offset = 0;
  for (const part of parts) {
    x.set(part.x, offset * exampleSize(first));
    for (const task of first.tasks) (y[task.name] as Int32Array | Float32Array).set(labelsOf(part, task.name), offset);
    offset += part.n;
  }
  const out: Dataset = { name, n, inputShape: [...first.inputShape], x, tasks: first.tasks, y };
  if (first.features !== undefined) out.features = first.features;
  return out;
}

/**
 * The classification task to group rows by: the named one, or else the first classification
 * task (penguins has two; species comes first). Null when the dataset has none.
 */
export function classificationTask(ds: Dataset, name?: string): TaskDef | null {
  if (name !== undefined) {
    const task = ds.tasks.find((t) => t.name === name);
    if (task === undefined) {
      throw new DataError(`dataset "${ds.name}" has no task "${name}"; tasks: ${ds.tasks.map((t) => t.name).join(', ')}`, { field: 'task' });
    }
    if (task.type !== 'classification') {
      throw new DataError(`task "${name}" is a regression task; expected a classification task`, { field: 'task' });
    }
    return task;
  }
  return ds.tasks.find((t) => t.type === 'classification') ?? null;
}

/** Class labels of a classification task. */
export function classLabels(ds: Dataset, task: TaskDef): Int32Array {
  const labels = labelsOf(ds, task.name);
  if (!(labels instanceof Int32Array)) throw new TypeError(`labels of classification task "${task.name}" must be an Int32Array`);
  return labels;
}

/** Number of classes of a task: its class list, or else one more than the largest label. */
export function classCount(ds: Dataset, task: TaskDef): number {
  if (task.classes !== undefined) return task.classes.length;
  let max = -1;
  for (const label of classLabels(ds, task)) if (label > max) max = label;
  return max + 1;
}

/** `rows` grouped by class (index = class), each group ascending. */
export function rowsByClass(labels: Int32Array, numClasses: number, rows: ArrayLike<number>): number[][] {
  const groups: number[][] = Array.from({ length: numClasses }, () => []);
  const sorted = Array.from(rows).sort((a, b) => a - b);
  for (const r of sorted) groups[labels[r] as number]?.push(r);
  return groups;
}

/** 0..n-1 minus the rows listed. */
export function complementRows(n: number, rows: ArrayLike<number>): Int32Array {
  const excluded = new Uint8Array(n);
  for (let i = 0; i < rows.length; i++) excluded[rows[i] as number] = 1;
  const out: number[] = [];
  for (let r = 0; r < n; r++) if (excluded[r] === 0) out.push(r);
  return Int32Array.from(out);
}

function labelsOf(ds: Dataset, task: string): Int32Array | Float32Array {
  const values = ds.y[task];
  if (values === undefined) throw new TypeError(`dataset "${ds.name}" has no labels for task "${task}"`);
  return values;
}
