// The comparison as a terminal table, shared by `graft compare` and the end of `graft run`.
import { formatGain, formatMeanStd } from '../../analysis/format.ts';
import type { ExperimentComparison } from '../../contract/compare.ts';
import type { ExperimentKind } from '../../contract/model.ts';
import type { CliIO } from './command.ts';
import { GAIN_COLUMN } from '../../analysis/comparison/bestCells.ts';
import { printConventions, printHeading, withBestMark } from './comparisonText.ts';
import { printHeadToHeadComparison } from './headToHeadTable.ts';
import { printMultitaskComparison } from './multitaskTable.ts';
import { formatTable } from './table.ts';

/**
 * Each experiment kind's terminal table, looked up by kind: a Record over every ExperimentKind, so
 * a kind added without its table fails the typecheck (as analysis/comparison/kinds.ts does for
 * its comparison).
 */
const TABLE_BY_KIND: Readonly<Record<ExperimentKind, (io: CliIO, comparison: ExperimentComparison) => void>> = {
  transfer: printTransferComparison,
  multitask: (io, comparison) => (comparison.multitask ? printMultitaskComparison(io, comparison, comparison.multitask) : printTransferComparison(io, comparison)),
  'head-to-head': printHeadToHeadComparison,
};

export function printComparison(io: CliIO, comparison: ExperimentComparison): void {
  TABLE_BY_KIND[comparison.experiment.kind](io, comparison);
}

function printTransferComparison(io: CliIO, comparison: ExperimentComparison): void {
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
