// The comparison as a terminal table, shared by `graft compare` and the end of `graft run`.
import { formatGain, formatMeanStd } from '../../analysis/format.ts';
import type { ExperimentComparison } from '../../contract/compare.ts';
import type { CliIO } from './command.ts';
import { GAIN_COLUMN } from '../../analysis/comparison/bestCells.ts';
import { printConventions, printHeading, withBestMark } from './comparisonText.ts';
import { printHeadToHeadComparison } from './headToHeadTable.ts';
import { printMultitaskComparison } from './multitaskTable.ts';
import { formatTable } from './table.ts';

export function printComparison(io: CliIO, comparison: ExperimentComparison): void {
  if (comparison.multitask) return printMultitaskComparison(io, comparison, comparison.multitask);
  if (comparison.verdicts) return printHeadToHeadComparison(io, comparison);
  const primary = printHeading(io, comparison);
  if (!primary) return;
  io.out(
    formatTable(
      ['arm', 'budget', 'seeds', primary.key, 'gain vs scratch', 'note'],
      comparison.arms.map((arm) => {
        const m = arm.metrics[primary.key];
        return [
          arm.name,
          arm.budget,
          String(arm.runs),
          m ? withBestMark(formatMeanStd(m, primary.metric), arm, primary.key) : '—',
          arm.baseline ? 'baseline' : arm.transferGain ? withBestMark(formatGain(arm.transferGain, primary.metric), arm, GAIN_COLUMN) : '—',
          arm.transferGain?.negative ? 'NEGATIVE TRANSFER' : '',
        ];
      }),
    ),
  );
  printConventions(io, comparison);
}
