// The comparison of an experiment, looked up by its kind: one module per kind, one map. The
// experiment-kind registry points here for each kind's comparison; a kind not listed is compared
// as a transfer experiment (the arms and their gain over scratch), which every kind's runs allow.
import type { ExperimentComparison } from '../../contract/compare.ts';
import { compareHeadToHead } from './headToHead.ts';
import type { ComparisonInput, ComparisonOptions, KindComparison } from './input.ts';
import { compareMultitask } from './multitask.ts';
import { compareTransfer } from './transfer.ts';

export const COMPARISON_BY_KIND: Readonly<Record<string, KindComparison>> = {
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
  const compare = COMPARISON_BY_KIND[experiment.kind] ?? compareTransfer;
  return { experiment, ...compare(input, options) };
}
