// Checks a multitask spec's data before anything is stored: a user's CSV is read and every task
// resolved (columns exist, types consistent, regression targets finite), so a bad file is an
// error naming the file, line and column at submit time instead of a queue of failed runs.
// The shipped datasets are known good and not read here.
import type { MultitaskSpec } from '../../../../contract/specMultitask.ts';
import { tasksOf } from '../../../../contract/specMultitask.ts';
import { loadMultitaskDataset } from './datasets.ts';

/** Rejects with a DataError naming what is wrong; resolves quietly when the data can be trained on. */
export async function preflightMultitask(spec: MultitaskSpec): Promise<void> {
  const ref = spec.data;
  if (!('csv' in ref)) return;
  await loadMultitaskDataset(ref, tasksOf(spec));
}
