// The summary table every format prints: one row per (arm, budget), a column per metric with
// mean ± std over seeds, and the transfer gain. Cells are text already formatted by
// analysis/format.ts, plus flags (best in column, negative transfer) each format marks its way.
// "Best" is the comparison's own mark (ArmComparison.best, decided by best.ts), never re-ranked here.
import { formatDeltaMSpread, formatGain, formatGainInterval, formatMeanStd, formatPercentDelta } from '../format.ts';
import { metricDirection, type MetricDirection } from '../metricDirection.ts';
import { compareBudgets } from '../budgets.ts';
import type { ArmComparison, ExperimentComparison, GainSummary, MetricSummary } from '../../contract/compare.ts';
import { BEST_RULE, DELTA_M_COLUMN, GAIN_COLUMN, VS_BASELINE_COLUMN } from './bestCells.ts';

export type SummaryColumn =
  | { kind: 'arm' | 'budget' | 'seeds'; label: string }
  | { kind: 'metric'; label: string; key: string; task: string; split: string; metric: string; direction: MetricDirection }
  | { kind: 'gain'; label: string; metric: string }
  /** Head-to-head: either approach against the scratch baseline. */
  | { kind: 'vsBaseline'; label: string; metric: string }
  /** Multitask: Δm against single-task, in %. */
  | { kind: 'deltaM'; label: string };

export interface SummaryCell {
  text: string;
  /** Marked best of its column at its label budget (the comparison's ArmComparison.best). */
  best: boolean;
  /** A transfer gain worse than scratch by more than the seeds' noise. */
  negative: boolean;
  /** The numbers behind the text, for machine-readable outputs and tests. */
  metric?: MetricSummary;
  gain?: GainSummary;
  deltaM?: number;
}


export interface SummaryTable {
  columns: SummaryColumn[];
  rows: { arm: ArmComparison; cells: SummaryCell[] }[];
  /** Sentences printed under the table: the comparison's conventions and what the marks mean. */
  notes: string[];
  /** Head-to-head verdicts, as the comparison words them. */
  verdicts: string[];
}

const SPLIT_ORDER = ['test', 'val', 'train'];

/** Every metric key of the arms in table order: the primary first, then test, val, train, then by task and metric. */
export function metricColumnKeys(arms: readonly ArmComparison[], primaryKey: string | null): string[] {
  const keys = new Set<string>();
  for (const arm of arms) for (const key of Object.keys(arm.metrics)) keys.add(key);
  const rank = (key: string): [number, number, string] => {
    const [task = '', split = '', ...rest] = key.split('/');
    return [key === primaryKey ? 0 : 1, SPLIT_ORDER.indexOf(split) >>> 0, `${task}/${rest.join('/')}`];
  };
  return [...keys].sort((a, b) => {
    const [a0, a1, a2] = rank(a);
    const [b0, b1, b2] = rank(b);
    return a0 - b0 || a1 - b1 || a2.localeCompare(b2);
  });
}

function metricColumns(comparison: TabulatedComparison, splits: readonly string[] | undefined): SummaryColumn[] {
  return metricColumnKeys(comparison.arms, comparison.primary?.key ?? null).flatMap((key): SummaryColumn[] => {
    const [task = '', split = '', ...rest] = key.split('/');
    const metric = rest.join('/');
    if (splits && !splits.includes(split)) return [];
    return [{ kind: 'metric', label: `${task} ${split} ${metric}`, key, task, split, metric, direction: metricDirection(metric) }];
  });
}

function cellOf(column: SummaryColumn, arm: ArmComparison): SummaryCell {
  const id = bestId(column);
  const cell: SummaryCell = { text: '—', best: id !== null && (arm.best ?? []).includes(id), negative: false };
  if (column.kind === 'arm') cell.text = arm.name;
  else if (column.kind === 'budget') cell.text = arm.budget;
  else if (column.kind === 'seeds') cell.text = String(arm.runs);
  else if (column.kind === 'metric') {
    const summary = arm.metrics[column.key];
    if (summary) {
      cell.text = formatMeanStd(summary, column.metric);
      cell.metric = summary;
    }
  } else if (column.kind === 'gain' || column.kind === 'vsBaseline') {
    const gain = column.kind === 'gain' ? arm.transferGain : arm.gainVsBaseline;
    const isBaseline = column.kind === 'gain' ? arm.baseline : arm.approach === 'baseline';
    if (isBaseline) cell.text = 'baseline';
    else if (gain) {
      cell.text = formatGain(gain, column.metric) + formatGainInterval(gain.ci95, column.metric);
      cell.gain = gain;
      cell.negative = gain.negative;
    }
  } else if (column.kind === 'deltaM') {
    if (arm.baseline) cell.text = 'baseline';
    else if (typeof arm.deltaM === 'number') {
      cell.text = formatPercentDelta(arm.deltaM) + formatDeltaMSpread(arm.deltaMSpread);
      cell.deltaM = arm.deltaM;
      const worse = arm.negativeTransfer ?? [];
      cell.negative = worse.length > 0;
      if (cell.negative) cell.text += ` (worse: ${worse.join(', ')})`;
    }
  }
  return cell;
}

/** The column's id in ArmComparison.best: the metric key, or the field a gain or Δm column shows. */
function bestId(column: SummaryColumn): string | null {
  if (column.kind === 'metric') return column.key;
  if (column.kind === 'gain') return GAIN_COLUMN;
  if (column.kind === 'vsBaseline') return VS_BASELINE_COLUMN;
  if (column.kind === 'deltaM') return DELTA_M_COLUMN;
  return null;
}

/** `splits` keeps only metric columns of those splits (LaTeX prints the test split, as papers do). */
/** What the table reads of a comparison: an experiment's, or selected runs' (RunsComparison). */
export type TabulatedComparison = Pick<ExperimentComparison, 'primary' | 'conventions' | 'arms' | 'verdicts'>;

export function buildSummaryTable(comparison: TabulatedComparison, options: { splits?: readonly string[] } = {}): SummaryTable {
  const columns: SummaryColumn[] = [
    { kind: 'arm', label: 'Arm' },
    { kind: 'budget', label: 'Budget' },
    { kind: 'seeds', label: 'Seeds' },
    ...metricColumns(comparison, options.splits),
  ];
  const primary = comparison.primary;
  const hasGain = comparison.arms.some((a) => a.transferGain !== null);
  if (primary && hasGain) {
    // Beside the primary metric it is computed from, so the two read together (and stay together
    // when a page is too narrow for every column).
    const at = columns.findIndex((c) => c.kind === 'metric' && c.key === primary.key);
    const gain: SummaryColumn = { kind: 'gain', label: `Gain vs scratch (${primary.key.replaceAll('/', ' ')})`, metric: primary.metric };
    columns.splice(at >= 0 ? at + 1 : columns.length, 0, gain);
  }
  if (primary && comparison.arms.some((a) => a.gainVsBaseline !== undefined)) {
    columns.push({ kind: 'vsBaseline', label: `Gain vs scratch baseline (${primary.key.replaceAll('/', ' ')})`, metric: primary.metric });
  }
  const hasDeltaM = comparison.arms.some((a) => a.deltaM !== undefined);
  if (hasDeltaM) columns.splice(3, 0, { kind: 'deltaM', label: 'Δm vs single-task (%)' });
  const table: SummaryTable = {
    columns,
    // Grouped by budget (stable: arms keep their order), since "best" is decided within a budget.
    rows: [...comparison.arms]
      .sort((a, b) => compareBudgets(a.budget, b.budget))
      .map((arm) => ({ arm, cells: columns.map((column) => cellOf(column, arm)) })),
    notes: [
      ...comparison.conventions,
      `${BEST_RULE} It is marked in bold.`,
      ...(hasGain || hasDeltaM ? ['Negative transfer is marked ▼.'] : []),
    ],
    verdicts: (comparison.verdicts ?? []).map((v) => v.sentence),
  };
  return table;
}
