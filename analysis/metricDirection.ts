// Which way is better for a metric. One table, so "best epoch", transfer gain, Δm and the
// head-to-head verdicts can never disagree about whether a bigger number is good news.

export type MetricDirection = 'max' | 'min';

/** Metric words Graft knows; matched against the words of a metric's name, last word first. */
export const METRIC_DIRECTIONS: Readonly<Record<string, MetricDirection>> = {
  accuracy: 'max',
  acc: 'max',
  f1: 'max',
  auc: 'max',
  auroc: 'max',
  precision: 'max',
  recall: 'max',
  r2: 'max',
  iou: 'max',
  miou: 'max',
  dice: 'max',
  loss: 'min',
  mae: 'min',
  mse: 'min',
  rmse: 'min',
  mape: 'min',
  error: 'min',
  nll: 'min',
  perplexity: 'min',
};

/**
 * The direction of a metric from its name: "accuracy", "val_loss", "macroF1",
 * "mean_absolute_error" all resolve. The last known word wins, since names put the metric last
 * ("top5_accuracy"). Names with no known word (gradient cosine, task weight) get `fallback`,
 * 'max' unless the caller knows better.
 */
export function metricDirection(name: string, fallback: MetricDirection = 'max'): MetricDirection {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  for (let i = words.length - 1; i >= 0; i--) {
    const known = METRIC_DIRECTIONS[words[i] ?? ''];
    if (known) return known;
  }
  return fallback;
}

/**
 * A difference oriented so positive always means "better": flipped for lower-is-better metrics.
 * Every "gain" Graft prints goes through here.
 */
export function orientDifference(difference: number, direction: MetricDirection): number {
  return direction === 'max' ? difference : -difference;
}

/** True when `candidate` is strictly better than `incumbent`. */
export function isBetter(candidate: number, incumbent: number, direction: MetricDirection): boolean {
  return direction === 'max' ? candidate > incumbent : candidate < incumbent;
}
