// A per-class label budget larger than every class's training rows is not a budget at all:
// "1000000/class" trained on every row while the comparison said "1000000/class". Checked at
// submit time against the rows each class really has in the training split of the first seed
// (the split is stratified, so other seeds differ by a row at most). A budget that only some
// classes fall short of stays allowed: those classes give all their rows, and the run's data
// notes say which.
import type { DataRef } from '../../contract/spec.ts';
import { parseBudget } from '../data/budget.ts';
import { classCount, classLabels, classificationTask, rowsByClass } from '../data/rows.ts';
import { splitIndices } from '../data/split.ts';
import { selectClasses } from '../data/subset.ts';
import type { DataLoader } from './train/loadData.ts';
import type { PreflightProblem } from './preflight.ts';

export interface BudgetedTarget {
  ref: DataRef;
  budgets: readonly string[];
  seeds: readonly number[];
  training: { valFraction: number; testFraction: number };
}

export async function budgetProblems(load: DataLoader, target: BudgetedTarget, field: string): Promise<PreflightProblem[]> {
  const perClass = target.budgets.map((text, i) => ({ text, i, budget: parseBudget(text) })).filter((b) => b.budget !== 'all' && 'perClass' in b.budget);
  if (perClass.length === 0) return [];
  let source;
  try {
    source = await load(target.ref);
  } catch {
    return []; // the data check reports the file itself
  }
  const ds = target.ref.classes ? selectClasses(source, target.ref.classes) : source;
  const task = classificationTask(ds);
  if (!task) return [];
  const { valFraction, testFraction } = target.training;
  const split = splitIndices(ds, { seed: target.seeds[0] ?? 0, fractions: { train: 1 - valFraction - testFraction, val: valFraction, test: testFraction }, stratifyBy: task.name });
  const counts = rowsByClass(classLabels(ds, task), classCount(ds, task), split.train).map((rows) => rows.length);
  const names = task.classes ?? counts.map((_, c) => String(c));
  const largest = Math.max(...counts);
  return perClass
    .filter(({ budget }) => budget !== 'all' && 'perClass' in budget && budget.perClass > largest)
    .map(({ text, i }) => ({
      field: `${field}[${i}]`,
      message: `"${text}" is more than any class has for training in ${ds.name} (${counts.map((n, c) => `class "${names[c]}" ${n}`).join(', ')}); use "all" or at most ${largest}/class`,
    }));
}
