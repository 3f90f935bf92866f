// What each chart of a report shows, as data: no drawing here, so the chart list can be tested
// without a canvas and grown by adding a builder (multi-task learning adds task-weight charts by
// appending to CHART_BUILDERS). Renderers turn a ChartSpec into pixels (render.ts).
import { seedBand } from '../../../analysis/aggregate.ts';
import { downsampleIndices } from '../../../analysis/downsample.ts';
import { isFractionMetric } from '../../../analysis/format.ts';
import type { Series } from '../../../contract/model.ts';
import { sortBudgets } from '../../../analysis/budgets.ts';
import { isComparedRun } from '../../../analysis/comparison/arms.ts';
import { armColor, armColors } from '../../../analysis/armColors.ts';
import type { ReportModel } from '../model.ts';

export interface ChartLine {
  label: string;
  /** The arm's fixed colour (analysis/armColors.ts), "#rrggbb": the same as in the app. */
  color: string;
  /** Dash pattern slot: the label budget's position, 0 = solid. */
  dash: number;
  x: number[];
  y: number[];
  /** The shaded band (mean ± std over seeds), when the line is a seed mean. */
  lower?: number[];
  upper?: number[];
}

export interface ChartSpec {
  /** Stable within a report; also names the PNG file beside a Markdown report. */
  id: string;
  title: string;
  /** One sentence under the chart saying what it shows. */
  caption: string;
  xLabel: string;
  yLabel: string;
  /** Category labels when x holds their indices (label budgets); absent for a numeric x. */
  xCategories?: string[];
  /** Fractions drawn as percentages (accuracy-like metrics). */
  yPercent: boolean;
  lines: ChartLine[];
}

export type ChartBuilder = (model: ReportModel) => ChartSpec[];

/** A chart line of an epoch curve never needs more points than a chart has pixels. */
const MAX_POINTS_PER_LINE = 1000;
const SPLIT_ORDER = ['train', 'val', 'test'];

/** Runs the summary's numbers come from: completed and not the pretraining source (as compareExperiment does). */
function comparedRuns(model: ReportModel) {
  return model.runs.filter(isComparedRun);
}

function groupLabel(arm: string, budget: string, budgets: number): string {
  return budgets > 1 ? `${arm} · ${budget}` : arm;
}

/** Training curves: per task, metric and split, one line per arm (and budget) with its seed band. */
export const curveCharts: ChartBuilder = (model) => {
  const runs = comparedRuns(model);
  const runById = new Map(runs.map((r) => [r.id, r]));
  const byKey = new Map<string, Series[]>();
  for (const s of model.series) {
    if (s.task.startsWith('_') || !runById.has(s.runId)) continue;
    const key = JSON.stringify([s.task, s.metric, s.split]);
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  const primaryMetric = model.comparison.primary?.metric;
  const keys = [...byKey.keys()].map((k) => JSON.parse(k) as [string, string, string]);
  keys.sort(([ta, ma, sa], [tb, mb, sb]) =>
    ta.localeCompare(tb) || Number(mb === primaryMetric) - Number(ma === primaryMetric) || ma.localeCompare(mb) || (SPLIT_ORDER.indexOf(sa) >>> 0) - (SPLIT_ORDER.indexOf(sb) >>> 0),
  );
  const groups = model.comparison.arms.map((a) => ({ arm: a.name, budget: a.budget }));
  const colors = armColors(model.comparison.arms);
  const budgetNames = sortBudgets(groups.map((g) => g.budget));
  const budgets = budgetNames.length;
  return keys.map(([task, metric, split], i): ChartSpec => {
    const series = byKey.get(JSON.stringify([task, metric, split])) ?? [];
    const lines = groups.flatMap(({ arm, budget }): ChartLine[] => {
      const own = series.filter((s) => {
        const run = runById.get(s.runId);
        return run?.arm === arm && run.budget === budget;
      });
      if (own.length === 0) return [];
      const band = seedBand(own, 'epoch');
      const keep = downsampleIndices(band.x, band.mean, MAX_POINTS_PER_LINE);
      const pick = (values: number[]) => keep.map((k) => values[k] ?? Number.NaN);
      return [{ label: groupLabel(arm, budget, budgets), color: armColor(colors, arm), dash: budgetNames.indexOf(budget), x: pick(band.x), y: pick(band.mean), lower: pick(band.lower), upper: pick(band.upper) }];
    });
    return {
      id: `curve-${i + 1}`,
      title: `${task} · ${split} ${metric}`,
      caption: `${split} ${metric} of task ${task} by epoch: mean over seeds per arm, shaded ± one sample std.`,
      xLabel: 'epoch',
      yLabel: metric,
      yPercent: isFractionMetric(metric),
      lines,
    };
  });
};

/** Primary test metric against label budget, one line per arm: how much each arm saves in labels. */
export const labelEfficiencyChart: ChartBuilder = (model) => {
  const primary = model.comparison.primary;
  const budgets = sortBudgets(model.comparison.arms.map((a) => a.budget));
  if (!primary || budgets.length < 2) return [];
  const arms = [...new Set(model.comparison.arms.map((a) => a.name))];
  const colors = armColors(model.comparison.arms);
  const lines = arms.map((name): ChartLine => {
    const at = budgets.map((budget) => model.comparison.arms.find((a) => a.name === name && a.budget === budget)?.metrics[primary.key]);
    const mean = at.map((m) => m?.mean ?? Number.NaN);
    const std = at.map((m) => m?.std ?? Number.NaN);
    return {
      label: name,
      color: armColor(colors, name),
      dash: 0,
      x: budgets.map((_, i) => i),
      y: mean,
      lower: mean.map((m, i) => m - (std[i] ?? Number.NaN)),
      upper: mean.map((m, i) => m + (std[i] ?? Number.NaN)),
    };
  });
  return [
    {
      id: 'label-efficiency',
      title: `Label efficiency · ${primary.key.replaceAll('/', ' ')}`,
      caption: `${primary.key.replaceAll('/', ' ')} (the summary's numbers) at each label budget, one line per arm, shaded ± one sample std over seeds.`,
      xLabel: 'label budget',
      yLabel: primary.metric,
      xCategories: budgets,
      yPercent: isFractionMetric(primary.metric),
      lines,
    },
  ];
};

/** Every chart of a report, in order. Append builders here (task weights, gradient cosine). */
export const CHART_BUILDERS: ChartBuilder[] = [labelEfficiencyChart, curveCharts];

export function chartSpecs(model: ReportModel, builders: readonly ChartBuilder[] = CHART_BUILDERS): ChartSpec[] {
  return builders.flatMap((build) => build(model));
}
