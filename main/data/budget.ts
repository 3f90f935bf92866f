// Label budgets: how many labelled training rows a run may use ("50/class", "10%", "all").
// Applied to the train split only — validation and test stay whole so scores are comparable
// across budgets. Budgets are nested for a given seed (the 10/class rows are among the
// 50/class rows): each class's rows are ranked once by the seed and a budget takes a prefix,
// which makes label-efficiency curves smooth instead of re-sampling noise at every point.

import { DataError } from './errors.ts';
import { deriveSeed, mulberry32, shuffleInPlace } from './random.ts';
import { classCount, classLabels, classificationTask, rowsByClass } from './rows.ts';
import type { Dataset } from './types.ts';

export type LabelBudget = 'all' | { perClass: number } | { fraction: number };

const BUDGET_FORMS = 'expected "N/class" (e.g. "50/class"), "P%" (e.g. "10%") or "all"';

/** Parses "50/class", "10%", "all" (case and spaces ignored). */
export function parseBudget(text: string): LabelBudget {
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  if (t === 'all') return 'all';
  const perClass = /^(\d+)\/class$/.exec(t);
  if (perClass !== null) {
    const n = Number(perClass[1]);
    if (n >= 1 && Number.isSafeInteger(n)) return { perClass: n };
    throw new DataError(`label budget "${text}" must be at least 1 per class`, { field: 'budget' });
  }
  const percent = /^(\d+(?:\.\d+)?|\.\d+)%$/.exec(t);
  if (percent !== null) {
    const p = Number(percent[1]);
    if (p > 0 && p <= 100) return { fraction: p / 100 };
    throw new DataError(`label budget "${text}" must be a percentage in (0, 100]`, { field: 'budget' });
  }
  throw new DataError(`invalid label budget "${text}": ${BUDGET_FORMS}`, { field: 'budget' });
}

/** The canonical text of a budget; parseBudget(formatBudget(b)) gives b back for any budget parsed from text. */
export function formatBudget(budget: LabelBudget): string {
  if (budget === 'all') return 'all';
  if ('perClass' in budget) return `${budget.perClass}/class`;
  // toPrecision drops float noise such as 0.07 * 100 = 7.000000000000001.
  return `${Number((budget.fraction * 100).toPrecision(12))}%`;
}

export interface BudgetOptions {
  seed: number;
  /** Classification task whose classes "per class" counts; default the first classification task. */
  task?: string;
}

export interface BudgetResult {
  /** Selected training rows, ascending. */
  rows: Int32Array;
  /** The budget as text, e.g. "50/class". */
  budget: string;
  /** Rows actually selected; smaller than asked when a class has fewer rows than the budget. */
  count: number;
  /** Rows selected per class (index = class), or null when the data has no classification task. */
  perClass: number[] | null;
  /** Names of classes that had fewer training rows than asked (all of them were taken). */
  shortClasses: string[];
}

/**
 * Selects the labelled rows of `trainRows` a budget allows. perClass needs a classification
 * task; fraction is taken per class (rounded, at least 1 row of every class present) so the
 * class balance of the split is kept, or over all rows for regression-only data.
 */
export function applyBudget(ds: Dataset, trainRows: ArrayLike<number>, budget: LabelBudget, opts: BudgetOptions): BudgetResult {
  checkBudget(budget);
  const task = classificationTask(ds, opts.task);
  const rng = mulberry32(deriveSeed(opts.seed, 'budget'));
  // Ranking depends only on the seed and the set of train rows, not on their order.
  if (task === null && budget !== 'all' && 'perClass' in budget) {
    throw new DataError(`budget "${formatBudget(budget)}" needs a classification task; dataset "${ds.name}" has only regression tasks`, {
      field: 'budget',
    });
  }
  const groups = task === null ? [Array.from(trainRows).sort((a, b) => a - b)] : rowsByClass(classLabels(ds, task), classCount(ds, task), trainRows);
  const selected: number[] = [];
  const counts: number[] = [];
  const shortClasses: string[] = [];
  groups.forEach((group, cls) => {
    const ranked = shuffleInPlace(group, rng);
    const wanted = wantedRows(budget, ranked.length);
    const taken = Math.min(wanted, ranked.length);
    if (wanted > ranked.length && task !== null) shortClasses.push(task.classes?.[cls] ?? String(cls));
    selected.push(...ranked.slice(0, taken));
    counts.push(taken);
  });
  const rows = Int32Array.from(selected).sort();
  return { rows, budget: formatBudget(budget), count: rows.length, perClass: task === null ? null : counts, shortClasses };
}

function wantedRows(budget: LabelBudget, available: number): number {
  if (budget === 'all') return available;
  if ('perClass' in budget) return budget.perClass;
  if (available === 0) return 0;
  return Math.max(1, Math.round(budget.fraction * available));
}

function checkBudget(budget: LabelBudget): void {
  if (budget === 'all') return;
  if ('perClass' in budget ? !(Number.isSafeInteger(budget.perClass) && budget.perClass >= 1) : !(budget.fraction > 0 && budget.fraction <= 1)) {
    throw new DataError(`invalid label budget ${JSON.stringify(budget)}: ${BUDGET_FORMS}`, { field: 'budget' });
  }
}
