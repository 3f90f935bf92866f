// What the compare and run charts draw, as plain data; LineChart turns it into Chart.js
// datasets. A group is a mean line with a shaded ± std band, its raw curve faint behind when
// smoothed, and — on demand — its individual runs thin.
import type { CurveGroup, Point } from '../compare/curves.ts';
import { colorAt, withAlpha } from './palette.ts';

export interface ChartLine {
  label: string;
  points: Point[];
  color: string;
  role: 'mean' | 'raw' | 'run' | 'band-upper' | 'band-lower';
  /** Dash pattern slot (a label budget's place), 0 = solid. */
  dash?: number;
  /** A mean line's mean + std at each of its points (the band's upper edge): tooltips and error bars read ± std from it. */
  spread?: Point[];
}

/** Whether every line of a chart is one flat value (task weights fixed at 1.0): nothing to see. */
export function isConstantChart(groups: readonly { mean: readonly Point[] }[]): boolean {
  const ys = groups.flatMap((g) => g.mean.map((p) => p.y)).filter(Number.isFinite);
  return ys.length > 0 && ys.every((y) => Math.abs(y - (ys[0] as number)) <= 1e-9 * Math.max(1, Math.abs(ys[0] as number)));
}

/** Label budgets of one arm: solid, dashed, dotted, dash-dot (as in the reports' charts). */
export const DASHES: number[][] = [[], [7, 4], [2, 3], [10, 3, 2, 3]];

export interface GroupLineOptions {
  smoothed: boolean;
  showRuns: boolean;
  runLabel: (runId: number) => string;
  /** A group's colour by its key, so a group keeps its colour across charts that lack some groups; default by position. */
  colorOf?: (key: string) => string | undefined;
  /** A group's dash slot by its key (budgets of one arm); default solid. */
  dashOf?: (key: string) => number;
}

export function groupLines(groups: readonly CurveGroup[], options: GroupLineOptions): ChartLine[] {
  const lines: ChartLine[] = [];
  groups.forEach((group, i) => {
    const color = options.colorOf?.(group.key) ?? colorAt(i);
    const dash = options.dashOf?.(group.key) ?? 0;
    if (group.runIds.length > 1) {
      lines.push({ label: `${group.key} +std`, points: group.upper, color: withAlpha(color, 0.18), role: 'band-upper' });
      lines.push({ label: `${group.key} −std`, points: group.lower, color: withAlpha(color, 0.18), role: 'band-lower' });
    }
    if (options.smoothed) lines.push({ label: `${group.key} (raw)`, points: group.raw, color: withAlpha(color, 0.3), role: 'raw' });
    if (options.showRuns) {
      for (const run of group.runs) lines.push({ label: options.runLabel(run.runId), points: run.smoothed, color: withAlpha(color, 0.55), role: 'run' });
    }
    lines.push({ label: `${group.key} (n=${group.runIds.length})`, points: group.mean, color, role: 'mean', dash, ...(group.runIds.length > 1 ? { spread: group.upper } : {}) });
  });
  return lines;
}
