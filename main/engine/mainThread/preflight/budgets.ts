// A per-class label budget larger than every class's training rows is not a budget at all:
// "1000000/class" trained on every row while the comparison said "1000000/class". Checked at
// submit time against the rows each class really has in the training split of the first seed
// (the split is stratified, so other seeds differ by a row at most). A budget that only some
// classes fall short of stays allowed: those classes give all their rows, and the run's data
// notes say which.
import type { DataRef } from '../../../../contract/spec.ts';
import { parseBudget } from '../../../data/budget.ts';
import { classCount, classLabels, classificationTask, rowsByClass } from '../../../data/rows.ts';
import { splitIndices } from '../../../data/split.ts';
import { selectClasses } from '../../../data/subset.ts';
import type { DataLoader } from '../../worker/transfer/loadData.ts';
import type { PreflightProblem } from './files.ts';

export interface BudgetedTarget {
  ref: DataRef;
  budgets: readonly string[];
  seeds: readonly number[];
  training: { valFraction: number; testFraction: number };
}

interface TrainingRows {
  dataset: string;
  perClass: number[];
  names: string[];
}

/** Rows per class in the first seed's training split; null when the data is not a classification (or its own check reports it). */
async function trainingRows(load: DataLoader, target: BudgetedTarget): Promise<TrainingRows | null> {
  let source;
  try {
    source = await load(target.ref);
  } catch {
    return null; // the data check reports the file itself
  }
  const ds = target.ref.classes ? selectClasses(source, target.ref.classes) : source;
  const task = classificationTask(ds);
  if (!task) return null;
  const { valFraction, testFraction } = target.training;
  const split = splitIndices(ds, { seed: target.seeds[0] ?? 0, fractions: { train: 1 - valFraction - testFraction, val: valFraction, test: testFraction }, stratifyBy: task.name });
  const perClass = rowsByClass(classLabels(ds, task), classCount(ds, task), split.train).map((rows) => rows.length);
  return { dataset: ds.name, perClass, names: task.classes ?? perClass.map((_, c) => String(c)) };
}

/** One check per budget (a preflight registry entry's shape): a per-class budget above the largest class is a problem naming the classes' rows. */
export function budgetChecks(load: DataLoader, target: BudgetedTarget, field: string): Promise<PreflightProblem | null>[] {
  const perClass = target.budgets.map((text, i) => ({ text, i, budget: parseBudget(text) }));
  if (!perClass.some(({ budget }) => budget !== 'all' && 'perClass' in budget)) return [];
  const rows = trainingRows(load, target); // read once, shared by every budget's check
  return perClass.map(async ({ text, i, budget }) => {
    if (budget === 'all' || !('perClass' in budget)) return null;
    const counts = await rows;
    if (!counts) return null;
    const largest = Math.max(...counts.perClass);
    if (budget.perClass <= largest) return null;
    const listed = counts.perClass.map((n, c) => `class "${counts.names[c]}" ${n}`).join(', ');
    return { field: `${field}[${i}]`, message: `"${text}" is more than any class has for training in ${counts.dataset} (${listed}); use "all" or at most ${largest}/class` };
  });
}
