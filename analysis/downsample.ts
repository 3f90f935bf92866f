// Min/max downsampling for charts. A curve of 100k steps is drawn with a few thousand points,
// and the one loss spike that explains a bad run must still be on screen: each bucket keeps its
// lowest and highest point, never a random or averaged one. Deterministic and O(n), one pass.
import type { Series } from '../contract/model.ts';

/**
 * Indices of the points to keep, ascending, at most `maxPoints` of them:
 * - n ≤ maxPoints: every index (identity).
 * - otherwise the first and last point, plus ⌊(maxPoints − 2) / 2⌋ buckets over the points
 *   between them, each contributing its min and max point in index order (one point when they
 *   coincide). maxPoints 2 or 3 keeps just the endpoints, 1 the first point, 0 or less nothing.
 *
 * Buckets split the x range evenly (one per pixel column, as M4 does), so uneven logging
 * intervals do not crowd the chart; x must be ascending, as epoch, step and time are. When
 * the x range is empty or not finite, buckets split the points by count instead.
 * NaN values are ignored by min/max; a bucket with only NaN keeps its first point, so a gap in
 * the curve stays a gap.
 */
export function downsampleIndices(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints: number): number[] {
  const n = Math.min(x.length, y.length);
  const limit = Number.isNaN(maxPoints) ? 0 : Math.floor(maxPoints);
  if (n <= limit) return Array.from({ length: n }, (_, i) => i);
  if (limit <= 0) return [];
  if (limit < 4) return limit === 1 ? [0] : [0, n - 1];

  const buckets = Math.floor((limit - 2) / 2);
  const interior = n - 2; // points 1 … n − 2; n > limit ≥ 4 so interior ≥ 3
  const x0 = x[1] ?? Number.NaN;
  const span = (x[n - 2] ?? Number.NaN) - x0;
  const byX = Number.isFinite(span) && span > 0;

  const kept = new Uint32Array(limit);
  let count = 0;
  kept[count++] = 0;

  let bucket = 0;
  let first = 1;
  let minIndex = -1;
  let maxIndex = -1;
  let minValue = Number.POSITIVE_INFINITY;
  let maxValue = Number.NEGATIVE_INFINITY;
  const flush = (): void => {
    if (minIndex < 0) {
      kept[count++] = first;
    } else if (minIndex === maxIndex) {
      kept[count++] = minIndex;
    } else {
      kept[count++] = Math.min(minIndex, maxIndex);
      kept[count++] = Math.max(minIndex, maxIndex);
    }
  };

  for (let i = 1; i <= n - 2; i++) {
    let b = byX
      ? Math.floor((((x[i] ?? Number.NaN) - x0) / span) * buckets)
      : Math.floor(((i - 1) * buckets) / interior);
    // Clamping keeps buckets contiguous and ascending even for a NaN or out-of-order x, which
    // is what bounds the output at two points per bucket.
    if (!(b >= bucket)) b = bucket;
    if (b >= buckets) b = buckets - 1;
    if (b !== bucket) {
      flush();
      bucket = b;
      first = i;
      minIndex = -1;
      maxIndex = -1;
      minValue = Number.POSITIVE_INFINITY;
      maxValue = Number.NEGATIVE_INFINITY;
    }
    const v = y[i] ?? Number.NaN;
    if (Number.isNaN(v)) continue;
    if (minIndex < 0 || v < minValue) {
      minValue = v;
      minIndex = i;
    }
    if (maxIndex < 0 || v > maxValue) {
      maxValue = v;
      maxIndex = i;
    }
  }
  flush();
  kept[count++] = n - 1;
  return Array.from(kept.subarray(0, count));
}

function pick(values: ArrayLike<number>, indices: readonly number[]): number[] {
  return indices.map((i) => values[i] ?? Number.NaN);
}

/** A series' point columns, parallel and in step order: a contract Series, or stored Float64 columns. */
export interface PointColumnsLike {
  readonly epoch: ArrayLike<number>;
  readonly step: ArrayLike<number>;
  readonly time: ArrayLike<number>;
  readonly value: ArrayLike<number>;
}

/** The points at `indices` (ascending), epoch, step, time and value kept in step. */
export function pickPoints(points: PointColumnsLike, indices: readonly number[]): Pick<Series, 'epoch' | 'step' | 'time' | 'value'> {
  return { epoch: pick(points.epoch, indices), step: pick(points.step, indices), time: pick(points.time, indices), value: pick(points.value, indices) };
}

/** At most `maxPoints` of the points, bucketed along `step` (the finest x a chart uses). */
export function downsamplePoints(points: PointColumnsLike, maxPoints: number): Pick<Series, 'epoch' | 'step' | 'time' | 'value'> {
  return pickPoints(points, downsampleIndices(points.step, points.value, maxPoints));
}

/**
 * A stored series cut to at most `maxPoints`, bucketed along `step` (the finest x a chart uses),
 * with epoch, step, time and value kept in step. Returns the series itself when it already fits.
 */
export function downsampleSeries<S extends Series>(series: S, maxPoints: number): S {
  if (series.value.length <= maxPoints) return series;
  return { ...series, ...downsamplePoints(series, maxPoints) };
}
