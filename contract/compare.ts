// The comparison of an experiment's arms: the numbers `graft compare --json`, the compare
// view and every report show. Computed once, by analysis/comparison/ from the runs' series, which
// main/services/compare.ts reads from the store.
import type { ExperimentKind } from './model.ts';

export interface MetricSummary {
  mean: number;
  /** Sample standard deviation over seeds (n − 1); 0 when n = 1. */
  std: number;
  n: number;
}

export interface GainSummary {
  /** mean(arm) − mean(scratch), oriented so positive = better, in the metric's units. */
  abs: number;
  /** abs / |mean(scratch)|, a fraction. */
  rel: number;
  /**
   * 95% interval of abs over seeds (paired by seed where the arms share seeds, Welch otherwise),
   * oriented like abs; nulls without one (a single seed, or no spread).
   */
  ci95: [number | null, number | null];
  /** Worse than the baseline beyond noise: the whole interval lies below 0. */
  negative: boolean;
}

export interface ArmComparison {
  name: string;
  /** One entry per (arm, label budget). */
  budget: string;
  strategy: string | null;
  /** Baselines: scratch for transfer, single-task arms for multitask. */
  baseline: boolean;
  /** Completed runs the numbers are computed from (one per seed). */
  runs: number;
  seeds: number[];
  /** "<task>/<split>/<metric>" → mean ± std over seeds. train: last epoch; val: best; test: at the best validation epoch. */
  metrics: Record<string, MetricSummary>;
  /** Against the scratch arm at the same budget, on the primary metric; null for baselines or without scratch. */
  transferGain: GainSummary | null;
  /**
   * The columns where this arm is marked best at its budget (★ in the app, bold in reports, ★ in
   * the CLI): metric keys, 'transferGain', 'gainVsBaseline', 'deltaM'. Best = ahead of the runner-up
   * with the 95% interval of the difference above 0 (analysis/comparison/best.ts).
   */
  best?: string[];
  // Multitask experiments only (absent for transfer):
  /** The arm's architecture: hard-sharing, soft-sharing, cross-stitch, or single-task for the baseline. */
  architecture?: string;
  /** The arm's loss weighting: one of WEIGHTINGS in specMultitask.ts. */
  weighting?: string;
  /**
   * Δm in % against the single-task arm at the same budget, LibMTL convention (positive = better
   * than single-task; see MultitaskSummary.convention). 0 for the baseline itself; null when
   * undefined (no baseline runs, a zero or missing baseline value).
   */
  deltaM?: number | null;
  /**
   * Δm's spread over seeds: each seed's Δm against the baseline's means, their sample std and the
   * t interval of their mean (nulls below 2 seeds or without spread), in percent like deltaM.
   */
  /** Tasks better than single-task beyond noise (Δ > 0 and the 95% interval of the selecting metric above 0). */
  betterTasks?: string[];
  deltaMSpread?: { std: number; n: number; ci95: [number | null, number | null] } | null;
  /** Per task, its Δ in %, same convention. */
  perTaskDelta?: Record<string, number | null>;
  /** Tasks that got worse than single-task: Δ < 0, and the task's primary metric worse by more than the seeds' noise. */
  negativeTransfer?: string[];
  // Head-to-head experiments only (absent otherwise); `architecture`/`weighting` above are set on multitask arms:
  /** Which approach the arm takes: a transfer strategy, a multitask arm, or the target-only scratch baseline. */
  approach?: Approach;
  /**
   * Against the scratch arm at the same budget, on the primary metric (target/test/<metric>), for
   * arms of either approach; null for scratch itself or when scratch has no completed run.
   */
  gainVsBaseline?: GainSummary | null;
  /** What the arm cost, mean over its seeds; see ArmCost. */
  cost?: ArmCost;
}

export type Approach = 'transfer' | 'multitask' | 'baseline';

/**
 * A run's cost, mean over the arm's seeds; null when not logged. Transfer arms include their
 * pretraining run of the same seed in wallSeconds and samples.
 */
export interface ArmCost {
  /** Σ epoch_time (training + evaluation) in seconds, pretraining included. */
  wallSeconds: number | null;
  /** Examples trained on, summed over epochs (an example seen in 5 epochs counts 5 times), pretraining included. */
  samples: number | null;
  /** Weights trained on the target task: the maximum over epochs (feature extraction: the head only). */
  trainableParams: number | null;
}

/**
 * One head-to-head verdict: arm `a` against arm `b` at one budget, on the primary metric, paired
 * by seed. Difference = a − b in the metric's units (accuracy 0.031 = 3.1 points).
 */
export interface Verdict {
  budget: string;
  a: string;
  b: string;
  /** E.g. "At 50 labels per class, fine-tune beats hard-sharing+uncertainty by 3.1 points (95% CI 1.2 to 5.0, 5 seeds)". */
  sentence: string;
  /** Mean of a − b over paired seeds; null without any pair. */
  meanDiff: number | null;
  /** 95% confidence interval of meanDiff; nulls when fewer than 2 seeds pair up. */
  ci95: [number | null, number | null];
  /** Seeds with a completed run in both arms. */
  n: number;
  /** Two-sided p-value for "no difference"; null when fewer than 2 seeds pair up. */
  pValue: number | null;
  /**
   * 'paired-t' by default (honest at 2–4 seeds); 'bootstrap' when asked and there are enough
   * seeds for it to be calibrated (analysis/pairedTest.ts BOOTSTRAP_MIN_SEEDS); 'insufficient'
   * below 2 seeds or when every paired difference is the same (no spread, no evidence).
   */
  method: 'paired-t' | 'bootstrap' | 'insufficient';
  /** pValue corrected (Holm) for the other verdicts of the same budget; null when pValue is. */
  pAdjusted: number | null;
  /** The arm named the winner (interval excludes 0 and Holm-adjusted p < 0.05), else null. */
  winner: string | null;
}

/** How the multitask numbers of a comparison are defined. */
export interface MultitaskSummary {
  /** Always shown with Δm: papers disagree on its sign. */
  convention: string;
  /** Per task: the test metrics Δm averages over, and the validation metric choosing its best epoch. */
  tasks: { name: string; metrics: string[]; selectedBy: string; direction: Record<string, 'max' | 'min'> }[];
}

export interface PrimaryMetric {
  task: string;
  metric: string;
  direction: 'max' | 'min';
  /** The key in `metrics` the gain is computed on, e.g. "target/test/accuracy". */
  key: string;
}

export interface ExperimentComparison {
  experiment: { id: number; name: string; kind: ExperimentKind };
  primary: PrimaryMetric | null;
  /** Sentences saying how each number is defined, shown beside the numbers. */
  conventions: string[];
  arms: ArmComparison[];
  /** Multitask experiments only. */
  multitask?: MultitaskSummary;
  /**
   * Head-to-head experiments only: per budget, the best transfer arm vs the best multitask arm,
   * and each against scratch (best = highest mean of the primary metric, oriented by direction).
   */
  verdicts?: Verdict[];
}
