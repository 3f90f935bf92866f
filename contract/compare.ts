// The comparison of an experiment's arms: the numbers `graft compare --json`, the compare
// view and every report show. Computed once, on the main side (main/services/compare.ts),
// from the pure functions in analysis/.

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
  /** Worse than scratch by more than the seeds' noise (standard error of the difference). */
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
}

export interface PrimaryMetric {
  task: string;
  metric: string;
  direction: 'max' | 'min';
  /** The key in `metrics` the gain is computed on, e.g. "target/test/accuracy". */
  key: string;
}

export interface ExperimentComparison {
  experiment: { id: number; name: string; kind: string };
  primary: PrimaryMetric | null;
  /** Sentences saying how each number is defined, shown beside the numbers. */
  conventions: string[];
  arms: ArmComparison[];
}
