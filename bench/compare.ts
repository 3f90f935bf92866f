// Benchmark 3a: what the compare view asks the store for — every series of 100 runs, read and
// min/max-downsampled to the chart's width (the compare view requests 600 points per series).
import { openStore } from '../db/open.ts';
import { readSeriesDownsampled } from '../main/services/series.ts';
import type { SeededStore } from './seedStore.ts';
import { timeMs } from './stats.ts';

export const COMPARE_MAX_POINTS = 600;

export interface CompareFigure {
  /** Median milliseconds to read and downsample every series of the runs. */
  ms: number;
  /** Read alone, without downsampling: where the time goes. */
  readMs: number;
  runs: number;
  pointsPerRun: number;
  targetMs: number;
}

export async function compareFigure(seeded: SeededStore, pointsPerRun: number, repeats: number): Promise<CompareFigure> {
  const store = openStore(seeded.dbPath);
  try {
    // The first read pays for the page cache and statement preparation, as a fresh app would not twice.
    readSeriesDownsampled(store, seeded.runIds, {}, COMPARE_MAX_POINTS);
    const ms = await timeMs(() => readSeriesDownsampled(store, seeded.runIds, {}, COMPARE_MAX_POINTS), repeats);
    const readMs = await timeMs(() => store.readSeries(seeded.runIds), repeats);
    return { ms, readMs, runs: seeded.runIds.length, pointsPerRun, targetMs: 100 };
  } finally {
    store.close();
  }
}
