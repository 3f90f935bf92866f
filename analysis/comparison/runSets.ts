// Selected runs side by side, from one experiment or several (the runs table's "compare
// selected"). Each experiment's runs are compared on their own, so an arm's transfer gain is
// always against the scratch arm of its own experiment; then the arms are listed together and
// marked best among all of them, as the table shows them side by side.
import type { RunsComparison } from '../../contract/runsComparison.ts';
import { compareArms, type ArmGroup } from './arms.ts';
import { markBest } from './bestCells.ts';
import type { ComparisonInput } from './input.ts';
import { TRANSFER_CONVENTIONS } from './transfer.ts';

export const CROSS_EXPERIMENT_CONVENTION =
  'Runs from several experiments: each arm is compared with the scratch arm of its own experiment.';

/** `sets`: per experiment, in the order to list them, its compared runs and their series. */
export function compareRunSets(sets: readonly { experiment: RunsComparison['experiments'][number]; input: ComparisonInput }[]): RunsComparison {
  const several = sets.length > 1;
  const result: RunsComparison = { experiments: [], primary: null, conventions: [...TRANSFER_CONVENTIONS], arms: [] };
  if (several) result.conventions.push(CROSS_EXPERIMENT_CONVENTION);
  const groups: ArmGroup[] = [];
  for (const { experiment, input } of sets) {
    result.experiments.push(experiment);
    const { primary, arms, groups: seeds } = compareArms(input.runs, input.series);
    result.primary ??= primary;
    groups.push(...seeds);
    for (const arm of arms) result.arms.push(several ? { ...arm, name: `${experiment.name}: ${arm.name}` } : arm);
  }
  return { ...result, arms: markBest(result.arms, groups, result.primary) };
}
