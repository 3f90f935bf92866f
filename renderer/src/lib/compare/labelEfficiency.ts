// The label-efficiency chart: the primary test metric against the label budget, one line per
// strategy (arm), so "how many labels does transfer save?" reads off the x-axis.
import { sortBudgets } from '../../../../analysis/budgets.ts';
import type { ArmComparison } from '../../../../contract/compare.ts';

export interface EfficiencyLine {
  arm: string;
  /** One per budget, in `budgets` order; null where the arm has no completed run at that budget. */
  mean: (number | null)[];
  std: (number | null)[];
}

export interface LabelEfficiency {
  budgets: string[];
  lines: EfficiencyLine[];
}

export function labelEfficiency(arms: readonly ArmComparison[], key: string): LabelEfficiency {
  const budgets = sortBudgets(arms.map((a) => a.budget));
  const names = [...new Set(arms.map((a) => a.name))];
  const lines = names.map((arm) => {
    const at = budgets.map((budget) => arms.find((a) => a.name === arm && a.budget === budget)?.metrics[key]);
    return {
      arm,
      mean: at.map((m) => (m && m.n > 0 ? m.mean : null)),
      std: at.map((m) => (m && m.n > 0 ? m.std : null)),
    };
  });
  return { budgets, lines };
}
