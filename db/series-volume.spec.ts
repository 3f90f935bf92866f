// The volumes a real workstation produces: a million points written the way the engine
// writes them, read back exactly, and the store's write speed against a bare insert loop.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './open.ts';
import type { MetricPoint } from './series.ts';
import { rawConnection, removeTempDirs, sampleExperiment, seededRandom, tempDir } from '../tests/support/db/testing.ts';

afterAll(removeTempDirs);

const METRICS = ['loss', 'accuracy', 'f1', 'lr', 'grad-norm'] as const;

const SPECIALS = [NaN, Infinity, -Infinity, -0, 0, Number.MIN_VALUE, -Number.MAX_VALUE, 2 ** 63, 1];

/**
 * Float64 values from a seeded PRNG: mostly metric-like numbers with a full 52-bit mantissa,
 * some arbitrary bit patterns (subnormals, huge exponents, NaN payloads) and the specials.
 */
function valueSource(seed: number): () => number {
  const random = seededRandom(seed);
  const bits = new DataView(new ArrayBuffer(8));
  return () => {
    const kind = random.uint32() % 100;
    if (kind < 90) {
      const mantissa = random.uint32() * 2 ** -32 + random.uint32() * 2 ** -64;
      return mantissa * 2 ** ((random.uint32() % 16) - 8);
    }
    if (kind < 97) {
      bits.setUint32(0, random.uint32());
      bits.setUint32(4, random.uint32());
      return bits.getFloat64(0);
    }
    return SPECIALS[random.uint32() % SPECIALS.length] as number;
  };
}

describe('a million points', () => {
  it('are written in engine-sized batches and read back exactly', () => {
    const RUNS = 4;
    const STEPS = 50_000; // × 5 metrics × 4 runs = 1,000,000 points
    const STEPS_PER_BATCH = 200; // × 5 metrics = 1000 points per appendPoints call
    const file = join(tempDir(), 'million.db');
    const store = openStore(file);
    const { runIds } = store.createExperiment(sampleExperiment('volume', RUNS / 2));
    const nextValue = valueSource(20240501);
    // Expected values per run and metric, in step order.
    const expected = runIds.map(() => METRICS.map(() => ({ value: new Float64Array(STEPS), time: new Float64Array(STEPS) })));

    const writeStart = performance.now();
    // Runs train side by side, so their batches arrive interleaved; inside a batch, each
    // step logs every metric.
    for (let first = 0; first < STEPS; first += STEPS_PER_BATCH) {
      runIds.forEach((runId, r) => {
        const batch: MetricPoint[] = [];
        for (let step = first; step < first + STEPS_PER_BATCH; step++) {
          METRICS.forEach((metric, m) => {
            const value = nextValue();
            const time = step * 0.0371 + m * 1e-6;
            expected[r]![m]!.value[step] = value;
            expected[r]![m]!.time[step] = time;
            batch.push({ task: 'target', split: m === 0 ? 'train' : 'val', metric, epoch: Math.floor(step / 1000), step, time, value });
          });
        }
        store.appendPoints(runId, batch);
      });
    }
    const writeMs = performance.now() - writeStart;

    const readStart = performance.now();
    const series = store.readSeries(runIds);
    const readMs = performance.now() - readStart;
    store.close();

    expect(series).toHaveLength(RUNS * METRICS.length);
    let compared = 0;
    let mismatches = 0;
    for (const s of series) {
      const r = runIds.indexOf(s.runId);
      const m = METRICS.indexOf(s.metric as (typeof METRICS)[number]);
      const want = expected[r]![m]!;
      expect(s.step).toHaveLength(STEPS);
      for (let i = 0; i < STEPS; i++) {
        // Object.is: NaN equals NaN, -0 differs from 0; any other difference is a changed bit.
        if (s.step[i] !== i || s.epoch[i] !== Math.floor(i / 1000) || s.time[i] !== want.time[i]) mismatches++;
        if (!Object.is(s.value[i], want.value[i])) mismatches++;
        compared++;
      }
    }
    expect(compared).toBe(1_000_000);
    expect(mismatches).toBe(0);
    console.info(`1M points: write ${(writeMs / 1000).toFixed(2)} s, read ${(readMs / 1000).toFixed(2)} s`);
  });
});

describe('write speed', () => {
  it('appendPoints runs at least half as fast as a bare prepared insert in one transaction', () => {
    const POINTS = 100_000;
    const BATCH = 1000;
    const nextValue = valueSource(7);
    const points: MetricPoint[] = Array.from({ length: POINTS }, (_, i) => ({
      task: 'target',
      split: 'val',
      metric: METRICS[i % METRICS.length] as string,
      epoch: Math.floor(i / 5000),
      step: Math.floor(i / METRICS.length),
      time: i / 100,
      value: nextValue(),
    }));
    const batches = Array.from({ length: POINTS / BATCH }, (_, i) => points.slice(i * BATCH, (i + 1) * BATCH));

    const timeStore = (file: string): number => {
      const store = openStore(file);
      const runId = store.createExperiment(sampleExperiment()).runIds[0] as number;
      const start = performance.now();
      for (const batch of batches) store.appendPoints(runId, batch);
      const ms = performance.now() - start;
      store.close();
      return ms;
    };
    // The baseline: same file settings and schema, series ids known up front, one prepared
    // statement, one transaction per batch, no validation, no error context, no cache.
    const timeBare = (file: string): number => {
      openStore(file).close();
      const db = rawConnection(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(`INSERT INTO experiments (name, kind, spec_version, spec, created_at) VALUES ('bare', 'transfer', 1, '{}', '');
               INSERT INTO runs (experiment_id, arm, seed, budget, config, created_at) VALUES (1, 'a', 1, 'all', '{}', '');`);
      const ids = METRICS.map((metric) =>
        Number(db.prepare("INSERT INTO series (run_id, task, split, metric) VALUES (1, 'target', 'val', ?)").run(metric).lastInsertRowid),
      );
      const rows = batches.map((batch) => batch.map((p, i) => [ids[i % METRICS.length] as number, p.step, p.epoch, p.time, p.value] as const));
      const insert = db.prepare('INSERT OR REPLACE INTO points (series_id, step, epoch, wall_time, value) VALUES (?, ?, ?, ?, ?)');
      const write = db.transaction((batch: (typeof rows)[number]) => {
        for (const row of batch) insert.run(...row);
      });
      const start = performance.now();
      for (const batch of rows) write(batch);
      const ms = performance.now() - start;
      db.close();
      return ms;
    };

    // Best of three, alternating, so a burst of disk or CPU load from elsewhere hits both.
    const dir = tempDir();
    let storeMs = Infinity;
    let bareMs = Infinity;
    for (let trial = 0; trial < 3; trial++) {
      bareMs = Math.min(bareMs, timeBare(join(dir, `bare-${trial}.db`)));
      storeMs = Math.min(storeMs, timeStore(join(dir, `store-${trial}.db`)));
    }
    const ratio = bareMs / storeMs;
    console.info(`100k points: store ${storeMs.toFixed(0)} ms, bare insert ${bareMs.toFixed(0)} ms, speed ratio ${ratio.toFixed(2)}`);
    expect(ratio).toBeGreaterThanOrEqual(0.5);
  });
});
