// The runs table's logic: filters, sorting, the last and the validation-selected value of a
// chosen metric, and run durations.
import { metricDirection } from '../../../../analysis/metricDirection.ts';
import { seriesMetrics } from '../../../../analysis/runMetrics.ts';
import { lastValueAt } from '../../../../analysis/seriesPoints.ts';
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
  /** The value at the epoch the validation split selects (selectedValue); what the comparison reports. */
  selected?: number;
}

/**
 * The chosen split's value at the epoch its task's validation metric selects (analysis' best
 * epoch by validation): the run's reported number, never the best test value, which would
 * choose the epoch on the test set. NaN without validation values.
 */
export function selectedValue(chosen: Pick<Series, 'epoch' | 'value' | 'metric'>, val: Pick<Series, 'epoch' | 'value'> | undefined): number {
  const at = seriesMetrics(val, metricDirection(chosen.metric)).bestEpoch;
  return at === null ? Number.NaN : lastValueAt(chosen.epoch, chosen.value, at);
}

/** Seconds from start to finish (to now while running); null before it started. */
export function runDuration(run: Pick<RunSummary, 'startedAt' | 'finishedAt'>, now: number = Date.now()): number | null {
  if (!run.startedAt) return null;
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  const seconds = (end - Date.parse(run.startedAt)) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, seconds) : null;
}

/** "42 s", "3 min 5 s", "1 h 02 min". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
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

export type SortKey = 'id' | 'experiment' | 'arm' | 'seed' | 'budget' | 'status' | 'epochs' | 'last' | 'best' | 'min' | 'selected' | 'duration' | 'created';
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
      case 'duration':
        return runDuration(run) ?? Number.NaN;
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
