// A multitask spec's dataset, loaded and its tasks checked: every task present once, regression
// targets finite, classification tasks with two classes or more. Free of tfjs, so the main side
// can check a user's CSV before storing an experiment (preflight.ts).
import type { MultitaskDataRef, MultitaskTaskType, TaskRef } from '../../../../contract/specMultitask.ts';
import { loadBuiltin } from '../../../data/builtin.ts';
import { loadCsv, type CsvOptions } from '../../../data/csv.ts';
import { DataError } from '../../../data/errors.ts';
import { loadMultiFashion } from '../../../data/multiFashion.ts';
import { classCount } from '../../../data/rows.ts';
import type { Dataset } from '../../../data/types.ts';

/** MultiFashion's pairs are part of the dataset, not of a run: every seed sees the same composites. */
const MULTI_FASHION_SEED = 0;

export async function loadMultitaskDataset(ref: MultitaskDataRef, tasks: TaskRef[], opts: { dataDir?: string } = {}): Promise<Dataset> {
  const dirs = opts.dataDir ? { dataDir: opts.dataDir } : {};
  if ('builtin' in ref) {
    const ds = ref.builtin === 'multi-fashion' ? await loadMultiFashion({ seed: MULTI_FASHION_SEED, ...dirs }) : await loadBuiltin(ref.builtin, dirs);
    return checkTasks(ds, tasks, ref.builtin);
  }
  const ds = await loadCsv(ref.csv, csvOptionsOf(ref, tasks));
  return checkTasks(ds, tasks, ref.csv);
}

/** How a multitask spec's CSV is read: one task per target column, types inferred unless given. */
export function csvOptionsOf(ref: Extract<MultitaskDataRef, { csv: string }>, tasks: TaskRef[]): CsvOptions {
  const taskTypes: Record<string, MultitaskTaskType> = {};
  for (const t of tasks) if (t.type) taskTypes[t.name] = t.type;
  return { targets: tasks.map((t) => t.name), ...(ref.features ? { features: ref.features } : {}), taskTypes, missing: ref.missing };
}

/** Every task present once, regression targets finite, classification tasks with two classes or more. */
export function checkTasks(ds: Dataset, tasks: TaskRef[], where: string): Dataset {
  const seen = new Set<string>();
  for (const ref of tasks) {
    if (seen.has(ref.name)) throw new DataError(`task "${ref.name}" is listed twice; each task is one head`, { file: where, field: 'tasks' });
    seen.add(ref.name);
    const task = ds.tasks.find((t) => t.name === ref.name);
    if (!task) throw new DataError(`no task "${ref.name}"; tasks: ${ds.tasks.map((t) => t.name).join(', ')}`, { file: where, field: 'tasks' });
    if (ref.type && ref.type !== task.type) throw new DataError(`task "${ref.name}" is ${task.type}, not ${ref.type}`, { file: where, field: 'tasks' });
    const values = ds.y[ref.name];
    if (!values) throw new DataError(`no values for task "${ref.name}"`, { file: where, field: 'tasks' });
    if (task.type === 'regression') {
      const bad = values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) {
        throw new DataError(`regression target "${ref.name}" has a non-finite value (${values[bad]}) in row ${bad + 1}; every target must be a finite number`, {
          file: where,
          column: ref.name,
        });
      }
    } else if (classCount(ds, task) < 2) {
      throw new DataError(`classification task "${ref.name}" has fewer than 2 classes; there is nothing to predict`, { file: where, column: ref.name });
    }
  }
  return ds;
}

