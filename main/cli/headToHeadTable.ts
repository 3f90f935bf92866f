// `graft compare` for a head-to-head experiment: the arms grouped by approach (scratch, transfer,
// multitask) with the target metric, the gain over scratch and the cost, then the verdicts.
import { formatGain, formatMeanStd } from '../../analysis/format.ts';
import type { Approach, ArmComparison, ExperimentComparison, PrimaryMetric } from '../../contract/compare.ts';
import type { CliIO } from './command.ts';
import { VS_BASELINE_COLUMN } from '../../analysis/comparison/bestCells.ts';
import { printConventions, printHeading, withBestMark } from './comparisonText.ts';
import { formatTable } from './table.ts';

const ORDER: Approach[] = ['baseline', 'transfer', 'multitask'];
const TITLE: Record<Approach, string> = { baseline: 'baseline', transfer: 'transfer', multitask: 'multi-task' };

function count(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

function row(arm: ArmComparison, primary: PrimaryMetric): string[] {
  const m = arm.metrics[primary.key];
  const gain = arm.gainVsBaseline;
  return [
    TITLE[arm.approach ?? 'transfer'],
    arm.name,
    arm.budget,
    String(arm.runs),
    m ? withBestMark(formatMeanStd(m, primary.metric), arm, primary.key) : '—',
    arm.approach === 'baseline' ? 'baseline' : gain ? withBestMark(`${formatGain(gain, primary.metric)}${gain.negative ? ' (worse)' : ''}`, arm, VS_BASELINE_COLUMN) : '—',
    count(arm.cost?.wallSeconds, 1),
    count(arm.cost?.samples),
    count(arm.cost?.trainableParams),
  ];
}

export function printHeadToHeadComparison(io: CliIO, comparison: ExperimentComparison): void {
  const primary = printHeading(io, comparison);
  if (!primary) return;
  const arms = [...comparison.arms].sort((a, b) => ORDER.indexOf(a.approach ?? 'transfer') - ORDER.indexOf(b.approach ?? 'transfer'));
  io.out(formatTable(['approach', 'arm', 'budget', 'seeds', primary.key, 'gain vs scratch', 'wall s', 'samples', 'trainable params'], arms.map((a) => row(a, primary))));
  io.out('\nVerdicts:');
  const verdicts = comparison.verdicts ?? [];
  if (verdicts.length === 0) io.out('  none yet (need scratch and a transfer or multitask arm at the same budget)');
  for (const v of verdicts) io.out(`  ${v.sentence}`);
  printConventions(io, comparison);
}
