// Several verdicts read off one label budget are several chances to name a false winner: with three
// comparisons at α = 0.05 and nothing different, about one budget in seven would get a winner.
// Holm's step-down correction keeps the chance of any false winner among them at most α, and it
// never rejects less than Bonferroni does.

/**
 * Holm-adjusted p-values, in the input's order: sort the k finite p ascending; the i-th (from 1)
 * becomes max over j ≤ i of min(1, (k − j + 1) · p_(j)). NaN stays NaN and does not count in k.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues
    .map((p, index) => ({ p, index }))
    .filter(({ p }) => Number.isFinite(p))
    .sort((x, y) => x.p - y.p || x.index - y.index);
  const adjusted = pValues.map(() => Number.NaN);
  const k = order.length;
  let running = 0;
  order.forEach(({ p, index }, i) => {
    running = Math.max(running, Math.min(1, (k - i) * p));
    adjusted[index] = running;
  });
  return adjusted;
}
