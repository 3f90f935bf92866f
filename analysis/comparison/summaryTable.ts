// The summary table every format prints: one row per (arm, budget), a column per metric with
// mean ± std over seeds, and the transfer gain. Cells are text already formatted by
// analysis/format.ts, plus flags (best in column, negative transfer) each format marks its way.
import { formatGain, formatMeanStd, formatPercentDelta } from '../format.ts';
import { metricDirection, type MetricDirection } from '../metricDirection.ts';
import { compareBudgets } from '../budgets.ts';
import type { ArmComparison, ExperimentComparison, GainSummary, MetricSummary } from '../../contract/compare.ts';

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
  /** Best value of its column among the rows of the same label budget. */
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

function metricColumns(comparison: ExperimentComparison, splits: readonly string[] | undefined): SummaryColumn[] {
  const keys = new Set<string>();
  for (const arm of comparison.arms) for (const key of Object.keys(arm.metrics)) keys.add(key);
  const columns = [...keys].flatMap((key): SummaryColumn[] => {
    const [task = '', split = '', ...rest] = key.split('/');
    const metric = rest.join('/');
    if (splits && !splits.includes(split)) return [];
    return [{ kind: 'metric', label: `${task} ${split} ${metric}`, key, task, split, metric, direction: metricDirection(metric) }];
  });
  const rank = (c: SummaryColumn): [number, number, string] =>
    c.kind !== 'metric' ? [9, 9, ''] : [c.key === comparison.primary?.key ? 0 : 1, SPLIT_ORDER.indexOf(c.split) >>> 0, `${c.task}/${c.metric}`];
  return columns.sort((a, b) => {
    const [a0, a1, a2] = rank(a);
    const [b0, b1, b2] = rank(b);
    return a0 - b0 || a1 - b1 || a2.localeCompare(b2);
  });
}

function cellOf(column: SummaryColumn, arm: ArmComparison): SummaryCell {
  const cell: SummaryCell = { text: '—', best: false, negative: false };
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
      cell.text = formatGain(gain, column.metric);
      cell.gain = gain;
      cell.negative = gain.negative;
    }
  } else if (column.kind === 'deltaM') {
    if (arm.baseline) cell.text = 'baseline';
    else if (typeof arm.deltaM === 'number') {
      cell.text = formatPercentDelta(arm.deltaM);
      cell.deltaM = arm.deltaM;
      const worse = arm.negativeTransfer ?? [];
      cell.negative = worse.length > 0;
      if (cell.negative) cell.text += ` (worse: ${worse.join(', ')})`;
    }
  }
  return cell;
}

/** Oriented so higher = better, or undefined when the cell has no number to rank. */
function score(column: SummaryColumn, cell: SummaryCell): number | undefined {
  if (column.kind === 'metric' && cell.metric && Number.isFinite(cell.metric.mean)) {
    return column.direction === 'max' ? cell.metric.mean : -cell.metric.mean;
  }
  if ((column.kind === 'gain' || column.kind === 'vsBaseline') && cell.gain && Number.isFinite(cell.gain.abs)) return cell.gain.abs;
  if (column.kind === 'deltaM' && cell.deltaM !== undefined && Number.isFinite(cell.deltaM)) return cell.deltaM;
  return undefined;
}

/** Marks the best cell per column within each budget; ties are all marked, a lone candidate is not. */
function markBest(table: SummaryTable): void {
  const budgets = new Set(table.rows.map((r) => r.arm.budget));
  table.columns.forEach((column, c) => {
    for (const budget of budgets) {
      const scored = table.rows
        .filter((r) => r.arm.budget === budget)
        .map((r) => ({ cell: r.cells[c], value: r.cells[c] ? score(column, r.cells[c]) : undefined }))
        .filter((s): s is { cell: SummaryCell; value: number } => s.cell !== undefined && s.value !== undefined);
      if (scored.length < 2) continue;
      const best = Math.max(...scored.map((s) => s.value));
      for (const s of scored) if (s.value === best) s.cell.best = true;
    }
  });
}

/** `splits` keeps only metric columns of those splits (LaTeX prints the test split, as papers do). */
export function buildSummaryTable(comparison: ExperimentComparison, options: { splits?: readonly string[] } = {}): SummaryTable {
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
      'Best value per column within each label budget is marked in bold.',
      ...(hasGain || hasDeltaM ? ['Negative transfer is marked ▼.'] : []),
    ],
    verdicts: (comparison.verdicts ?? []).map((v) => v.sentence),
  };
  markBest(table);
  return table;
}
