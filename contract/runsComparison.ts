// The comparison of selected runs, possibly from several experiments (the runs table's
// "compare selected"). Same numbers as ExperimentComparison, computed per experiment.
import type { ArmComparison, PrimaryMetric } from './compare.ts';

export interface RunsComparison {
  experiments: { id: number; name: string; kind: string }[];
  primary: PrimaryMetric | null;
  conventions: string[];
  /** Named "<experiment>: <arm>" when the runs come from more than one experiment. */
  arms: ArmComparison[];
}
