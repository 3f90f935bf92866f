// The chart list: a label-efficiency chart when there are several budgets, a curve per task,
// metric and split with each arm's seed band, and room for more builders.
import { describe, expect, it } from 'vitest';
import { seedBand } from '../../../analysis/aggregate.ts';
import type { ReportModel } from '../model.ts';
import { seededReportModel } from '../../../tests/support/reportModel.ts';
import { BUDGETS, EPOCHS } from '../testing.ts';
import { chartSpecs, CHART_BUILDERS, curveCharts, labelEfficiencyChart, type ChartBuilder } from './specs.ts';
import { renderChartPng } from './render.ts';
import { PNG } from 'pngjs';
import { armColors } from '../../../analysis/armColors.ts';

const model = seededReportModel();

describe('chart specs', () => {
  it('draws label efficiency from the comparison, budgets fewest labels first', () => {
    const [chart] = labelEfficiencyChart(model);
    expect(chart?.xCategories).toEqual(BUDGETS);
    const fineTune = chart?.lines.find((l) => l.label === 'fine-tune');
    const expected = BUDGETS.map((b) => model.comparison.arms.find((a) => a.name === 'fine-tune' && a.budget === b)?.metrics['target/test/accuracy']?.mean);
    expect(fineTune?.y).toEqual(expected);
  });

  it('draws no label-efficiency chart for a single budget', () => {
    const single: ReportModel = { ...model, comparison: { ...model.comparison, arms: model.comparison.arms.filter((a) => a.budget === 'all') } };
    expect(labelEfficiencyChart(single)).toEqual([]);
  });

  it('draws a curve per task, metric and split, each line the seed band of completed runs', () => {
    const curves = curveCharts(model);
    expect(curves.map((c) => c.title)).toEqual([
      'target · train accuracy',
      'target · val accuracy',
      'target · test accuracy',
      'target · train loss',
      'target · val loss',
      'target · test loss',
    ]);
    const testAccuracy = curves[2];
    expect(testAccuracy?.lines).toHaveLength(8); // 4 arms × 2 budgets
    const line = testAccuracy?.lines.find((l) => l.label === 'scratch · 50/class');
    const runIds = new Set(model.runs.filter((r) => r.arm === 'scratch' && r.budget === '50/class' && r.status === 'completed').map((r) => r.id));
    expect(runIds.size).toBe(3); // the failed and queued seed-9 runs stay out
    const band = seedBand(model.series.filter((s) => runIds.has(s.runId) && s.split === 'test' && s.metric === 'accuracy'));
    expect(line?.x).toEqual(band.x);
    expect(line?.y).toEqual(band.mean);
    expect(line?.upper).toEqual(band.upper);
    expect(line?.x).toHaveLength(EPOCHS);
  });

  it('takes extra builders, and renders a spec to a PNG', () => {
    const extra: ChartBuilder = () => [{ id: 'task-weights', title: 'Task weights', caption: 'c', xLabel: 'epoch', yLabel: 'weight', yPercent: false, lines: [{ label: 'a', color: '#4e79a7', dash: 0, x: [0, 1], y: [0.5, 0.7] }] }];
    const specs = chartSpecs(model, [...CHART_BUILDERS, extra]);
    expect(specs.at(-1)?.id).toBe('task-weights');
    const png = renderChartPng(specs.at(-1) ?? specs[0]!);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  });

  it('draws each arm in its fixed colour (analysis/armColors.ts), the same in every chart, and the PNG holds those pixels', () => {
    const colors = armColors(model.comparison.arms);
    const specs = chartSpecs(model);
    for (const spec of specs) {
      for (const line of spec.lines) expect(line.color).toBe(colors.get(line.label.split(' · ')[0] as string));
    }
    const [efficiency] = labelEfficiencyChart(model);
    const image = PNG.sync.read(renderChartPng(efficiency!));
    const seen = new Set<string>();
    for (let i = 0; i < image.data.length; i += 4) {
      const hex = `#${[image.data[i], image.data[i + 1], image.data[i + 2]].map((v) => (v as number).toString(16).padStart(2, '0')).join('')}`;
      seen.add(hex);
    }
    expect(colors.size).toBe(4);
    for (const color of colors.values()) expect(seen).toContain(color);
  });
});
