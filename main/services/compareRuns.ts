// Selected runs side by side, from one experiment or several. Each experiment's runs are
// compared on their own (so an arm's transfer gain is always against the scratch arm of its
// own experiment), then listed together.
import { groupBy } from '../../analysis/aggregate.ts';
import { compareArms, isComparedRun, type ArmGroup } from '../../analysis/comparison/arms.ts';
import { markBest } from '../../analysis/comparison/bestCells.ts';
import { TRANSFER_CONVENTIONS } from '../../analysis/comparison/transfer.ts';
import { ApiError } from '../../contract/errors.ts';
import type { RunsComparison } from '../../contract/runsComparison.ts';
import type { RunStore } from '../../db/store.ts';
import { readComparisonInput } from './compare.ts';

export const CROSS_EXPERIMENT_CONVENTION =
  'Runs from several experiments: each arm is compared with the scratch arm of its own experiment.';

export function compareRuns(store: RunStore, runIds: readonly number[]): RunsComparison {
  const runs = store.listRuns({ runIds: [...new Set(runIds)] });
  const missing = runIds.find((id) => !runs.some((r) => r.id === id));
  if (missing !== undefined) throw new ApiError('not-found', `run ${missing} does not exist`, 'runIds');
  const compared = runs.filter(isComparedRun);
  const byExperiment = groupBy(compared, (r) => r.experimentId);
  const several = byExperiment.size > 1;
  const result: RunsComparison = { experiments: [], primary: null, conventions: [...TRANSFER_CONVENTIONS], arms: [] };
  if (several) result.conventions.push(CROSS_EXPERIMENT_CONVENTION);
  const groups: ArmGroup[] = [];
  for (const [experimentId, group] of byExperiment) {
    const experiment = store.getExperiment(experimentId);
    if (!experiment) continue;
    result.experiments.push({ id: experiment.id, name: experiment.name, kind: experiment.kind });
    const input = readComparisonInput(store, group);
    const { primary, arms, groups: seeds } = compareArms(input.runs, input.series);
    result.primary ??= primary;
    groups.push(...seeds);
    for (const arm of arms) result.arms.push(several ? { ...arm, name: `${experiment.name}: ${arm.name}` } : arm);
  }
  // Marked across the listed arms, as the table shows them side by side.
  return { ...result, arms: markBest(result.arms, groups, result.primary) };
}
