// Graft has one writer (the main side) but many readers: the UI, `graft compare` in a
// terminal, a report export. WAL mode must let them read while the writer writes, and each
// read must see whole transactions only.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoreError } from './errors.ts';
import { openStore } from './open.ts';
import type { MetricPoint } from './series.ts';
import { INTERRUPTED_ERROR } from './recovery.ts';
import { removeTempDirs, sampleExperiment, sideFiles, tempDir } from '../tests/support/db/testing.ts';

afterAll(removeTempDirs);

const here = dirname(fileURLToPath(import.meta.url));
const point = (step: number, split = 'val'): MetricPoint => ({ task: 'target', split, metric: 'loss', epoch: 0, step, time: step, value: step });

function startWriter(file: string, runId: number, batches: number, steps: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(here, '../tests/support/db/testing-writer.ts'), file, String(runId), String(batches), String(steps)],
    { cwd: join(here, '..'), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, output: () => output };
}

describe('a second connection', () => {
  it('reads the last committed state while the first is inside a write transaction, and cannot write', () => {
    const file = join(tempDir(), 'graft.db');
    const writer = openStore(file);
    const [runA, runB] = writer.createExperiment(sampleExperiment()).runIds as [number, number];
    writer.markRunning(runA, { pid: process.pid, environment: null });
    writer.appendPoints(runA, [point(0)]);

    const reader = openStore(file, { busyTimeoutMs: 100 });
    expect(reader.openReport.interruptedRunIds).toEqual([]); // the writer (this process) is alive
    writer.withTransaction(() => {
      writer.appendPoints(runA, [point(1), point(2)]);
      writer.setEpochsDone(runA, 1);
      expect(reader.readSeries([runA])[0]?.step).toEqual([0]);
      expect(reader.getRun(runA)?.epochsDone).toBe(0);
      let busy: StoreError | undefined;
      try {
        reader.appendPoints(runB, [point(0)]);
      } catch (error) {
        busy = error as StoreError;
      }
      expect(busy?.code).toBe('busy');
    });
    expect(reader.readSeries([runA])[0]?.step).toEqual([0, 1, 2]);
    expect(reader.getRun(runA)?.epochsDone).toBe(1);
    reader.close();
    writer.close();
  });

  it('in another process reads consistent snapshots while that process writes', async () => {
    const BATCHES = 150;
    const STEPS = 40;
    const file = join(tempDir(), 'graft.db');
    const setup = openStore(file);
    const runId = setup.createExperiment(sampleExperiment()).runIds[0] as number;
    setup.close();

    const { exited, output } = startWriter(file, runId, BATCHES, STEPS);

    const reader = openStore(file);
    const seen = new Set<number>();
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      const series = reader.readSeries([runId]);
      if (series.length > 0) {
        expect(series.map((s) => s.split)).toEqual(['train', 'val']);
        const [train, val] = series as [(typeof series)[0], (typeof series)[0]];
        expect(train.step.length).toBe(val.step.length); // never half a batch
        expect(train.step.length % STEPS).toBe(0);
        seen.add(train.step.length);
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const [code] = await exited;
    expect(code).toBe(0);
    expect(output()).toBe('started\ndone\n');

    const final = reader.readSeries([runId]);
    expect(final.map((s) => s.step.length)).toEqual([BATCHES * STEPS, BATCHES * STEPS]);
    expect(reader.getRun(runId)).toMatchObject({ status: 'completed', epochsDone: BATCHES, environment: { backend: 'test-writer' } });
    console.info(`reader saw ${seen.size} distinct states while the writer process wrote`);
    // The reader caught the writer mid-way at least once, or this test proved nothing.
    expect([...seen].some((n) => n > 0 && n < BATCHES * STEPS)).toBe(true);
    reader.close();
  });
});

describe('a writer process killed mid-run', () => {
  it('loses at most the epoch in flight, and its run is interrupted on the next open', async () => {
    const STEPS = 40;
    const file = join(tempDir(), 'graft.db');
    const setup = openStore(file);
    const runId = setup.createExperiment(sampleExperiment()).runIds[0] as number;
    setup.close();

    const { child, exited } = startWriter(file, runId, 1_000_000, STEPS);
    const reader = openStore(file);
    while ((reader.readSeries([runId])[0]?.step.length ?? 0) < 20 * STEPS) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    reader.close();
    child.kill('SIGKILL');
    const [, signal] = await exited;
    expect(signal).toBe('SIGKILL');
    expect(sideFiles(file)).toContain(`${file}-wal`); // it never got to checkpoint and close

    const store = openStore(file);
    expect(store.openReport.interruptedRunIds).toEqual([runId]);
    const run = store.getRun(runId);
    expect(run).toMatchObject({ status: 'interrupted', error: INTERRUPTED_ERROR });
    const [train, val] = store.readSeries([runId]);
    // Points and epochs_done of an epoch were one transaction: whole epochs survive, together.
    expect(train?.step.length).toBe((run?.epochsDone ?? 0) * STEPS);
    expect(val?.step.length).toBe(train?.step.length);
    expect(run?.epochsDone).toBeGreaterThanOrEqual(20);
    store.close();
  });
});
