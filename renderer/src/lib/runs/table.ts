// The runs table's logic: filters, sorting, and the last / best / min of a chosen metric.
import { metricDirection } from '../../../../analysis/metricDirection.ts';
import { seriesMetrics } from '../../../../analysis/runMetrics.ts';
import type { RunStatus, RunSummary, Series } from '../../../../contract/model.ts';

export interface RunFilters {
  status: RunStatus | '';
  arm: string;
  tag: string;
  text: string;
}

export const NO_FILTERS: RunFilters = { status: '', arm: '', tag: '', text: '' };

/** Free text matches id, arm, budget, seed, status, tags, note and error. */
export function filterRuns<R extends RunSummary>(runs: readonly R[], f: RunFilters, experimentName?: (id: number) => string): R[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return runs.filter((run) => {
    if (f.status && run.status !== f.status) return false;
    if (f.arm && run.arm !== f.arm) return false;
    if (f.tag && !run.tags.includes(f.tag)) return false;
    if (words.length === 0) return true;
    const haystack = [`#${run.id}`, run.arm, run.budget, `seed ${run.seed}`, run.status, ...run.tags, run.note, run.error ?? '', experimentName?.(run.experimentId) ?? '']
      .join(' ')
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

export interface MetricStats {
  last: number;
  best: number;
  min: number;
}

/**
 * The table's figures are analysis' seriesMetrics, as in the compare view and the reports: a run
 * whose last value is not finite (it diverged) has no last value, and shows "—" there. Min/max
 * downsampling keeps the last point, the min and the max, so these are exact on a downsampled
 * series. Null when the series has no finite value.
 */
export function metricStats(series: Pick<Series, 'epoch' | 'value' | 'metric'>): MetricStats | null {
  const m = seriesMetrics(series, metricDirection(series.metric));
  return m.n === 0 ? null : { last: m.last, best: m.best, min: m.min };
}

/** The metric most runs have (test split first among equals): the table's first choice. */
export function defaultMetric<K extends { task: string; split: string; metric: string }>(keys: readonly K[], series: readonly (K & { runId: number })[]): K | null {
  const runsWith = (k: K) => new Set(series.filter((s) => s.task === k.task && s.split === k.split && s.metric === k.metric).map((s) => s.runId)).size;
  let best: K | null = null;
  let bestCount = 0;
  for (const k of keys) {
    const n = runsWith(k);
    if (n > bestCount) [best, bestCount] = [k, n];
  }
  return best;
}

export type SortKey = 'id' | 'experiment' | 'arm' | 'seed' | 'budget' | 'status' | 'epochs' | 'last' | 'best' | 'min' | 'created';
export interface SortState {
  key: SortKey;
  direction: 'asc' | 'desc';
}

export function sortRuns<R extends RunSummary>(
  runs: readonly R[],
  sort: SortState,
  stats: ReadonlyMap<number, MetricStats>,
  experimentName: (id: number) => string = String,
): R[] {
  const value = (run: R): number | string => {
    switch (sort.key) {
      case 'id':
        return run.id;
      case 'experiment':
        return experimentName(run.experimentId);
      case 'arm':
        return run.arm;
      case 'seed':
        return run.seed;
      case 'budget':
        return run.budget;
      case 'status':
        return run.status;
      case 'epochs':
        return run.epochsDone;
      case 'created':
        return run.createdAt;
      default:
        return stats.get(run.id)?.[sort.key] ?? Number.NaN;
    }
  };
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...runs].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    // Runs without the metric go last whichever way the column sorts.
    const na = typeof va === 'number' && Number.isNaN(va);
    const nb = typeof vb === 'number' && Number.isNaN(vb);
    if (na || nb) return na && nb ? a.id - b.id : na ? 1 : -1;
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb), undefined, { numeric: true });
    return c * sign || a.id - b.id;
  });
}

export function nextSort(current: SortState, key: SortKey): SortState {
  return current.key === key ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' };
}

/** "a, b,  c" → ['a', 'b', 'c'], unique, in order. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];
}
