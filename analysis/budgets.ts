// Label budgets in the order people read them: fewest labels first.

/** "50/class" < "200/class" < "10%" < "all": per-class counts, then fractions, then everything. */
function budgetRank(budget: string): [number, number] {
  const perClass = /^(\d+)\/class$/.exec(budget);
  if (perClass) return [0, Number(perClass[1])];
  const percent = /^([\d.]+)%$/.exec(budget);
  if (percent) return [1, Number(percent[1])];
  return budget === 'all' ? [2, 0] : [3, 0];
}

export function compareBudgets(a: string, b: string): number {
  const [ka, va] = budgetRank(a);
  const [kb, vb] = budgetRank(b);
  return ka - kb || va - vb || a.localeCompare(b);
}

/** Distinct budgets, fewest labels first. */
export function sortBudgets(budgets: Iterable<string>): string[] {
  return [...new Set(budgets)].sort(compareBudgets);
}
