// The CSV report, two tables for spreadsheets and scripts: the summary (one row per arm and
// budget, the comparison's numbers at full precision) and every metric series of every run in
// long format at full resolution: never downsampled, one row per stored point.
import { csvLine } from './escape.ts';
import type { ReportModel } from './model.ts';
import { buildSummaryTable } from '../../analysis/comparison/summaryTable.ts';

const SERIES_HEADER = ['run', 'arm', 'seed', 'budget', 'task', 'split', 'metric', 'epoch', 'step', 'time', 'value'] as const;

export function renderSummaryCsv(model: ReportModel): string {
  const table = buildSummaryTable(model.comparison);
  const metricColumns = table.columns.flatMap((c) => (c.kind === 'metric' ? [c.key] : []));
  const hasDeltaM = table.columns.some((c) => c.kind === 'deltaM');
  const header = [
    'arm',
    'budget',
    'strategy',
    'baseline',
    'runs',
    'seeds',
    ...metricColumns.flatMap((key) => [`${key} mean`, `${key} std`, `${key} n`]),
    'gain_abs',
    'gain_rel',
    'negative_transfer',
    // Multitask comparisons only: Δm in %, LibMTL convention (positive = better than single-task).
    ...(hasDeltaM ? ['delta_m_percent', 'negative_transfer_tasks'] : []),
  ];
  const lines = [csvLine(header)];
  for (const arm of model.comparison.arms) {
    const gain = arm.transferGain;
    lines.push(
      csvLine([
        arm.name,
        arm.budget,
        arm.strategy,
        arm.baseline,
        arm.runs,
        arm.seeds.join(' '),
        ...metricColumns.flatMap((key) => {
          const m = arm.metrics[key];
          return m ? [m.mean, m.std, m.n] : [null, null, null];
        }),
        gain?.abs ?? null,
        gain?.rel ?? null,
        gain ? gain.negative : null,
        ...(hasDeltaM ? [arm.deltaM ?? null, (arm.negativeTransfer ?? []).join(' ')] : []),
      ]),
    );
  }
  return lines.join('');
}

/**
 * Rows in store order: by run id, then task, split, metric, then step. Yielded one series at a
 * time, so millions of points are written to the file in chunks instead of one giant string.
 */
export function* seriesCsvChunks(model: ReportModel): Generator<string> {
  const runs = new Map(model.runs.map((r) => [r.id, r]));
  yield csvLine([...SERIES_HEADER]);
  for (const s of model.series) {
    const run = runs.get(s.runId);
    const lines: string[] = [];
    for (let i = 0; i < s.value.length; i++) {
      lines.push(
        csvLine([s.runId, run?.arm ?? null, run?.seed ?? null, run?.budget ?? null, s.task, s.split, s.metric, s.epoch[i] ?? null, s.step[i] ?? null, s.time[i] ?? null, s.value[i] ?? null]),
      );
    }
    yield lines.join('');
  }
}
