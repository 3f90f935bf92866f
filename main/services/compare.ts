// An experiment's arms side by side, as `graft compare`, the compare view and the reports show
// them: this service reads the runs and their series from the store, and analysis/comparison
// computes every number from them, so no two views can disagree about one.
import { isComparedRun } from '../../analysis/comparison/arms.ts';
import type { ComparisonInput, ComparisonOptions } from '../../analysis/comparison/input.ts';
import { compareExperimentData } from '../../analysis/comparison/kinds.ts';
import type { ExperimentComparison } from '../../contract/compare.ts';
import { ApiError } from '../../contract/errors.ts';
import { RUN_LEVEL_TASK, type ExperimentDetail, type RunSummary } from '../../contract/model.ts';
import { SOURCE_ARM } from '../../contract/spec.ts';
import type { RunStore } from '../../db/store.ts';

export function compareExperiment(store: RunStore, experimentId: number, options: ComparisonOptions = {}): ExperimentComparison {
  const experiment = store.getExperiment(experimentId);
  if (!experiment) throw new ApiError('not-found', `experiment ${experimentId} does not exist`, 'id');
  return compareExperimentRow(store, experiment, options);
}

/**
 * What the comparison of `runs` (completed, any subset of one experiment's) is computed from.
 * The series are read as overviews: they hold every point a number depends on (each epoch's
 * lowest, highest and last), so the numbers are those of the full series without reading all of it.
 */
export function readComparisonInput(store: RunStore, completed: readonly RunSummary[]): ComparisonInput {
  const runs = completed.filter(isComparedRun);
  const sources = completed.filter((r) => r.arm === SOURCE_ARM);
  return {
    runs,
    series: runs.length > 0 ? store.readSeries(runs.map((r) => r.id), {}, { overview: true }) : [],
    sources,
    sourceSeries: sources.length > 0 ? store.readSeries(sources.map((r) => r.id), { task: RUN_LEVEL_TASK }, { overview: true }) : [],
  };
}

/**
 * compareExperiment of an experiment already read. `completed`: its completed runs in id order,
 * when the caller has them already (read from the store otherwise).
 */
export function compareExperimentRow(
  store: RunStore,
  experiment: ExperimentDetail,
  options: ComparisonOptions = {},
  completed: RunSummary[] = store.listRuns({ experimentId: experiment.id, status: ['completed'] }),
): ExperimentComparison {
  const about = { id: experiment.id, name: experiment.name, kind: experiment.kind };
  return compareExperimentData(about, readComparisonInput(store, completed), options);
}
