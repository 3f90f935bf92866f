// Head-to-head comparison of two arms over the same seeds. Pairing by seed removes the variance
// the seed puts into both arms alike (data order, split, init of shared parts), so fewer seeds
// detect a real difference than an unpaired comparison would.
import { formatFixed } from './format.ts';
import type { MetricDirection } from './metricDirection.ts';
import { mulberry32 } from './random.ts';
import { quantileOfSorted, standardError, summarize, tQuantile975 } from './stats.ts';
import { studentTTwoSidedP } from './studentT.ts';

export type PairedMethod = 'paired-t' | 'bootstrap' | 'insufficient';

export interface PairedDifference {
  /** Mean of a − b over paired seeds; the one difference when n = 1; NaN when n = 0. */
  meanDiff: number;
  /** 95% CI of the mean difference; [NaN, NaN] when insufficient. */
  ci95: [number, number];
  /** Seeds with a finite value in both arms. */
  n: number;
  /** Two-sided p-value for "no difference"; NaN when insufficient. */
  pValue: number;
  method: PairedMethod;
  /** The paired seeds, ascending. */
  seeds: number[];
  /**
   * True when n ≥ 2 but every paired difference is the same: there is no spread to estimate the
   * noise from, so no interval and no winner (method 'insufficient').
   */
  zeroSpread?: boolean;
}

export interface PairedOptions {
  /**
   * 'auto' (default): the paired t test, and the bootstrap from BOOTSTRAP_MIN_SEEDS paired seeds
   * (where it is calibrated). 'bootstrap' forces the percentile bootstrap at any n ≥ 2: below
   * BOOTSTRAP_MIN_SEEDS it is anti-conservative (comparisons do not offer it there).
   */
  method?: 'auto' | 'paired-t' | 'bootstrap';
  /** Bootstrap resamples, default 10,000. */
  resamples?: number;
  /** Bootstrap PRNG seed (an integer), default BOOTSTRAP_SEED; fixed so a report reproduces exactly. */
  seed?: number;
}

/**
 * The fewest paired seeds at which the percentile bootstrap names a false winner at most ~7% of
 * the time at α = 0.05 under no true difference (pairedTest.calibration.spec.ts simulates it).
 * Simulated rates (normal differences, 2,000 trials): about 50% at 2 seeds, 21% at 3, 9% at 12
 * and at 20, 7% at 30. Below this count comparisons use the paired t test instead.
 */
export const BOOTSTRAP_MIN_SEEDS = 30;
export const BOOTSTRAP_RESAMPLES = 10_000;
export const BOOTSTRAP_SEED = 0x6a09e667;

/**
 * Difference a − b of two arms' per-seed values, paired by seed (seeds in only one arm, or
 * non-finite in either, are left out).
 *
 * - paired t test (default): CI = mean ± t₀.₉₇₅(n−1) · sd/√n, honest at any n ≥ 2.
 * - bootstrap ('auto' from BOOTSTRAP_MIN_SEEDS, or forced): percentile bootstrap of the mean
 *   difference, deterministic (mulberry32, fixed seed, seeds visited in ascending order so Map
 *   order does not matter). CI = type-7 2.5% and 97.5% quantiles of the resampled means.
 *   p = min(1, 2 · min(#means ≤ 0 + 1, #means ≥ 0 + 1) / (R + 1)), which never reports 0.
 *   Caveat: with few seeds there are at most nⁿ distinct resamples and the percentile interval
 *   is narrower than the truth (two seeds that agree in sign always exclude 0).
 * - every difference the same (sd = 0): 'insufficient' with zeroSpread, no interval: identical
 *   differences from a handful of seeds are no evidence that the noise is zero.
 * - n < 2: 'insufficient', no interval.
 */
export function pairedDifference(
  a: ReadonlyMap<number, number>,
  b: ReadonlyMap<number, number>,
  options: PairedOptions = {},
): PairedDifference {
  const seeds = [...a.keys()]
    .filter((seed) => Number.isFinite(a.get(seed)) && Number.isFinite(b.get(seed)))
    .sort((x, y) => x - y);
  const diffs = seeds.map((seed) => (a.get(seed) ?? Number.NaN) - (b.get(seed) ?? Number.NaN));
  const n = diffs.length;
  if (n < 2) {
    const meanDiff = diffs[0] ?? Number.NaN;
    return { meanDiff, ci95: [Number.NaN, Number.NaN], n, pValue: Number.NaN, method: 'insufficient', seeds };
  }
  if (hasNoSpread(diffs, seeds.map((seed) => Math.max(Math.abs(a.get(seed) ?? 0), Math.abs(b.get(seed) ?? 0))))) {
    const nothing = { ci95: [Number.NaN, Number.NaN] as [number, number], pValue: Number.NaN };
    return { meanDiff: diffs[0] as number, ...nothing, n, method: 'insufficient', seeds, zeroSpread: true };
  }
  const method = options.method ?? 'auto';
  const useT = method === 'paired-t' || (method === 'auto' && n < BOOTSTRAP_MIN_SEEDS);
  const estimate = useT
    ? pairedT(diffs)
    : bootstrap(diffs, options.resamples ?? BOOTSTRAP_RESAMPLES, options.seed ?? BOOTSTRAP_SEED);
  return { ...estimate, n, seeds };
}

/**
 * Whether every difference is the same up to floating-point rounding of the values subtracted
 * (0.8 − 0.7 and 0.9 − 0.8 differ in the 15th digit): within 1e-9 of the largest value's size.
 */
function hasNoSpread(diffs: readonly number[], magnitudes: readonly number[]): boolean {
  const tolerance = 1e-9 * Math.max(1e-300, ...magnitudes);
  return Math.max(...diffs) - Math.min(...diffs) <= tolerance;
}

type Estimate = Pick<PairedDifference, 'meanDiff' | 'ci95' | 'pValue' | 'method'>;

function pairedT(diffs: readonly number[]): Estimate {
  const summary = summarize(diffs);
  const mean = summary.mean;
  const se = standardError(summary);
  const halfWidth = tQuantile975(summary.n - 1) * se;
  return {
    meanDiff: mean,
    ci95: [mean - halfWidth, mean + halfWidth],
    pValue: studentTTwoSidedP(mean / se, summary.n - 1),
    method: 'paired-t',
  };
}

function bootstrap(diffs: readonly number[], resamples: number, seed: number): Estimate {
  const n = diffs.length;
  const r = Math.max(1, Math.floor(resamples));
  const random = mulberry32(seed);
  const means = new Float64Array(r);
  let atMostZero = 0;
  let atLeastZero = 0;
  for (let i = 0; i < r; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += diffs[Math.floor(random() * n)] ?? 0;
    const mean = sum / n;
    means[i] = mean;
    if (mean <= 0) atMostZero++;
    if (mean >= 0) atLeastZero++;
  }
  means.sort();
  return {
    meanDiff: summarize(diffs).mean,
    ci95: [quantileOfSorted(means, 0.025), quantileOfSorted(means, 0.975)],
    pValue: Math.min(1, (2 * Math.min(atMostZero + 1, atLeastZero + 1)) / (r + 1)),
    method: 'bootstrap',
  };
}

export interface VerdictInput {
  /** The label budget in words, e.g. "50 labels per class"; '' leaves out the "At …," opening. */
  budgetLabel: string;
  aName: string;
  bName: string;
  /** pairedDifference(a, b): a − b in the metric's units. */
  diff: PairedDifference;
  /** Named in the sentence when given ("… on test accuracy …"). */
  metricLabel?: string;
  /**
   * 'points': the metric is a fraction (accuracy 0.84) and differences print ×100 as percentage
   * points. 'raw': differences print as they are, with no unit word.
   */
  unit: 'points' | 'raw';
  /** Whether higher is better (default 'max'); decides who "beats" whom. */
  direction?: MetricDirection;
  /** Decimals printed, default 1. */
  digits?: number;
  /**
   * The p-value corrected for the other verdicts of the same budget (Holm); a winner is named
   * only when it is below 0.05 too, and the sentence gives it.
   */
  pAdjusted?: number;
}

/**
 * The head-to-head verdict in one sentence:
 *   "At 50 labels per class, fine-tune beats hard-sharing by 3.1 points (95% CI 1.2 to 5.0, 5 seeds)"
 *   "At 50 labels per class, no difference detectable between X and Y with 3 seeds (95% CI −1.0 to 2.0)"
 *   "At 50 labels per class, too few seeds to compare X and Y: 1 paired seed, at least 2 needed"
 * A winner is named only when the CI excludes 0. The winner's margin and CI are oriented in its
 * favour (positive = better, for lower-is-better metrics too); the no-difference CI is oriented
 * as "how much better A is than B".
 */
export function verdictSentence(input: VerdictInput): string {
  const { diff, aName, bName } = input;
  const opening = input.budgetLabel ? `At ${input.budgetLabel}, ` : '';
  const on = input.metricLabel ? ` on ${input.metricLabel}` : '';
  const seeds = `${diff.n} ${diff.n === 1 ? 'seed' : 'seeds'}`;
  if (diff.zeroSpread) {
    return capitalize(
      `${opening}no winner between ${aName} and ${bName}${on} with ${seeds}: every paired difference is the same, ` +
        'so there is no spread to measure the noise',
    );
  }
  if (diff.method === 'insufficient') {
    const paired = `${diff.n} paired ${diff.n === 1 ? 'seed' : 'seeds'}`;
    return capitalize(`${opening}too few seeds to compare ${aName} and ${bName}${on}: ${paired}, at least 2 needed`);
  }
  const scale = input.unit === 'points' ? 100 : 1;
  const sign = (input.direction ?? 'max') === 'max' ? scale : -scale;
  // Oriented so positive = A better.
  const mean = diff.meanDiff * sign;
  const ends = [diff.ci95[0] * sign, diff.ci95[1] * sign];
  const lo = Math.min(...ends);
  const hi = Math.max(...ends);
  const digits = input.digits ?? 1;
  const holm = input.pAdjusted === undefined ? '' : `, Holm-adjusted p ${formatP(input.pAdjusted)}`;
  if (!namesWinner(diff, input.pAdjusted)) {
    return capitalize(
      `${opening}no difference detectable between ${aName} and ${bName}${on} with ${seeds} ` +
        `(95% CI ${formatFixed(lo, digits)} to ${formatFixed(hi, digits)}${holm})`,
    );
  }
  // Decided by the interval, which excludes 0 here; a skewed bootstrap can leave the mean outside it.
  const aWins = lo > 0;
  const [winner, loser] = aWins ? [aName, bName] : [bName, aName];
  const [from, to] = aWins ? [lo, hi] : [-hi, -lo];
  const unitWord = input.unit === 'points' ? ' points' : '';
  // Not capitalized: the sentence may start with an arm's name, which is shown as the user wrote it.
  return (
    `${opening}${winner} beats ${loser}${on} by ${formatFixed(aWins ? mean : -mean, digits)}${unitWord} ` +
      `(95% CI ${formatFixed(from, digits)} to ${formatFixed(to, digits)}, ${seeds}${holm})`
  );
}

/**
 * Whether a verdict names a winner: its 95% interval excludes 0 and, when the verdict is one of
 * several on a budget, its Holm-adjusted p is below 0.05 as well.
 */
export function namesWinner(diff: Pick<PairedDifference, 'ci95' | 'method'>, pAdjusted?: number): boolean {
  if (diff.method === 'insufficient') return false;
  const [lo, hi] = diff.ci95;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || (lo <= 0 && hi >= 0)) return false;
  return pAdjusted === undefined || pAdjusted < 0.05;
}

function formatP(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  // "≤", not "<": the sentence goes into HTML and LaTeX as written.
  return p < 0.001 ? '≤ 0.001' : `= ${formatFixed(p, 3)}`;
}

function capitalize(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
