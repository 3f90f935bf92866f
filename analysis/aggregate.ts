// Seed aggregation of curves: runs grouped by a key (the arm, or any config field), and per
// epoch (or step) the mean ± sample std across the group's seeds, with n at each point, since
// runs of different length or with NaN epochs make n vary along the curve.
import type { Series } from '../contract/model.ts';
import { lastValueByKey } from './seriesPoints.ts';
import { summarize } from './stats.ts';

export type AlignBy = 'epoch' | 'step';

/** What a seed band needs of a series; the contract's `Series` satisfies it. */
export type BandSeries = Pick<Series, 'epoch' | 'step' | 'value'>;

/** Parallel arrays, one entry per aligned x, ascending. */
export interface SeedBand {
  align: AlignBy;
  x: number[];
  mean: number[];
  /** Sample std across seeds; 0 where n = 1, NaN where n = 0 (every seed non-finite there). */
  std: number[];
  /** Seeds with a finite value at this x. */
  n: number[];
  /** mean − std and mean + std, the band a chart shades. */
  lower: number[];
  upper: number[];
}

/**
 * Mean ± std across series (one per seed) aligned on epoch or step. A seed's value at an x is
 * the one it logged last there (the end-of-epoch value for per-step series). Pass series of a
 * single (task, split, metric): every series counts as one seed.
 */
export function seedBand(series: readonly BandSeries[], align: AlignBy = 'epoch'): SeedBand {
  const perSeed = series.map((s) => lastValueByKey(align === 'epoch' ? s.epoch : s.step, s.value));
  const xs = new Set<number>();
  for (const values of perSeed) for (const x of values.keys()) if (Number.isFinite(x)) xs.add(x);
  const band: SeedBand = { align, x: [], mean: [], std: [], n: [], lower: [], upper: [] };
  for (const x of [...xs].sort((a, b) => a - b)) {
    const atX: number[] = [];
    for (const values of perSeed) {
      const v = values.get(x);
      if (v !== undefined) atX.push(v);
    }
    const { mean, std, n } = summarize(atX);
    band.x.push(x);
    band.mean.push(mean);
    band.std.push(std);
    band.n.push(n);
    band.lower.push(mean - std);
    band.upper.push(mean + std);
  }
  return band;
}

/** Items grouped by key, groups in the order their first item appears. */
export function groupBy<T, K>(items: readonly T[], keyFn: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyFn(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** The value at a dotted path ("training.lr") in a config; undefined when any step is missing. */
export function configValue(config: unknown, path: string): unknown {
  let current: unknown = config;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Shown for runs whose config lacks the field, so they form one visible group. */
export const UNSET_KEY = '(unset)';

/**
 * A key function grouping runs by a config field. Values become strings so 0.001 and 1e-3 group
 * together while objects compare by content; a missing field gives UNSET_KEY.
 */
export function byConfigPath(path: string): (run: { config: unknown }) => string {
  return (run) => {
    const value = configValue(run.config, path);
    if (value === undefined) return UNSET_KEY;
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
}
