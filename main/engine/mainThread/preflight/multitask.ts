// The multitask kind's preflight: a user's CSV is read and every task resolved (columns exist,
// types consistent, regression targets finite), so a bad file is an error naming the file, line
// and column at submit time instead of a queue of failed runs. The shipped datasets are known
// good and not read here.
import type { MultitaskSpec } from '../../../../contract/specMultitask.ts';
import { tasksOf } from '../../../../contract/specMultitask.ts';
import { loadMultitaskDataset } from '../../worker/multitask/datasets.ts';
import type { PreflightProblem } from './files.ts';

export function preflightMultitask(spec: MultitaskSpec): Promise<PreflightProblem | null>[] {
  const ref = spec.data;
  if (!('csv' in ref)) return [];
  return [
    loadMultitaskDataset(ref, tasksOf(spec)).then(
      () => null,
      (error: unknown) => ({ field: 'data', message: error instanceof Error ? error.message : String(error) }),
    ),
  ];
}
