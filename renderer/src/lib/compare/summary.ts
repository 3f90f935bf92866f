// The summary table's layout: which metric columns to show, in what order, and which arm is
// best in each (marked in the table), with the direction of each metric taken from analysis.
import { metricDirection, isBetter } from '../../../../analysis/metricDirection.ts';
import type { ArmComparison } from '../../../../contract/compare.ts';

const SPLIT_RANK: Record<string, number> = { test: 0, val: 1, train: 2 };

/** Every "<task>/<split>/<metric>" key of the arms: the primary one first, then test, val, train. */
export function summaryColumns(arms: readonly ArmComparison[], primaryKey: string | null): string[] {
  const keys = new Set<string>();
  for (const arm of arms) for (const key of Object.keys(arm.metrics)) keys.add(key);
  const rank = (key: string) => {
    const [task = '', split = '', metric = ''] = key.split('/');
    return [key === primaryKey ? 0 : 1, task, SPLIT_RANK[split] ?? 3, metric] as const;
  };
  return [...keys].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    return ra[0] - rb[0] || ra[1].localeCompare(rb[1]) || ra[2] - rb[2] || ra[3].localeCompare(rb[3]);
  });
}

export function metricOfKey(key: string): string {
  return key.split('/').slice(2).join('/') || key;
}

/**
 * Per column, the indices of the arms with the best mean (ties all marked). Columns with a
 * single arm have no "best". The gain column is keyed GAIN_COLUMN and is higher-is-better.
 */
export const GAIN_COLUMN = '(transfer gain)';

export function bestPerColumn(arms: readonly ArmComparison[], columns: readonly string[]): Map<string, Set<number>> {
  const best = new Map<string, Set<number>>();
  const mark = (column: string, values: (number | null)[], direction: 'max' | 'min') => {
    let top: number | null = null;
    for (const v of values) if (v !== null && Number.isFinite(v) && (top === null || isBetter(v, top, direction))) top = v;
    const present = values.filter((v) => v !== null && Number.isFinite(v)).length;
    if (top === null || present < 2) return;
    best.set(column, new Set(values.flatMap((v, i) => (v === top ? [i] : []))));
  };
  for (const column of columns) {
    mark(column, arms.map((a) => (a.metrics[column] && a.metrics[column].n > 0 ? a.metrics[column].mean : null)), metricDirection(metricOfKey(column)));
  }
  mark(GAIN_COLUMN, arms.map((a) => a.transferGain?.abs ?? null), 'max');
  return best;
}
