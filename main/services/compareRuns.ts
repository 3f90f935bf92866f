// Selected runs side by side, from one experiment or several: read here, compared by
// analysis/comparison/runSets.ts.
import { groupBy } from '../../analysis/aggregate.ts';
import { isComparedRun } from '../../analysis/comparison/arms.ts';
import { compareRunSets } from '../../analysis/comparison/runSets.ts';
import { ApiError } from '../../contract/errors.ts';
import type { RunsComparison } from '../../contract/runsComparison.ts';
import type { RunStore } from '../../db/store.ts';
import { readComparisonInput } from './compare.ts';

export function compareRuns(store: RunStore, runIds: readonly number[]): RunsComparison {
  const runs = store.listRuns({ runIds: [...new Set(runIds)] });
  const missing = runIds.find((id) => !runs.some((r) => r.id === id));
  if (missing !== undefined) throw new ApiError('not-found', `run ${missing} does not exist`, 'runIds');
  const byExperiment = groupBy(runs.filter(isComparedRun), (r) => r.experimentId);
  const sets = [...byExperiment].flatMap(([experimentId, group]) => {
    const experiment = store.getExperiment(experimentId);
    return experiment ? [{ experiment: { id: experiment.id, name: experiment.name, kind: experiment.kind }, input: readComparisonInput(store, group) }] : [];
  });
  return compareRunSets(sets);
}
