// The lines every `graft compare` printout shares: which experiment, which metric, the
// conventions its numbers follow, and the comparison's best mark (★).
import { BEST_RULE } from '../../analysis/comparison/bestCells.ts';
import type { ArmComparison, ExperimentComparison, PrimaryMetric } from '../../contract/compare.ts';
import type { CliIO } from './command.ts';

export function experimentTitle(comparison: ExperimentComparison): string {
  return `${comparison.experiment.name} (${comparison.experiment.kind}, id ${comparison.experiment.id})`;
}

/** Prints the title and the primary metric; null, after saying so, when no run has completed. */
export function printHeading(io: CliIO, comparison: ExperimentComparison): PrimaryMetric | null {
  io.out(experimentTitle(comparison));
  const primary = comparison.primary;
  if (!primary || comparison.arms.length === 0) {
    io.out('No completed runs to compare yet.');
    return null;
  }
  io.out(`Primary metric: ${primary.key} (${primary.direction === 'max' ? 'higher' : 'lower'} is better)\n`);
  return primary;
}

/** The cell's text with the comparison's best mark, when it marked this arm best in `column`. */
export function withBestMark(text: string, arm: ArmComparison, column: string): string {
  return arm.best?.includes(column) ? `${text} ★` : text;
}

export function printConventions(io: CliIO, comparison: ExperimentComparison): void {
  io.out('');
  for (const line of comparison.conventions) io.out(`· ${line}`);
  io.out(`· ★ ${BEST_RULE}`);
}
