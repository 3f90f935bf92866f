// The one rule for "best" in a comparison's table, which the app's ★, the reports' bold and the
// CLI's marker all show: among the arms of one label budget, the arm with the best mean is
// marked only when its lead over the runner-up is distinguishable from the seeds' noise — the 95%
// interval of the difference (best − runner-up) lies above 0. Paired by seed where the two arms
// share at least two seeds (the seed's own variance cancels); Welch's unpaired interval otherwise.
// A tie at the top, a lone arm or a single seed marks nothing: there is no evidence of a best.
import { pairedDifference } from '../pairedTest.ts';
import { summarize, tQuantile975 } from '../stats.ts';

/** One arm's entry in a column, oriented so higher = better. */
export interface BestCandidate {
  /** The value the table shows (a mean over seeds, or a gain or Δm of means), oriented. */
  score: number;
  /** Per seed, the value the score summarizes, oriented the same way. */
  seeds: ReadonlyMap<number, number>;
}

export interface DifferenceInterval {
  method: 'paired-t' | 'welch-t';
  n: number;
  low: number;
  high: number;
}

/** Welch's 95% interval for mean(a) − mean(b); null when either side has fewer than two values. */
function welchInterval(a: readonly number[], b: readonly number[]): DifferenceInterval | null {
  const sa = summarize(a);
  const sb = summarize(b);
  if (sa.n < 2 || sb.n < 2) return null;
  const va = (sa.std * sa.std) / sa.n;
  const vb = (sb.std * sb.std) / sb.n;
  const diff = sa.mean - sb.mean;
  const se = Math.sqrt(va + vb);
  // No spread on either side: no measure of the noise, so no evidence of a difference.
  if (se === 0) return null;
  // Welch–Satterthwaite degrees of freedom.
  const df = (va + vb) ** 2 / ((va * va) / (sa.n - 1) + (vb * vb) / (sb.n - 1));
  const half = tQuantile975(df) * se;
  return { method: 'welch-t', n: sa.n + sb.n, low: diff - half, high: diff + half };
}

/**
 * The 95% interval of a − b over seeds: the paired t interval over the seeds both have (at least
 * two), else Welch's over all of each; null when neither has the values it needs, or when there
 * is no spread to measure the noise (every paired difference the same, or both sides constant).
 */
export function differenceInterval(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): DifferenceInterval | null {
  const paired = pairedDifference(a, b, { method: 'paired-t' });
  if (paired.method === 'paired-t') return { method: 'paired-t', n: paired.n, low: paired.ci95[0], high: paired.ci95[1] };
  // Identical paired differences are no evidence that the noise is zero (and an unpaired
  // interval over the same runs would hide that they were paired).
  if (paired.zeroSpread) return null;
  const finite = (m: ReadonlyMap<number, number>) => [...m.values()].filter(Number.isFinite);
  return welchInterval(finite(a), finite(b));
}

/** The index of the candidate marked best, or null when no lead is distinguishable from noise. */
export function bestCandidate(candidates: readonly BestCandidate[]): number | null {
  const ranked = candidates
    .map((candidate, index) => ({ candidate, index }))
    .filter(({ candidate }) => Number.isFinite(candidate.score))
    .sort((x, y) => y.candidate.score - x.candidate.score);
  const [first, second] = ranked;
  if (!first || !second || first.candidate.score === second.candidate.score) return null;
  const interval = differenceInterval(first.candidate.seeds, second.candidate.seeds);
  return interval !== null && interval.low > 0 ? first.index : null;
}
