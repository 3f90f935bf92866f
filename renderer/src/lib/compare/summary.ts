// The comparison's best marks as the app's tables read them (ArmComparison.best). Nothing is
// ranked here: analysis/comparison/best.ts decides which cell is best, so the ★ in the app and
// the bold in a report name the same arm.
import type { ArmComparison } from '../../../../contract/compare.ts';

export { BEST_RULE, DELTA_M_COLUMN, GAIN_COLUMN, VS_BASELINE_COLUMN } from '../../../../analysis/comparison/bestCells.ts';

/** Whether the comparison marked this arm best in `column` (a metric key, GAIN_COLUMN, …). */
export function isMarkedBest(arm: ArmComparison | undefined, column: string): boolean {
  return arm?.best?.includes(column) ?? false;
}
