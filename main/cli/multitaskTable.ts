// `graft compare` for a multitask experiment: the per-task test metrics of every arm, then Δm
// and the per-task Δ against the single-task baselines, always under the Δm convention label.
import { formatMeanStd, formatPercentDelta } from '../../analysis/format.ts';
import type { ArmComparison, ExperimentComparison, MultitaskSummary } from '../../contract/compare.ts';
import type { CliIO } from './command.ts';
import { DELTA_M_COLUMN } from '../../analysis/comparison/bestCells.ts';
import { experimentTitle, printConventions, withBestMark } from './comparisonText.ts';
import { formatTable } from './table.ts';


function metricTable(arms: ArmComparison[], summary: MultitaskSummary): string {
  const columns = summary.tasks.flatMap((t) => t.metrics.map((m) => ({ key: `${t.name}/test/${m}`, metric: m, label: `${t.name} ${m}` })));
  return formatTable(
    ['arm', 'budget', 'seeds', ...columns.map((c) => c.label)],
    arms.map((arm) => [arm.name, arm.budget, String(arm.runs), ...columns.map((c) => (arm.metrics[c.key] ? withBestMark(formatMeanStd(arm.metrics[c.key]!, c.metric), arm, c.key) : '—'))]),
  );
}

function deltaTable(arms: ArmComparison[], summary: MultitaskSummary): string {
  const tasks = summary.tasks.map((t) => t.name);
  return formatTable(
    ['arm', 'architecture', 'weighting', 'budget', 'Δm', ...tasks.map((t) => `Δ ${t}`), ''],
    arms.map((arm) => [
      arm.name,
      arm.architecture ?? '—',
      arm.weighting ?? '—',
      arm.budget,
      arm.baseline ? 'baseline' : withBestMark(formatPercentDelta(arm.deltaM), arm, DELTA_M_COLUMN),
      ...tasks.map((t) => (arm.baseline ? '' : formatPercentDelta(arm.perTaskDelta?.[t]))),
      arm.negativeTransfer && arm.negativeTransfer.length > 0 ? `NEGATIVE TRANSFER: ${arm.negativeTransfer.join(', ')}` : '',
    ]),
  );
}

export function printMultitaskComparison(io: CliIO, comparison: ExperimentComparison, summary: MultitaskSummary): void {
  io.out(experimentTitle(comparison));
  if (comparison.arms.length === 0) {
    io.out('No completed runs to compare yet.');
    return;
  }
  io.out(`\nPer-task test metrics (at each task's best validation epoch):\n`);
  io.out(metricTable(comparison.arms, summary));
  io.out(`\n${summary.convention}\n`);
  io.out(deltaTable(comparison.arms, summary));
  printConventions(io, comparison);
}
