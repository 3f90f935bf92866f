// The summary table's layout in the app: its metric columns in the order every report uses, and
// the marks the comparison carries (ArmComparison.best). Nothing is ranked here: analysis/
// decides which cell is best, so the ★ in the app and the bold in a report name the same arm.
import { GAIN_COLUMN } from '../../../../analysis/comparison/bestCells.ts';
import { metricColumnKeys } from '../../../../analysis/comparison/summaryTable.ts';
import type { ArmComparison } from '../../../../contract/compare.ts';

export { BEST_RULE, DELTA_M_COLUMN, GAIN_COLUMN, VS_BASELINE_COLUMN } from '../../../../analysis/comparison/bestCells.ts';

/** Every "<task>/<split>/<metric>" key of the arms: the primary one first, then test, val, train. */
export function summaryColumns(arms: readonly ArmComparison[], primaryKey: string | null): string[] {
  return metricColumnKeys(arms, primaryKey);
}

export function metricOfKey(key: string): string {
  return key.split('/').slice(2).join('/') || key;
}

/** Whether the comparison marked this arm best in `column` (a metric key, GAIN_COLUMN, …). */
export function isMarkedBest(arm: ArmComparison | undefined, column: string): boolean {
  return arm?.best?.includes(column) ?? false;
}

/** Per column, the indices of the arms marked best in it; columns without a mark are absent. */
export function bestPerColumn(arms: readonly ArmComparison[], columns: readonly string[]): Map<string, Set<number>> {
  const best = new Map<string, Set<number>>();
  for (const column of [...columns, GAIN_COLUMN]) {
    const marked = new Set(arms.flatMap((arm, i) => (isMarkedBest(arm, column) ? [i] : [])));
    if (marked.size > 0) best.set(column, marked);
  }
  return best;
}
