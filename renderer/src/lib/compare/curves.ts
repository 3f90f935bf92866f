// Curves for the compare charts: runs grouped (by arm, or any config field), each group's
// mean ± std band across seeds, the individual runs, on the x-axis the user picked, with
// TensorBoard's EMA applied and the raw curve kept for drawing faint behind.
import { groupBy, seedBand, type BandSeries } from '../../../../analysis/aggregate.ts';
import { lastValueByKey } from '../../../../analysis/seriesPoints.ts';
import { ema } from '../../../../analysis/smoothing.ts';
import type { Series } from '../../../../contract/model.ts';

export type XAxis = 'epoch' | 'step' | 'time';
export interface Point {
  x: number;
  y: number;
}

export interface RunCurve {
  runId: number;
  raw: Point[];
  smoothed: Point[];
}

export interface CurveGroup {
  key: string;
  runIds: number[];
  raw: Point[];
  /** The mean line after smoothing. */
  mean: Point[];
  /** mean ± std, smoothed with the mean so the band stays around the line drawn. */
  lower: Point[];
  upper: Point[];
  runs: RunCurve[];
}

export interface SeriesKeyParts {
  task: string;
  split: string;
  metric: string;
}

export function seriesKey(s: SeriesKeyParts): string {
  return `${s.task}/${s.split}/${s.metric}`;
}

const SPLIT_ORDER = ['test', 'val', 'train'];

/** The task metrics present, tasks in first-seen order, then metric, then test/val/train. Run-level series (task "_…") are left out. */
export function metricKeys(series: readonly SeriesKeyParts[]): SeriesKeyParts[] {
  const seen = new Map<string, SeriesKeyParts>();
  for (const s of series) if (!s.task.startsWith('_') && !seen.has(seriesKey(s))) seen.set(seriesKey(s), { task: s.task, split: s.split, metric: s.metric });
  const tasks = [...new Set([...seen.values()].map((k) => k.task))];
  const splitRank = (split: string) => (SPLIT_ORDER.includes(split) ? SPLIT_ORDER.indexOf(split) : SPLIT_ORDER.length);
  return [...seen.values()].sort(
    (a, b) => tasks.indexOf(a.task) - tasks.indexOf(b.task) || a.metric.localeCompare(b.metric) || splitRank(a.split) - splitRank(b.split) || a.split.localeCompare(b.split),
  );
}

/** How each x-axis is titled on a chart. */
export const X_LABEL: Record<XAxis, string> = { epoch: 'epoch', step: 'step', time: 'wall time (s)' };

/** A series' x values on the given axis. */
export function xsOf(s: Pick<Series, 'epoch' | 'step' | 'time'>, axis: XAxis): number[] {
  return axis === 'epoch' ? s.epoch : axis === 'step' ? s.step : s.time;
}

function points(xs: readonly number[], ys: readonly number[]): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x !== undefined && y !== undefined && Number.isFinite(x)) out.push({ x, y });
  }
  return out;
}

/** The same points with y smoothed by TensorBoard's EMA (weight 0 = raw). */
export function smooth(raw: readonly Point[], weight: number): Point[] {
  const ys = ema(
    raw.map((p) => p.y),
    weight,
  );
  return raw.map((p, i) => ({ x: p.x, y: ys[i] ?? p.y }));
}

/**
 * Wall time differs between seeds, so bands are aligned on epoch; on the time axis each
 * epoch sits at the group's mean time of that epoch.
 */
function bandX(group: readonly Series[], axis: XAxis, band: { x: number[] }): number[] {
  if (axis !== 'time') return band.x;
  const timesByEpoch = group.map((s) => lastValueByKey(s.epoch, s.time));
  return band.x.map((epoch) => {
    const times = timesByEpoch.map((m) => m.get(epoch)).filter((t): t is number => t !== undefined && Number.isFinite(t));
    return times.length > 0 ? times.reduce((a, b) => a + b, 0) / times.length : Number.NaN;
  });
}

/**
 * One curve group per key of `keyFn`, in the order runs are given. `series` should hold one
 * (task, split, metric); runs without a series there are left out.
 */
export function curveGroups<R extends { id: number }>(
  runs: readonly R[],
  series: readonly Series[],
  keyFn: (run: R) => string,
  options: { axis: XAxis; smoothing: number },
): CurveGroup[] {
  const byRun = new Map(series.map((s) => [s.runId, s]));
  const groups: CurveGroup[] = [];
  for (const [key, members] of groupBy(runs, keyFn)) {
    const groupSeries = members.flatMap((r) => {
      const s = byRun.get(r.id);
      return s ? [s] : [];
    });
    if (groupSeries.length === 0) continue;
    const band = seedBand(groupSeries as BandSeries[], options.axis === 'step' ? 'step' : 'epoch');
    const xs = bandX(groupSeries, options.axis, band);
    const raw = points(xs, band.mean);
    const mean = smooth(raw, options.smoothing);
    // The band is drawn around the smoothed mean: its half-width is the std at each x.
    const std = band.std;
    groups.push({
      key,
      runIds: groupSeries.map((s) => s.runId),
      raw,
      mean,
      lower: mean.map((p, i) => ({ x: p.x, y: p.y - (Number.isFinite(std[i]) ? (std[i] as number) : 0) })),
      upper: mean.map((p, i) => ({ x: p.x, y: p.y + (Number.isFinite(std[i]) ? (std[i] as number) : 0) })),
      runs: groupSeries.map((s) => {
        const runRaw = points(xsOf(s, options.axis), s.value);
        return { runId: s.runId, raw: runRaw, smoothed: smooth(runRaw, options.smoothing) };
      }),
    });
  }
  return groups;
}
