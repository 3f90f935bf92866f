// The lines every `graft compare` printout shares: which experiment, which metric, and the
// conventions its numbers follow.
import type { ExperimentComparison, PrimaryMetric } from '../../contract/compare.ts';
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

export function printConventions(io: CliIO, comparison: ExperimentComparison): void {
  io.out('');
  for (const line of comparison.conventions) io.out(`· ${line}`);
}
