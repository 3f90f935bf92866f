// A gain over the baseline with its uncertainty: the difference of means (transferGain) and the
// 95% interval of that difference over seeds, paired by seed where the arms share seeds and
// Welch's otherwise (best.ts's differenceInterval: computed the same way as the best-marking).
// "Negative transfer" is claimed only where the interval lies below 0.
import type { GainSummary } from '../../contract/compare.ts';
import { orientDifference, type MetricDirection } from '../metricDirection.ts';
import { finiteOrNull } from '../stats.ts';
import { transferGain } from '../transferGain.ts';
import { differenceInterval } from './best.ts';

/** Per-seed values (non-finite ones are ignored) of the arm and of its baseline. */
export function gainSummary(
  arm: ReadonlyMap<number, number>,
  baseline: ReadonlyMap<number, number>,
  direction: MetricDirection,
): GainSummary | null {
  const gain = transferGain([...arm.values()], [...baseline.values()], direction);
  if (!gain) return null;
  const interval = differenceInterval(arm, baseline);
  // Oriented like abs: positive = the arm is better (a lower-is-better interval flips and swaps).
  const ends = interval ? [orientDifference(interval.low, direction), orientDifference(interval.high, direction)] : null;
  const ci95: [number | null, number | null] = ends ? [finiteOrNull(Math.min(...ends)), finiteOrNull(Math.max(...ends))] : [null, null];
  return { abs: gain.abs, rel: gain.rel, ci95, negative: ci95[1] !== null && ci95[1] < 0 };
}

/** Whether the gain's interval excludes 0, i.e. the table may call it better or worse. */
export function beyondNoise(gain: Pick<GainSummary, 'ci95'>): boolean {
  const [low, high] = gain.ci95;
  return low !== null && high !== null && (low > 0 || high < 0);
}
