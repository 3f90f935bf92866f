// Downsampled reads through the stored overview, end to end on a real file: every spike a chart
// must show survives, the overview never goes stale, and it is only ever a cache of the points.
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downsampleSeries } from '../analysis/downsample.ts';
import type { Series } from '../contract/model.ts';
import { openStore } from './open.ts';
import type { MetricPoint } from './series.ts';
import { OVERVIEW_BUCKETS, OVERVIEW_MAX_REQUEST, OVERVIEW_POINTS } from './seriesOverview.ts';
import type { RunStore } from './store.ts';
import { countRows, rawConnection, removeTempDirs, sampleExperiment, seededRandom, tempDir } from '../tests/support/db/testing.ts';

afterAll(removeTempDirs);

let file: string;
let store: RunStore;
let runId: number;
beforeEach(() => {
  file = join(tempDir(), 'graft.db');
  store = openStore(file);
  runId = store.createExperiment(sampleExperiment()).runIds[0] as number;
});
afterEach(() => store.close());

const loss = (step: number, value: number): MetricPoint => ({ task: 'target', split: 'train', metric: 'loss', epoch: Math.floor(step / 1000), step, time: step * 0.01, value });

/** A noisy falling curve with isolated spikes up and down at seeded random steps. */
function noisyWithSpikes(from: number, to: number, seed: number, spikes: number): { points: MetricPoint[]; spikes: Map<number, number> } {
  const random = seededRandom(seed);
  const points: MetricPoint[] = [];
  for (let step = from; step < to; step++) points.push(loss(step, 1 / (1 + step / 5000) + 0.05 * random.next()));
  const at = new Map<number, number>();
  // Spikes far enough apart that none hides another in one bucket of a 600-point chart.
  const gap = Math.floor((to - from) / spikes);
  for (let k = 0; k < spikes; k++) {
    const step = from + k * gap + 1 + Math.floor(random.next() * (gap / 2));
    const value = k % 2 === 0 ? 10 + k : -10 - k;
    at.set(step, value);
    (points[step - from] as MetricPoint).value = value;
  }
  return { points, spikes: at };
}

function expectSpikesKept(series: Series | undefined, spikes: Map<number, number>): void {
  expect(series).toBeDefined();
  for (const [step, value] of spikes) {
    const i = series?.step.indexOf(step) ?? -1;
    expect(i, `spike at step ${step}`).toBeGreaterThanOrEqual(0);
    expect(series?.value[i]).toBe(value);
  }
}

function overviewRow(): { points: number; buckets: number } | undefined {
  const raw = rawConnection(file);
  try {
    return raw.prepare<[], { points: number; buckets: number }>('SELECT points, buckets FROM series_overview').get();
  } finally {
    raw.close();
  }
}

describe('readSeries with maxPoints', () => {
  it('keeps every spike of a long series, from the stored overview and from the points alike', () => {
    const { points, spikes } = noisyWithSpikes(0, 50_000, 7, 40);
    store.appendPoints(runId, points);
    const first = store.readSeries([runId], {}, { maxPoints: 600 })[0];
    expect(overviewRow()).toEqual({ points: 50_000, buckets: OVERVIEW_BUCKETS });
    const second = store.readSeries([runId], {}, { maxPoints: 600 })[0];
    expect(second).toEqual(first);
    for (const series of [first, second, store.readSeries([runId], {}, { maxPoints: OVERVIEW_MAX_REQUEST })[0]]) {
      expect(series?.value.length).toBeLessThanOrEqual(OVERVIEW_MAX_REQUEST);
      expectSpikesKept(series, spikes);
      expect(series?.step[0]).toBe(0);
      expect(series?.step.at(-1)).toBe(49_999);
    }
    // Every point is a stored point, with its own epoch and time.
    first?.step.forEach((step, i) => {
      expect(first.epoch[i]).toBe(Math.floor(step / 1000));
      expect(first.time[i]).toBe(step * 0.01);
    });
  });

  it('gives exactly the one-step downsample when the series fits in the overview, or the request is finer than it', () => {
    const short = noisyWithSpikes(0, OVERVIEW_POINTS, 3, 5).points;
    store.appendPoints(runId, short);
    const full = store.readSeries([runId])[0] as Series;
    expect(store.readSeries([runId], {}, { maxPoints: 600 })[0]).toEqual(downsampleSeries(full, 600));
    expect(store.readSeries([runId], {}, { maxPoints: 600 })[0]).toEqual(downsampleSeries(full, 600));

    store.appendPoints(runId, noisyWithSpikes(OVERVIEW_POINTS, 30_000, 4, 5).points);
    const longer = store.readSeries([runId])[0] as Series;
    expect(store.readSeries([runId], {}, { maxPoints: 5000 })[0]).toEqual(downsampleSeries(longer, 5000));
  });

  it('reflects points appended after the overview was stored: new steps, their spikes, the new end', () => {
    store.appendPoints(runId, noisyWithSpikes(0, 20_000, 1, 10).points);
    expect(store.readSeries([runId], {}, { maxPoints: 600 })[0]?.step.at(-1)).toBe(19_999);
    expect(overviewRow()?.points).toBe(20_000);

    const more = noisyWithSpikes(20_000, 45_000, 2, 10);
    store.appendPoints(runId, more.points);
    expect(overviewRow()).toBeUndefined(); // dropped with the write, in its transaction
    const after = store.readSeries([runId], {}, { maxPoints: 600 })[0];
    expect(after?.step.at(-1)).toBe(44_999);
    expectSpikesKept(after, more.spikes);
    expect(overviewRow()?.points).toBe(45_000);
  });

  it('reflects a point replaced in place (a resumed run re-logging a step)', () => {
    store.appendPoints(runId, noisyWithSpikes(0, 20_000, 5, 0).points);
    store.readSeries([runId], {}, { maxPoints: 600 });
    store.appendPoints(runId, [loss(12_345, 99)]);
    expectSpikesKept(store.readSeries([runId], {}, { maxPoints: 600 })[0], new Map([[12_345, 99]]));
  });

  it('keeps the overview of a write that rolled back, which still matches the points', () => {
    store.appendPoints(runId, noisyWithSpikes(0, 20_000, 6, 0).points);
    const before = store.readSeries([runId], {}, { maxPoints: 600 });
    expect(() =>
      store.withTransaction(() => {
        store.appendPoints(runId, [loss(5_000, 1e6)]);
        throw new Error('epoch failed');
      }),
    ).toThrow('epoch failed');
    expect(overviewRow()?.points).toBe(20_000);
    expect(store.readSeries([runId], {}, { maxPoints: 600 })).toEqual(before);
  });

  it('round-trips NaN, −0 and infinities through the overview', () => {
    const points = noisyWithSpikes(0, 10_000, 8, 0).points;
    const specials = new Map<number, number>([[100, Infinity], [5_000, -Infinity], [9_999, -0]]);
    for (const [step, value] of specials) (points[step] as MetricPoint).value = value;
    for (let step = 7_000; step < 7_100; step++) (points[step] as MetricPoint).value = NaN;
    store.appendPoints(runId, points);
    store.readSeries([runId], {}, { maxPoints: 600 });
    const series = store.readSeries([runId], {}, { maxPoints: 600 })[0];
    for (const [step, value] of specials) expect(Object.is(series?.value[series.step.indexOf(step)], value), `step ${step}`).toBe(true);
    expect(series?.value.some((v, i) => Number.isNaN(v) && (series.step[i] as number) >= 7_000 && (series.step[i] as number) < 7_100)).toBe(true);
  });

  it('still answers, without storing an overview, while another connection holds the write lock', () => {
    store.close();
    store = openStore(file, { busyTimeoutMs: 120_000 });
    store.appendPoints(runId, noisyWithSpikes(0, 20_000, 9, 4).points);
    const other = rawConnection(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      const { spikes } = noisyWithSpikes(0, 20_000, 9, 4);
      expectSpikesKept(store.readSeries([runId], {}, { maxPoints: 600 })[0], spikes);
      // Not a speed check: a read that waited for the lock would take the whole two minutes.
      expect(performance.now() - started).toBeLessThan(60_000);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(overviewRow()).toBeUndefined();
    store.readSeries([runId], {}, { maxPoints: 600 });
    expect(overviewRow()?.points).toBe(20_000);
  });

  it('goes with its series when the experiment is deleted', () => {
    store.appendPoints(runId, noisyWithSpikes(0, 10_000, 10, 0).points);
    store.readSeries([runId], {}, { maxPoints: 600 });
    expect(countRows(file).series_overview).toBe(1);
    store.deleteExperiment(store.getRun(runId)?.experimentId as number);
    expect(countRows(file).series_overview).toBe(0);
  });
});
