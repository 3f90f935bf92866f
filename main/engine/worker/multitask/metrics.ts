// Per-task metrics from predictions, in plain arrays: accuracy and macro-F1 for classification,
// MAE and RMSE (in the target's original units) for regression. Names match
// analysis/metricDirection.ts, which knows accuracy/f1 → higher is better, mae/rmse/loss → lower.

export const CLASSIFICATION_METRICS = ['accuracy', 'f1'] as const;
export const REGRESSION_METRICS = ['mae', 'rmse'] as const;

export function accuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (labels.length === 0) return Number.NaN;
  let hits = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) hits++;
  return hits / labels.length;
}

/**
 * Macro-F1: the unweighted mean of per-class F1 over the classes that occur in the labels or the
 * predictions. A class absent from both has no F1 at all (0/0), and counting it as 0 (as
 * scikit-learn's zero_division=0 does) would punish a small split for a class it happens to lack.
 */
export function macroF1(predicted: ArrayLike<number>, labels: ArrayLike<number>, numClasses: number): number {
  if (labels.length === 0) return Number.NaN;
  const tp = new Float64Array(numClasses);
  const predCount = new Float64Array(numClasses);
  const labelCount = new Float64Array(numClasses);
  for (let i = 0; i < labels.length; i++) {
    const p = predicted[i] as number;
    const y = labels[i] as number;
    predCount[p] = (predCount[p] ?? 0) + 1;
    labelCount[y] = (labelCount[y] ?? 0) + 1;
    if (p === y) tp[y] = (tp[y] ?? 0) + 1;
  }
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < numClasses; c++) {
    const support = (predCount[c] ?? 0) + (labelCount[c] ?? 0);
    if (support === 0) continue;
    sum += (2 * (tp[c] ?? 0)) / support;
    classes++;
  }
  return classes === 0 ? Number.NaN : sum / classes;
}

/** Predictions and targets in the same (original) units. */
export function meanAbsoluteError(predicted: ArrayLike<number>, targets: ArrayLike<number>): number {
  if (targets.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < targets.length; i++) sum += Math.abs((predicted[i] as number) - (targets[i] as number));
  return sum / targets.length;
}

export function rootMeanSquaredError(predicted: ArrayLike<number>, targets: ArrayLike<number>): number {
  if (targets.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < targets.length; i++) sum += ((predicted[i] as number) - (targets[i] as number)) ** 2;
  return Math.sqrt(sum / targets.length);
}
