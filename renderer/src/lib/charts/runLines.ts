// A single run's charts: one per task metric, a line per split (train, val, test).
import type { Series } from '../../../../contract/model.ts';
import { metricKeys, xsOf, type XAxis } from '../compare/curves.ts';
import type { ChartLine } from './lines.ts';
import { colorAt } from './palette.ts';

export interface RunChart {
  title: string;
  metric: string;
  lines: ChartLine[];
}

const SPLIT_COLOR: Record<string, number> = { train: 0, val: 1, test: 2 };

export function runCharts(series: readonly Series[], axis: XAxis): RunChart[] {
  const charts = new Map<string, RunChart>();
  for (const key of metricKeys(series)) {
    const s = series.find((x) => x.task === key.task && x.split === key.split && x.metric === key.metric);
    if (!s) continue;
    const id = `${key.task}/${key.metric}`;
    const chart = charts.get(id) ?? { title: `${key.task} · ${key.metric}`, metric: key.metric, lines: [] };
    charts.set(id, chart);
    const xs = xsOf(s, axis);
    chart.lines.push({
      label: key.split,
      color: colorAt(SPLIT_COLOR[key.split] ?? chart.lines.length + 3),
      role: 'mean',
      points: xs.map((x, i) => ({ x, y: s.value[i] ?? Number.NaN })),
    });
  }
  return [...charts.values()];
}
