// Benchmark 3a: what the compare view asks the store for — every series of 100 runs, read and
// min/max-downsampled to the chart's width (the compare view requests 600 points per series).
// Long series are cut from their stored overviews; the first read builds and stores them.
import { openStore } from '../db/open.ts';
import type { SeededStore } from './seedStore.ts';
import { cpuSeconds, median, timeMs } from './stats.ts';

export const COMPARE_MAX_POINTS = 600;

export interface CompareFigure {
  /** Median milliseconds to read and downsample every series of the runs. */
  ms: number;
  /** Median CPU milliseconds of this process for the same (waiting for a core not counted). */
  cpuMs: number;
  /** The first read after the runs were written: it builds and stores every series' overview. */
  firstMs: number;
  /** Read alone, without downsampling: where the time goes. */
  readMs: number;
  runs: number;
  pointsPerRun: number;
  targetMs: number;
}

export async function compareFigure(seeded: SeededStore, pointsPerRun: number, repeats: number): Promise<CompareFigure> {
  const store = openStore(seeded.dbPath);
  try {
    // The first read pays for the page cache, statement preparation and building the overviews,
    // as a fresh app would not twice.
    const firstMs = await timeMs(() => store.readSeries(seeded.runIds, {}, { maxPoints: COMPARE_MAX_POINTS }));
    const cpu: number[] = [];
    const ms = await timeMs(() => {
      const before = cpuSeconds();
      store.readSeries(seeded.runIds, {}, { maxPoints: COMPARE_MAX_POINTS });
      cpu.push((cpuSeconds() - before) * 1000);
    }, repeats);
    const readMs = await timeMs(() => store.readSeries(seeded.runIds), repeats);
    return { ms, cpuMs: median(cpu), firstMs, readMs, runs: seeded.runIds.length, pointsPerRun, targetMs: 100 };
  } finally {
    store.close();
  }
}
