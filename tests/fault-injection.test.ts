// The fault-injection suite: Graft's store and checkpoints under the faults a workstation has.
//  · kill -9 of a training process at random moments (starting, migrating, mid-epoch, mid-write),
//    20 trials, half of them on a file that must first be migrated;
//  · a real `graft run` killed mid-training and resumed with `graft resume`, against the same
//    experiment trained without interruption;
//  · a full disk (SQLite's max_page_count), and a worker that throws, exits or runs out of memory.
// After each: PRAGMA integrity_check is ok, no committed epoch is lost, every run is resumable or
// failed with its reason. The counts are printed (and kept in BENCHMARKS.md's reliability section).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { RUN_LEVEL_TASK } from '../contract/model.ts';
import { openStore } from '../db/open.ts';
import { MIGRATIONS, LATEST_VERSION } from '../db/migrations.ts';
import { RunStore } from '../db/store.ts';
import { StoreError } from '../db/errors.ts';
import { seededRandom, sampleExperiment } from './support/db/testing.ts';
import { hasCheckpoint, readStateFile } from '../main/engine/worker/run/checkpointFolder.ts';
import { startWorker } from '../main/engine/mainThread/workerRun.ts';
import { GRAFT_BIN, runGraft } from './support/graftProcess.ts';
import { tempDir } from './support/seed.ts';
import { tinyDigitsTransfer } from './support/specs.ts';

const WRITER = fileURLToPath(new URL('./support/faultWriter.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TRIALS = 20;
const SEED = 20261208;

let resumeDifference = Number.NaN;
const tally = { trials: 0, killedWhileStarting: 0, killedMidTraining: 0, migratedTrials: 0, survived: 0, fullDisk: 0, workerFaults: 0, resumedExactly: 0 };
afterAll(() => {
  console.log(
    `fault injection: ${tally.trials} kill -9 trials (${tally.killedWhileStarting} while starting or migrating, ${tally.killedMidTraining} mid-training; ` +
      `${tally.migratedTrials} on a file needing migration), ${tally.survived} survived; full disk ${tally.fullDisk}/1; ` +
      `worker throw/exit/out-of-memory ${tally.workerFaults}/3; real run killed and resumed to the uninterrupted numbers ${tally.resumedExactly}/1 (largest relative difference ${resumeDifference.toExponential(1)})`,
  );
});

function integrity(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

/** A store with one queued run; at schema `version` (the previous one makes the writer migrate). */
function storeAt(dir: string, version: number): { file: string; runId: number } {
  const file = join(dir, 'graft.db');
  const store = openStore(file, { migrations: MIGRATIONS.slice(0, version) });
  const runId = store.createExperiment(sampleExperiment('faults', 1)).runIds[0]!;
  store.close();
  return { file, runId };
}

describe('fault injection', () => {
  it(`kill -9 at ${TRIALS} random moments: the file stays whole, committed epochs stay, the run is resumable`, async () => {
    const random = seededRandom(SEED);
    for (let trial = 0; trial < TRIALS; trial++) {
      const dir = tempDir();
      const migrating = trial % 2 === 1;
      const { file, runId } = storeAt(dir, migrating ? LATEST_VERSION - 1 : LATEST_VERSION);
      const checkpointDir = join(dir, 'checkpoint');
      const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, String(runId), checkpointDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      const exited = once(child, 'exit');
      if (migrating) {
        // Killed at a random moment from launch: loading, opening, migrating (with its backup) or the first epochs.
        await new Promise((resolve) => setTimeout(resolve, random.next() * 1500));
      } else {
        // Killed at a random moment of training: mid-epoch, mid-checkpoint, mid-transaction.
        while (!output.includes('opened') && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 5));
        await new Promise((resolve) => setTimeout(resolve, random.next() * 300));
      }
      child.kill('SIGKILL');
      await exited;
      const committed = Math.max(0, ...[...output.matchAll(/committed (\d+)/g)].map((m) => Number(m[1])));
      if (output.includes('opened')) tally.killedMidTraining++;
      else tally.killedWhileStarting++;
      if (migrating) tally.migratedTrials++;
      tally.trials++;

      expect(integrity(file), `trial ${trial}`).toBe('ok');
      const store = openStore(file); // migrates a file the kill left at the old version
      try {
        expect(store.schemaVersion).toBe(LATEST_VERSION);
        const run = store.getRun(runId)!;
        // Not started: still queued. Started: interrupted, and resumable.
        expect(['queued', 'interrupted'], `trial ${trial}: ${run.status}`).toContain(run.status);
        expect(run.epochsDone, `trial ${trial}: an epoch the writer saw committed was lost`).toBeGreaterThanOrEqual(committed);
        const series = store.readSeries([runId]);
        for (const s of series) expect(s.step).toEqual(Array.from({ length: run.epochsDone }, (_, i) => i + 1)); // whole epochs only
        if (run.epochsDone > 0) {
          // Every committed epoch has its checkpoint: the folder (or, killed between the two renames, its .old) holds it or a later one.
          expect(hasCheckpoint(checkpointDir)).toBe(true);
          const { state } = await readStateFile<{ epoch: number }>(checkpointDir);
          expect(state.epoch).toBeGreaterThanOrEqual(run.epochsDone);
          expect(store.latestArtifact(runId, 'checkpoint')?.epoch).toBe(run.epochsDone);
        }
        if (run.status === 'interrupted') store.requeueRun(runId);
        expect(store.claimRun(runId, process.pid)).toBe(true);
      } finally {
        store.close();
      }
      tally.survived++;
      rmSync(dir, { recursive: true, force: true });
    }
    expect(tally.killedMidTraining).toBeGreaterThan(0);
  }, 120_000);

  it('a full disk fails the write whole, classified "full"; what was committed stays and the file is whole', () => {
    const file = join(tempDir(), 'graft.db');
    const setup = openStore(file);
    const runId = setup.createExperiment(sampleExperiment('full disk', 1)).runIds[0]!;
    setup.close();
    const db = new Database(file);
    const pages = Number(db.pragma('page_count', { simple: true }));
    db.pragma(`max_page_count = ${pages + 8}`); // a disk with room for a few pages more
    const store = new RunStore(db, { path: file, fromVersion: LATEST_VERSION, schemaVersion: LATEST_VERSION, backupPath: null, interruptedRunIds: [] });
    let epoch = 0;
    let failure: unknown = null;
    while (failure === null && epoch < 10_000) {
      const points = Array.from({ length: 50 }, (_, i) => ({ task: 'target', split: 'train', metric: `m${i}`, epoch: epoch + 1, step: epoch + 1, time: 0, value: i }));
      try {
        store.withTransaction(() => {
          store.appendPoints(runId, points);
          store.setEpochsDone(runId, epoch + 1);
        });
        epoch++;
      } catch (error) {
        failure = error;
      }
    }
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).code).toBe('full');
    expect(store.getRun(runId)?.epochsDone).toBe(epoch);
    store.close();
    expect(integrity(file)).toBe('ok');
    const reopened = openStore(file);
    expect(reopened.getRun(runId)?.epochsDone).toBe(epoch);
    expect(reopened.readSeries([runId]).every((s) => s.step.length === epoch)).toBe(true);
    reopened.close();
    tally.fullDisk++;
  });

  it('a worker that throws, exits or runs out of memory fails its run with the reason', async () => {
    const dir = tempDir();
    const entry = (body: string) => {
      const path = join(dir, `worker-${Math.random().toString(36).slice(2)}.mjs`);
      writeFileSync(path, `import { parentPort } from 'node:worker_threads';\nparentPort.once('message', () => {\n  parentPort.postMessage({ type: 'started', environment: {} });\n  ${body}\n});\n`);
      return new URL(`file://${path}`);
    };
    const job = { config: {} as never, workDir: dir, sourceModelPath: null };
    const events = { onStarted: () => {}, onEpoch: () => {}, onProgress: () => {}, onLog: () => {}, onDataNotes: () => {}, onArtifact: () => {} };
    const cases: [string, URL, RegExp, object][] = [
      ['throws', entry("throw new Error('boom in epoch 3');"), /the training worker crashed: boom in epoch 3/, {}],
      ['exits', entry('process.exit(3);'), /the training worker exited with code 3 before the run finished/, {}],
      ['runs out of memory', entry('const hold = []; for (;;) hold.push(new Array(1e6).fill(1.5));'), /the training worker ran out of memory/, { resourceLimits: { maxOldGenerationSizeMb: 32 } }],
    ];
    for (const [what, url, reason, options] of cases) {
      const end = await startWorker({ job, resume: null, backend: null }, events, { entry: url, ...options }).done;
      expect(end, what).toMatchObject({ status: 'failed' });
      expect(end.status === 'failed' ? end.error : '', what).toMatch(reason);
      tally.workerFaults++;
    }
  }, 60_000);

  it('a real graft run killed mid-training and resumed reproduces the uninterrupted numbers', async () => {
    const dir = tempDir();
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify(tinyDigitsTransfer({ name: 'resumed', source: undefined, arms: [{ strategy: 'scratch' }], seeds: [1], budgets: ['50/class'], training: { epochs: 6, batchSize: 8 } })));
    mkdirSync(join(dir, 'straight'));
    mkdirSync(join(dir, 'killed'));
    const straight = join(dir, 'straight', 'graft.db');
    const killed = join(dir, 'killed', 'graft.db');
    expect(runGraft(['run', spec, '--db', straight]).code).toBe(0);

    const child = spawn(process.execPath, [GRAFT_BIN, 'run', spec, '--db', killed], { stdio: 'ignore' });
    const epochsDone = () => {
      if (!existsSync(killed)) return 0;
      try {
        const db = new Database(killed, { readonly: true });
        try {
          return db.prepare<[], number>('SELECT epochs_done FROM runs WHERE id = 1').pluck().get() ?? 0;
        } finally {
          db.close();
        }
      } catch {
        return 0; // still being created
      }
    };
    while (epochsDone() < 2 && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(integrity(killed)).toBe('ok');
    const resumed = runGraft(['resume', 'resumed', '--db', killed]);
    expect(resumed.code).toBe(0);

    const values = (file: string) => {
      const store = openStore(file);
      try {
        return store
          .readSeries([1])
          .filter((s) => s.task !== RUN_LEVEL_TASK)
          .map((s) => [`${s.task}/${s.split}/${s.metric}`, s.epoch, s.value]);
      } finally {
        store.close();
      }
    };
    const [a, b] = [values(killed), values(straight)];
    expect(a.map(([name, epochs]) => [name, epochs])).toEqual(b.map(([name, epochs]) => [name, epochs]));
    // Not bit for bit: the resumed epochs' losses differ from the uninterrupted ones in the last
    // float32 digits (about 3e-7 relative, seen 2026-12-08; accuracies equal), so the restored
    // optimizer state is not exactly what the uninterrupted run had. Bounded here, printed below.
    let worst = 0;
    a.forEach(([, , v], i) =>
      (v as number[]).forEach((x, e) => {
        const y = (b[i]![2] as number[])[e]!;
        worst = Math.max(worst, Math.abs(x - y) / Math.max(1e-12, Math.abs(y)));
      }),
    );
    resumeDifference = worst;
    expect(worst).toBeLessThan(1e-5);
    tally.resumedExactly++;
  }, 240_000);
});
