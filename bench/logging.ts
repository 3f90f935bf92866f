// Benchmark 2: metric points per second through the run store (RunStore.appendPoints, the path
// every epoch's results take) against the ceiling — a bare better-sqlite3 prepared insert into the
// same schema, one transaction per batch — and what the scheduler's per-epoch write costs next to
// an epoch of training.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../db/open.ts';
import type { MetricPoint } from '../db/series.ts';
import type { RunStore } from '../db/store.ts';
import { sampleExperiment } from '../tests/support/db/testing.ts';
import { EpochWriter } from '../main/engine/mainThread/epochWriter.ts';
import type { EpochReport } from '../main/engine/worker/run/epochLoop.ts';
import { ratio } from './stats.ts';
import { benchDir } from './tempDir.ts';

export interface LoggingFigure {
  storePointsPerSec: number;
  ceilingPointsPerSec: number;
  ratio: number;
  /** Milliseconds the scheduler's writer takes to store one epoch's report (one transaction). */
  epochWriteMs: number;
  /** That write as a share of one epoch of the reference CNN in this run, in percent. */
  epochOverheadPct: number | null;
  points: number;
}

const METRICS = ['loss', 'accuracy', 'f1', 'lr', 'grad-norm'] as const;
// Engine-sized batches: what one flush of a busy experiment writes.
const BATCH = 1000;

function pointsOf(count: number): MetricPoint[] {
  return Array.from({ length: count }, (_, i) => ({
    task: 'target',
    split: i % 2 ? 'val' : 'train',
    metric: METRICS[i % METRICS.length] as string,
    epoch: Math.floor(i / 5000),
    step: Math.floor(i / (2 * METRICS.length)),
    time: i / 100,
    value: Math.sin(i) * 0.5 + 0.5,
  }));
}

function batches<T>(items: T[]): T[][] {
  return Array.from({ length: Math.ceil(items.length / BATCH) }, (_, i) => items.slice(i * BATCH, (i + 1) * BATCH));
}

function newRun(store: RunStore): number {
  return store.createExperiment(sampleExperiment('bench', 1)).runIds[0] as number;
}

function timeStore(file: string, points: MetricPoint[]): number {
  const store = openStore(file);
  try {
    const runId = newRun(store);
    const start = performance.now();
    for (const batch of batches(points)) store.appendPoints(runId, batch);
    return performance.now() - start;
  } finally {
    store.close();
  }
}

/** Same file settings and schema; series ids known up front; one statement; no checks. */
function timeCeiling(file: string, points: MetricPoint[]): number {
  const store = openStore(file);
  const runId = newRun(store);
  store.close();
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const addSeries = db.prepare('INSERT INTO series (run_id, task, split, metric) VALUES (?, ?, ?, ?)');
    const ids = new Map<string, number>();
    for (const p of points.slice(0, 2 * METRICS.length)) {
      ids.set(`${p.split}/${p.metric}`, Number(addSeries.run(runId, p.task, p.split, p.metric).lastInsertRowid));
    }
    const rows = batches(points.map((p) => [ids.get(`${p.split}/${p.metric}`) as number, p.step, p.epoch, p.time, p.value] as const));
    const insert = db.prepare('INSERT OR REPLACE INTO points (series_id, step, epoch, wall_time, value) VALUES (?, ?, ?, ?, ?)');
    const write = db.transaction((batch: (typeof rows)[number]) => {
      for (const row of batch) insert.run(...row);
    });
    const start = performance.now();
    for (const batch of rows) write(batch);
    return performance.now() - start;
  } finally {
    db.close();
  }
}

/** One epoch report shaped like the training loop's (6 task metrics, 4 run metrics, lr per block). */
function epochReport(epoch: number): EpochReport {
  const points = [
    ...['train', 'val', 'test'].flatMap((split) => ['loss', 'accuracy'].map((metric) => ({ task: 'target', split, metric, value: Math.random() }))),
    ...['epoch_time', 'samples_per_sec', 'trainable_params', 'total_params', 'lr/conv1', 'lr/conv2', 'lr/dense1', 'lr/head'].map((metric) => ({
      task: '_run',
      split: 'train',
      metric,
      value: Math.random(),
    })),
  ];
  return { epoch, epochs: 1000, step: epoch * 100, time: epoch * 10, points };
}

function epochWriteMs(file: string, epochs: number): number {
  const store = openStore(file);
  try {
    const runId = newRun(store);
    const writer = new EpochWriter(store, 1_000_000);
    const start = performance.now();
    for (let e = 1; e <= epochs; e++) {
      // One flush per epoch: the worst case, an experiment whose epochs never share a transaction.
      writer.epoch(runId, epochReport(e));
      writer.flush();
    }
    return (performance.now() - start) / epochs;
  } finally {
    store.close();
  }
}

export function loggingFigure(pointCount: number, epochSeconds: number | null): LoggingFigure {
  const dir = benchDir('logging');
  const points = pointsOf(pointCount);
  // Alternate store and ceiling, twice each, best of two: the first pass warms the page cache.
  const store: number[] = [];
  const ceiling: number[] = [];
  for (let i = 0; i < 2; i++) {
    store.push(timeStore(join(dir, `store-${i}.db`), points));
    ceiling.push(timeCeiling(join(dir, `ceiling-${i}.db`), points));
  }
  const storePointsPerSec = (pointCount / Math.min(...store)) * 1000;
  const ceilingPointsPerSec = (pointCount / Math.min(...ceiling)) * 1000;
  const writeMs = epochWriteMs(join(dir, 'epochs.db'), 200);
  return {
    storePointsPerSec,
    ceilingPointsPerSec,
    ratio: ratio(storePointsPerSec, ceilingPointsPerSec) ?? Number.NaN,
    epochWriteMs: writeMs,
    epochOverheadPct: epochSeconds && epochSeconds > 0 ? (writeMs / 1000 / epochSeconds) * 100 : null,
    points: pointCount,
  };
}
