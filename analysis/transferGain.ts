// Transfer gain: how much a TL arm beats training from scratch on the same task and label budget,
// and whether it is worse by more than seed-to-seed noise (negative transfer).
import { orientDifference, type MetricDirection } from './metricDirection.ts';
import { summarize } from './stats.ts';

export interface TransferGain {
  /**
   * mean(arm) − mean(scratch), sign-flipped for lower-is-better metrics so positive always means
   * the transfer helped. In the metric's own units (0.03 accuracy, −1.5 MAE).
   */
  abs: number;
  /** abs / |mean(scratch)|, a fraction (0.05 = 5%); NaN when mean(scratch) is 0. */
  rel: number;
  /**
   * True when abs < 0 and |abs| > noise: the arm is worse than scratch by more than the seeds
   * can explain. Never true when the noise is unknown (a side with a single seed): one seed
   * cannot tell negative transfer from luck, so Graft does not claim it.
   */
  negative: boolean;
  /**
   * Standard error of the difference of means, √(s_arm²/n_arm + s_scratch²/n_scratch), s the
   * sample std; NaN when either side has a single seed (no spread estimate). The seed counts
   * are returned so a report can say how thin the evidence is.
   */
  noise: number;
  armMean: number;
  scratchMean: number;
  nArm: number;
  nScratch: number;
}

/**
 * Transfer gain from per-seed values of the arm and of the scratch arm (test metric at best
 * validation epoch, typically). Non-finite values are dropped as in `summarize`. Returns null
 * when either side has no finite value: there is no gain to report, and null cannot be mistaken
 * for a number in a table.
 */
export function transferGain(
  arm: readonly number[],
  scratch: readonly number[],
  direction: MetricDirection,
): TransferGain | null {
  return gainOfSummaries(summarize(arm), summarize(scratch), direction);
}

/**
 * The same gain from mean, sample std and n of each side, for callers that hold summaries
 * (the multitask comparison measures each task against its single-task baseline this way).
 */
export function gainOfSummaries(
  a: { mean: number; std: number; n: number },
  s: { mean: number; std: number; n: number },
  direction: MetricDirection,
): TransferGain | null {
  if (a.n === 0 || s.n === 0) return null;
  const abs = orientDifference(a.mean - s.mean, direction);
  const noise = a.n < 2 || s.n < 2 ? Number.NaN : Math.sqrt((a.std * a.std) / a.n + (s.std * s.std) / s.n);
  return {
    abs,
    rel: s.mean === 0 ? Number.NaN : abs / Math.abs(s.mean),
    negative: abs < 0 && -abs > noise, // false when noise is NaN
    noise,
    armMean: a.mean,
    scratchMean: s.mean,
    nArm: a.n,
    nScratch: s.n,
  };
}
