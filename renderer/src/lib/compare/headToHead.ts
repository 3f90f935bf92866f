// The head-to-head half of the compare view: arms grouped by approach (baseline, transfer,
// multitask) and coloured by it, cost beside accuracy with each cost as a multiple of scratch's
// at the same budget (so a win that costs ten times the compute reads as such). The numbers
// come from compareExperiment; only layout and wording here.
import type { Approach, ArmComparison, ArmCost } from '../../../../contract/compare.ts';
import { isMarkedBest } from './summary.ts';

export const APPROACH_ORDER: Approach[] = ['baseline', 'transfer', 'multitask'];
export const APPROACH_LABEL: Record<Approach, string> = { baseline: 'baseline (scratch)', transfer: 'transfer', multitask: 'multi-task' };

export function approachOf(arm: ArmComparison): Approach {
  return arm.approach ?? (arm.baseline ? 'baseline' : 'transfer');
}

export interface ApproachGroup {
  approach: Approach;
  /** Arms of this approach with their index in the comparison, in its order. */
  arms: { arm: ArmComparison; index: number }[];
}

export function groupByApproach(arms: readonly ArmComparison[]): ApproachGroup[] {
  return APPROACH_ORDER.map((approach) => ({ approach, arms: arms.flatMap((arm, index) => (approachOf(arm) === approach ? [{ arm, index }] : [])) })).filter((g) => g.arms.length > 0);
}

/** Arm names in legend order: by approach, then as they come. */
export function armsInApproachOrder(arms: readonly ArmComparison[]): string[] {
  return [...new Set(groupByApproach(arms).flatMap((g) => g.arms.map((a) => a.arm.name)))];
}

export type CostField = keyof ArmCost;
export const COST_FIELDS: { field: CostField; label: string }[] = [
  { field: 'wallSeconds', label: 'Wall time' },
  { field: 'samples', label: 'Samples' },
  { field: 'trainableParams', label: 'Params trained' },
];

export function formatCost(field: CostField, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (field === 'wallSeconds') return value >= 100 ? `${Math.round(value)} s` : `${value.toFixed(1)} s`;
  return Math.round(value).toLocaleString('en-US');
}

/** The arm's cost as a multiple of scratch's at the same budget; null for scratch or when either is unknown. */
export function costRatio(arm: ArmComparison, arms: readonly ArmComparison[], field: CostField): number | null {
  if (approachOf(arm) === 'baseline') return null;
  const scratch = arms.find((a) => a.budget === arm.budget && approachOf(a) === 'baseline');
  const mine = arm.cost?.[field];
  const theirs = scratch?.cost?.[field];
  if (mine === null || mine === undefined || theirs === null || theirs === undefined || !(theirs > 0) || !Number.isFinite(mine)) return null;
  return mine / theirs;
}

/** "×9.8 scratch" for multiples worth a glance; costs within ±5% of scratch say nothing. */
export function formatRatio(ratio: number | null): string {
  if (ratio === null || Math.abs(ratio - 1) < 0.05) return '';
  return `×${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}`;
}

/** At this multiple of scratch's cost or more, the cell is marked. */
export const COSTLY = 3;

/** Indices of the arms the comparison marked best on `key` (it decides within each budget). */
export function bestAtEachBudget(arms: readonly ArmComparison[], key: string): Set<number> {
  return new Set(arms.flatMap((arm, index) => (isMarkedBest(arm, key) ? [index] : [])));
}
