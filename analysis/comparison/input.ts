// What a kind's comparison is computed from: the store's rows and series as plain data, read by
// the service (main/services/compare.ts), so every number here is a pure function of them.
import type { ExperimentComparison } from '../../contract/compare.ts';
import type { RunSummary, Series } from '../../contract/model.ts';

export interface ComparisonInput {
  /** The completed target runs compared (isComparedRun), in id order. */
  runs: readonly RunSummary[];
  /** Their series; the store's overviews suffice (they keep every point a number depends on). */
  series: readonly Series[];
  /** The completed pretraining (source) runs, in id order; a head-to-head adds their cost to transfer arms. */
  sources: readonly RunSummary[];
  /** The sources' run-level series (task RUN_LEVEL_TASK). */
  sourceSeries: readonly Series[];
}

export interface ComparisonOptions {
  /** Head-to-head verdicts: 'paired-t' (default: its interval widens honestly at 2–4 seeds) or 'bootstrap'. */
  verdictMethod?: 'paired-t' | 'bootstrap';
}

/** One experiment kind's comparison: everything of ExperimentComparison but the experiment's name. */
export type KindComparison = (input: ComparisonInput, options: ComparisonOptions) => Omit<ExperimentComparison, 'experiment'>;
