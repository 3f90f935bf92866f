// The numbers of one run's metric: last, best, min, max, the best validation epoch and the test
// metric there. Reporting test-at-best-val (not best test) is what keeps a comparison honest:
// choosing the epoch by the test split would leak the test set into model selection.
import { isBetter, type MetricDirection } from './metricDirection.ts';
import { lastValueAt, type PointSeries } from './seriesPoints.ts';

export { metricDirection, type MetricDirection } from './metricDirection.ts';

export interface SeriesMetrics {
  /** Points with a finite value. */
  n: number;
  /**
   * The value of the final logged point, NaN when there is none or it is not finite: a run that
   * diverged at the end must not show its last good value as if it finished there.
   */
  last: number;
  lastEpoch: number | null;
  /** Best finite value in the metric's direction; NaN when there is none. */
  best: number;
  /**
   * Epoch of `best`; ties go to the later epoch (the model trained longer for the same value).
   * runMetrics breaks validation ties by validation loss first (selectBestEpoch).
   */
  bestEpoch: number | null;
  /** Smallest and largest finite values, NaN when there are none. */
  min: number;
  max: number;
}

export interface RunSplits {
  train?: PointSeries;
  val?: PointSeries;
  test?: PointSeries;
  /**
   * The validation loss, to break ties of the selecting metric (accuracy ties often on small
   * validation sets): among tied epochs the lowest validation loss wins, then the later epoch.
   */
  valLoss?: PointSeries;
}

export interface RunMetrics {
  train: SeriesMetrics;
  val: SeriesMetrics;
  test: SeriesMetrics;
  /** The epoch selected by the validation metric (selectBestEpoch); null without validation values. */
  bestEpoch: number | null;
  /**
   * The test value logged last at `bestEpoch`; NaN when there is no best epoch or the test split
   * was not evaluated (or not finite) at it.
   */
  testAtBestVal: number;
}

const EMPTY: SeriesMetrics = {
  n: 0,
  last: Number.NaN,
  lastEpoch: null,
  best: Number.NaN,
  bestEpoch: null,
  min: Number.NaN,
  max: Number.NaN,
};

/** Last, best, min and max of one series (points in logging order); an absent series gives n = 0. */
export function seriesMetrics(series: PointSeries | undefined, direction: MetricDirection): SeriesMetrics {
  if (!series) return { ...EMPTY };
  const count = Math.min(series.epoch.length, series.value.length);
  if (count === 0) return { ...EMPTY };
  let n = 0;
  let best = Number.NaN;
  let bestEpoch: number | null = null;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const value = series.value[i] ?? Number.NaN;
    const epoch = series.epoch[i] ?? Number.NaN;
    if (!Number.isFinite(value)) continue;
    n++;
    if (value < min) min = value;
    if (value > max) max = value;
    // Epochs are compared explicitly so ties resolve to the later epoch in any logging order.
    const tiesLater = value === best && bestEpoch !== null && epoch > bestEpoch;
    if (bestEpoch === null || isBetter(value, best, direction) || tiesLater) {
      best = value;
      bestEpoch = epoch;
    }
  }
  const lastValue = series.value[count - 1] ?? Number.NaN;
  return {
    n,
    last: Number.isFinite(lastValue) ? lastValue : Number.NaN,
    lastEpoch: series.epoch[count - 1] ?? null,
    best,
    bestEpoch,
    min: n === 0 ? Number.NaN : min,
    max: n === 0 ? Number.NaN : max,
  };
}

/**
 * Indices, ascending, of the points that every figure of runMetrics (all but the count `n`)
 * and lastValueAt by epoch depend on: per epoch, its first lowest and first highest finite
 * value and its last point. A series cut to these (plus any others) gives the same last, best,
 * best epoch, min, max and test-at-best-val as the whole series, so a store can keep them
 * beside a chart's downsample and answer comparisons without reading every point.
 */
export function metricPointIndices(epoch: ArrayLike<number>, value: ArrayLike<number>): number[] {
  const count = Math.min(epoch.length, value.length);
  const byEpoch = new Map<number, { min: number; max: number; last: number }>();
  for (let i = 0; i < count; i++) {
    const e = epoch[i] as number;
    const v = value[i] as number;
    let kept = byEpoch.get(e);
    if (kept === undefined) byEpoch.set(e, (kept = { min: -1, max: -1, last: i }));
    kept.last = i;
    if (!Number.isFinite(v)) continue;
    if (kept.min < 0 || v < (value[kept.min] as number)) kept.min = i;
    if (kept.max < 0 || v > (value[kept.max] as number)) kept.max = i;
  }
  const indices = new Set<number>();
  for (const { min, max, last } of byEpoch.values()) {
    if (min >= 0) indices.add(min);
    if (max >= 0) indices.add(max);
    indices.add(last);
  }
  return [...indices].sort((a, b) => a - b);
}

/**
 * The epoch model selection picks: the best validation value of the metric; among epochs tied
 * on it, the lowest validation loss (its value at the epoch's end); then the later epoch.
 * Without a loss series (or where it is missing at a tied epoch) only the later-epoch rule applies.
 */
export function selectBestEpoch(
  val: PointSeries | undefined,
  direction: MetricDirection,
  valLoss?: PointSeries,
): number | null {
  const { best, bestEpoch } = seriesMetrics(val, direction);
  if (!val || bestEpoch === null || !valLoss) return bestEpoch;
  const tied = new Set<number>();
  const count = Math.min(val.epoch.length, val.value.length);
  for (let i = 0; i < count; i++) if (val.value[i] === best) tied.add(val.epoch[i] as number);
  let chosen = bestEpoch;
  let chosenLoss = lastValueAt(valLoss.epoch, valLoss.value, chosen);
  for (const epoch of tied) {
    const loss = lastValueAt(valLoss.epoch, valLoss.value, epoch);
    if (!Number.isFinite(loss)) continue;
    const lower = !Number.isFinite(chosenLoss) || loss < chosenLoss;
    if (lower || (loss === chosenLoss && epoch > chosen)) {
      chosen = epoch;
      chosenLoss = loss;
    }
  }
  return chosen;
}

/** One run's numbers for one (task, metric), with the epoch chosen by validation (selectBestEpoch). */
export function runMetrics(splits: RunSplits, direction: MetricDirection): RunMetrics {
  const train = seriesMetrics(splits.train, direction);
  const val = seriesMetrics(splits.val, direction);
  const test = seriesMetrics(splits.test, direction);
  const bestEpoch = selectBestEpoch(splits.val, direction, splits.valLoss);
  const atBest =
    bestEpoch === null || !splits.test ? Number.NaN : lastValueAt(splits.test.epoch, splits.test.value, bestEpoch);
  return { train, val, test, bestEpoch, testAtBestVal: Number.isFinite(atBest) ? atBest : Number.NaN };
}
