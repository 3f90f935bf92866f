import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../contract/model.ts';
import { NO_FILTERS, defaultMetric, filterRuns, metricStats, nextSort, parseTags, sortRuns, type MetricStats, formatDuration, runDuration, selectedValue } from './table.ts';

function run(id: number, over: Partial<RunSummary> = {}): RunSummary {
  return {
    id,
    experimentId: 1,
    arm: 'scratch',
    seed: 1,
    budget: '50/class',
    status: 'completed',
    error: null,
    config: {},
    environment: null,
    tags: [],
    note: '',
    createdAt: `2025-01-0${id}T00:00:00Z`,
    startedAt: null,
    finishedAt: null,
    epochsDone: 3,
    epochsPlanned: 3,
    ...over,
  };
}

const runs = [
  run(1),
  run(2, { arm: 'fine-tune', tags: ['keep'], note: 'lr too high?' }),
  run(3, { arm: 'fine-tune', status: 'failed', error: 'diverged at epoch 2', seed: 2 }),
];

describe('runs table', () => {
  it('filters by status, arm, tag and free text over notes, errors and tags', () => {
    expect(filterRuns(runs, { ...NO_FILTERS, status: 'failed' }).map((r) => r.id)).toEqual([3]);
    expect(filterRuns(runs, { ...NO_FILTERS, arm: 'fine-tune' }).map((r) => r.id)).toEqual([2, 3]);
    expect(filterRuns(runs, { ...NO_FILTERS, tag: 'keep' }).map((r) => r.id)).toEqual([2]);
    expect(filterRuns(runs, { ...NO_FILTERS, text: 'LR' }).map((r) => r.id)).toEqual([2]);
    expect(filterRuns(runs, { ...NO_FILTERS, text: 'diverged fine' }).map((r) => r.id)).toEqual([3]);
  });

  it('takes last, best (by the metric direction) and min of a series, skipping NaN, as analysis does', () => {
    const epochs = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(metricStats({ metric: 'accuracy', epoch: epochs(4), value: [0.5, 0.8, Number.NaN, 0.7] })).toEqual({ last: 0.7, best: 0.8, min: 0.5 });
    expect(metricStats({ metric: 'loss', epoch: epochs(3), value: [1, 0.2, 0.4] })).toEqual({ last: 0.4, best: 0.2, min: 0.2 });
    expect(metricStats({ metric: 'loss', epoch: epochs(1), value: [Number.NaN] })).toBeNull();
    // A run that diverged at its end has no last value (the compare view and reports say the same).
    expect(metricStats({ metric: 'loss', epoch: epochs(3), value: [1, 0.2, Number.NaN] })).toEqual({ last: Number.NaN, best: 0.2, min: 0.2 });
  });

  it('sorts by a column either way, runs without the metric last', () => {
    const stats = new Map<number, MetricStats>([
      [1, { last: 0.6, best: 0.7, min: 0.1 }],
      [2, { last: 0.9, best: 0.9, min: 0.2 }],
    ]);
    expect(sortRuns(runs, { key: 'best', direction: 'desc' }, stats).map((r) => r.id)).toEqual([2, 1, 3]);
    expect(sortRuns(runs, { key: 'best', direction: 'asc' }, stats).map((r) => r.id)).toEqual([1, 2, 3]);
    expect(sortRuns(runs, { key: 'arm', direction: 'asc' }, stats).map((r) => r.id)).toEqual([2, 3, 1]);
    expect(nextSort({ key: 'arm', direction: 'asc' }, 'arm')).toEqual({ key: 'arm', direction: 'desc' });
    expect(nextSort({ key: 'arm', direction: 'desc' }, 'seed')).toEqual({ key: 'seed', direction: 'asc' });
  });

  it('parses comma-separated tags', () => {
    expect(parseTags(' a, b,,a , c ')).toEqual(['a', 'b', 'c']);
  });
});

describe('default metric', () => {
  it('is the one most runs have, the earlier key among equals', () => {
    const a = { task: 'source', split: 'test', metric: 'accuracy' };
    const b = { task: 'target', split: 'test', metric: 'accuracy' };
    const series = [{ ...a, runId: 1 }, { ...b, runId: 2 }, { ...b, runId: 3 }];
    expect(defaultMetric([a, b], series)).toEqual(b);
    expect(defaultMetric([a, b], series.slice(0, 2))).toEqual(a);
    expect(defaultMetric([], [])).toBeNull();
  });

  it('reports the value at the epoch validation selects, not the best test value', () => {
    const test = { metric: 'accuracy', epoch: [1, 2, 3, 4], value: [0.6, 0.7, 0.9, 0.8] };
    // Validation peaks at epoch 2: the run's number is test at epoch 2 (0.7), not the best test 0.9.
    expect(selectedValue(test, { epoch: [1, 2, 3, 4], value: [0.5, 0.75, 0.7, 0.72] })).toBe(0.7);
    // Loss: the lowest validation loss selects.
    expect(selectedValue({ metric: 'loss', epoch: [1, 2, 3], value: [1, 0.5, 0.6] }, { epoch: [1, 2, 3], value: [1.1, 0.9, 0.4] })).toBe(0.6);
    expect(selectedValue(test, undefined)).toBeNaN();
  });

  it('measures run durations, to now while running, and writes them for people', () => {
    const startedAt = '2026-01-01T00:00:00.000Z';
    expect(runDuration({ startedAt, finishedAt: '2026-01-01T00:03:05.000Z' })).toBe(185);
    expect(runDuration({ startedAt, finishedAt: null }, Date.parse(startedAt) + 42_000)).toBe(42);
    expect(runDuration({ startedAt: null, finishedAt: null })).toBeNull();
    expect([formatDuration(42), formatDuration(185), formatDuration(3725), formatDuration(null)]).toEqual(['42 s', '3 min 5 s', '1 h 02 min', '—']);
  });
});
