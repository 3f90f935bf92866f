// The comparison of an experiment, looked up by its kind: one module per kind, one map. The map
// is a Record over every ExperimentKind, so a kind added to contract/model.ts without its
// comparison fails the typecheck here instead of being compared as something else.
import type { ExperimentComparison } from '../../contract/compare.ts';
import type { ExperimentKind } from '../../contract/model.ts';
import { compareHeadToHead } from './headToHead.ts';
import type { ComparisonInput, ComparisonOptions, KindComparison } from './input.ts';
import { compareMultitask } from './multitask.ts';
import { compareTransfer } from './transfer.ts';

export const COMPARISON_BY_KIND: Readonly<Record<ExperimentKind, KindComparison>> = {
  transfer: compareTransfer,
  multitask: compareMultitask,
  'head-to-head': compareHeadToHead,
};

/** An experiment's comparison from its completed runs and their series. */
export function compareExperimentData(
  experiment: ExperimentComparison['experiment'],
  input: ComparisonInput,
  options: ComparisonOptions = {},
): ExperimentComparison {
  return { experiment, ...COMPARISON_BY_KIND[experiment.kind](input, options) };
}
