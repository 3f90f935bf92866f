// Descriptive statistics over seeds: the one definition of "mean ± std (n)" Graft prints.
import { studentTQuantile } from './studentT.ts';

export interface Summary {
  /** Finite values summarized. */
  n: number;
  /** Non-finite values (NaN, ±Infinity) left out: a diverged seed is counted, not averaged. */
  dropped: number;
  /** NaN when n = 0. */
  mean: number;
  /**
   * Sample standard deviation (divisor n − 1). 0 when n = 1, so a single seed draws as a line
   * with no band; callers that test hypotheses must check n themselves. NaN when n = 0.
   */
  std: number;
  /** NaN when n = 0. */
  min: number;
  max: number;
}

/**
 * Mean, sample std, min and max of the finite values; non-finite ones are excluded and counted in
 * `dropped`, because a NaN from one diverged seed would otherwise erase the other seeds' result.
 */
export function summarize(values: readonly number[]): Summary {
  let n = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const dropped = values.length - n;
  if (n === 0) return { n, dropped, mean: Number.NaN, std: Number.NaN, min: Number.NaN, max: Number.NaN };
  const roughMean = sum / n;
  // Corrected two-pass: the second sum cancels the rounding error of the first mean, so seeds
  // that agree to many digits (accuracy 0.9312 ± 1e-9) still give a sane std.
  let squares = 0;
  let residual = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const d = v - roughMean;
    squares += d * d;
    residual += d;
  }
  const mean = roughMean + residual / n;
  const variance = n > 1 ? Math.max(0, (squares - (residual * residual) / n) / (n - 1)) : 0;
  return { n, dropped, mean, std: Math.sqrt(variance), min, max };
}

/** Standard error of the mean, std / √n. 0 for n = 1 (see Summary.std), NaN for n = 0. */
export function standardError(summary: Summary): number {
  return summary.n === 0 ? Number.NaN : summary.std / Math.sqrt(summary.n);
}

/** The 97.5% quantile of Student's t with df degrees of freedom: the half-width multiplier of a 95% CI. */
export function tQuantile975(df: number): number {
  return studentTQuantile(0.975, df);
}

/**
 * The p-quantile of already-sorted values, linear interpolation between order statistics
 * (Hyndman–Fan type 7, the default of R and NumPy). NaN for an empty array.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const position = (n - 1) * Math.min(1, Math.max(0, p));
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  const lower = sorted[below] ?? Number.NaN;
  const upper = sorted[above] ?? Number.NaN;
  return lower + (position - below) * (upper - lower);
}

/** A number as JSON can carry it: NaN and ±Infinity (nothing to show) become null. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
