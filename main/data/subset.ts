// Class subsets for transfer experiments, e.g. pretrain on Fashion-MNIST classes 0–4 and
// transfer to classes 5–9. Relabelled subsets get a head of exactly the chosen classes;
// subsets that keep original labels let a source and a target share one 10-way label space.

import { DataError } from './errors.ts';
import { classCount, classLabels, classificationTask, takeRows } from './rows.ts';
import type { Dataset } from './types.ts';

export interface SelectClassesOptions {
  /** Classification task whose classes are selected; default the first classification task. */
  task?: string;
  /**
   * true (default): the chosen classes become labels 0..k-1 in the order given, and the task's
   * class list is just them. false: labels and the class list stay as in the source.
   */
  relabel?: boolean;
  /** Default "<name>[<classes>]". */
  name?: string;
}

/** The rows whose class is one of `classes` (label values or class names), in source order. */
export function selectClasses(ds: Dataset, classes: ReadonlyArray<number | string>, opts: SelectClassesOptions = {}): Dataset {
  const task = classificationTask(ds, opts.task);
  if (task === null) throw new DataError(`dataset "${ds.name}" has no classification task to select classes from`, { field: 'classes' });
  const names = task.classes ?? Array.from({ length: classCount(ds, task) }, (_, i) => String(i));
  const chosen = classes.map((c) => resolveClass(c, names, ds.name));
  if (chosen.length === 0) throw new DataError('select at least one class', { field: 'classes' });
  if (new Set(chosen).size !== chosen.length) throw new DataError(`class list ${JSON.stringify(classes)} names a class twice`, { field: 'classes' });

  const newLabel = new Map(chosen.map((label, i) => [label, i]));
  const labels = classLabels(ds, task);
  const rows: number[] = [];
  for (let r = 0; r < ds.n; r++) if (newLabel.has(labels[r] as number)) rows.push(r);

  const relabel = opts.relabel !== false;
  const out = takeRows(ds, rows, opts.name ?? `${ds.name}[${chosen.map((l) => names[l] ?? l).join(', ')}]`);
  if (relabel) {
    const y = out.y[task.name] as Int32Array;
    for (let i = 0; i < y.length; i++) y[i] = newLabel.get(y[i] as number) as number;
    out.tasks = ds.tasks.map((t) => (t === task ? { ...t, classes: chosen.map((l) => names[l] ?? String(l)) } : t));
  }
  const how = relabel ? `relabelled ${chosen.map((l, i) => `${l}→${i}`).join(', ')}` : 'original labels kept';
  out.notes = [...(ds.notes ?? []), `classes ${chosen.join(', ')} of task "${task.name}" selected (${rows.length} rows, ${how})`];
  return out;
}

function resolveClass(c: number | string, names: string[], dataset: string): number {
  const label = typeof c === 'number' ? c : names.indexOf(c);
  if (Number.isInteger(label) && label >= 0 && label < names.length) return label;
  throw new DataError(
    `dataset "${dataset}" has no class ${JSON.stringify(c)}; expected a label 0..${names.length - 1} or one of: ${names.join(', ')}`,
    { field: 'classes' },
  );
}
