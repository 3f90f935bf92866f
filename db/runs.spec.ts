import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './open.ts';
import { INTERRUPTED_ERROR, isProcessAlive } from './recovery.ts';
import type { RunStore } from './store.ts';
import { removeTempDirs, sampleExperiment, tempDir, thrown } from '../tests/support/db/testing.ts';

afterAll(removeTempDirs);

let file: string;
let store: RunStore;
let runIds: number[];
let experimentId: number;
beforeEach(() => {
  file = join(tempDir(), 'graft.db');
  store = openStore(file);
  ({ experimentId, runIds } = store.createExperiment(sampleExperiment()));
});
afterEach(() => store.close());

const [A, B, C, D] = [0, 1, 2, 3];
const run = (i: number): number => runIds[i] as number;

describe('run lifecycle', () => {
  it('queued -> running -> completed, recording environment, start, progress and finish', () => {
    store.markRunning(run(A), { pid: process.pid, environment: { backend: 'wasm', cores: 2, gpu: null } });
    let summary = store.getRun(run(A));
    expect(summary).toMatchObject({ status: 'running', environment: { backend: 'wasm', cores: 2, gpu: null }, finishedAt: null });
    expect(summary?.startedAt).not.toBeNull();
    store.setEpochsDone(run(A), 4);
    store.setRunStatus(run(A), 'completed');
    summary = store.getRun(run(A));
    expect(summary).toMatchObject({ status: 'completed', error: null, epochsDone: 4, epochsPlanned: 10 });
    expect(summary?.finishedAt).not.toBeNull();
    expect((summary?.finishedAt ?? '') >= (summary?.startedAt ?? '')).toBe(true);
  });

  it('records the reason of a failure and clears it on resume, keeping progress and first start', () => {
    store.markRunning(run(A), { pid: process.pid, environment: null });
    const startedAt = store.getRun(run(A))?.startedAt;
    store.setEpochsDone(run(A), 3);
    store.setRunStatus(run(A), 'failed', { error: 'diverged at epoch 3' });
    expect(store.getRun(run(A))).toMatchObject({ status: 'failed', error: 'diverged at epoch 3' });

    store.requeueRun(run(A));
    expect(store.getRun(run(A))).toMatchObject({ status: 'queued', error: null, finishedAt: null, epochsDone: 3 });
    store.markRunning(run(A), { pid: process.pid, environment: null });
    expect(store.getRun(run(A))?.startedAt).toBe(startedAt);
  });

  it('requeues interrupted, failed and cancelled runs only', () => {
    store.setRunStatus(run(A), 'interrupted', { error: 'x' });
    store.setRunStatus(run(B), 'cancelled');
    store.setRunStatus(run(C), 'completed');
    store.requeueRun(run(A));
    store.requeueRun(run(B));
    const error = thrown(() => store.requeueRun(run(C)));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(`run ${run(C)} cannot be resumed: it is completed`);
    expect(thrown(() => store.requeueRun(run(D))).code).toBe('conflict'); // queued
  });

  it('starts only queued runs', () => {
    store.setRunStatus(run(A), 'completed');
    const error = thrown(() => store.markRunning(run(A), { pid: process.pid, environment: null }));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(`run ${run(A)} cannot start: it is completed, not queued`);
  });

  it('sets finished_at for stopped states and clears it for queued and running', () => {
    for (const status of ['completed', 'failed', 'cancelled', 'interrupted'] as const) {
      store.setRunStatus(run(A), status);
      expect(store.getRun(run(A))?.finishedAt).not.toBeNull();
    }
    store.setRunStatus(run(A), 'queued');
    expect(store.getRun(run(A))?.finishedAt).toBeNull();
  });

  it('updates the config', () => {
    store.updateRunConfig(run(A), { lr: 0.5, resolved: true });
    expect(store.getRun(run(A))?.config).toEqual({ lr: 0.5, resolved: true });
  });

  it("reports 'not-found' for every write to a run that does not exist", () => {
    const writes: [string, () => unknown][] = [
      ['markRunning', () => store.markRunning(999, { pid: 1, environment: null })],
      ['setRunStatus', () => store.setRunStatus(999, 'completed')],
      ['setEpochsDone', () => store.setEpochsDone(999, 1)],
      ['requeueRun', () => store.requeueRun(999)],
      ['updateRunConfig', () => store.updateRunConfig(999, {})],
      ['setTags', () => store.setTags(999, ['a'])],
      ['setNote', () => store.setNote(999, 'n')],
      ['appendPoints', () => store.appendPoints(999, [{ task: 't', split: 's', metric: 'm', epoch: 0, step: 0, time: 0, value: 1 }])],
      ['addArtifact', () => store.addArtifact(999, { kind: 'model', path: '/m', size: 1, sha256: 'c'.repeat(64) })],
    ];
    for (const [name, write] of writes) {
      const error = thrown(write);
      expect([name, error.code, error.message]).toEqual([name, 'not-found', 'run 999 does not exist']);
    }
    expect(store.getRun(999)).toBeUndefined();
  });

  it("rejects bad values as 'invalid'", () => {
    expect(thrown(() => store.setEpochsDone(run(A), -1)).code).toBe('invalid');
    expect(thrown(() => store.setEpochsDone(run(A), 1.5)).code).toBe('invalid');
    expect(thrown(() => store.setRunStatus(run(A), 'paused' as 'queued')).code).toBe('invalid');
    expect(thrown(() => store.updateRunConfig(run(A), undefined)).code).toBe('invalid');
  });
});

describe('listRuns', () => {
  beforeEach(() => {
    store.markRunning(run(A), { pid: process.pid, environment: null });
    store.setRunStatus(run(B), 'failed', { error: 'x' });
    store.createExperiment(sampleExperiment('other'));
  });

  it('filters by experiment, run ids and status, alone and together, in id order', () => {
    expect(store.listRuns()).toHaveLength(8);
    expect(store.listRuns({ experimentId }).map((r) => r.id)).toEqual(runIds);
    expect(store.listRuns({ runIds: [run(C), run(A)] }).map((r) => r.id)).toEqual([run(A), run(C)]);
    expect(store.listRuns({ status: ['running', 'failed'] }).map((r) => r.id)).toEqual([run(A), run(B)]);
    expect(store.listRuns({ experimentId, status: ['queued'] }).map((r) => r.id)).toEqual([run(C), run(D)]);
    expect(store.listRuns({ experimentId, runIds: [run(B), run(C)], status: ['failed'] }).map((r) => r.id)).toEqual([run(B)]);
    expect(store.listRuns({ experimentId: 999 })).toEqual([]);
  });

  it('matches nothing for an empty list of ids or statuses', () => {
    expect(store.listRuns({ runIds: [] })).toEqual([]);
    expect(store.listRuns({ status: [] })).toEqual([]);
  });
});

describe('tags and notes', () => {
  it('stores tags trimmed, unique and sorted, and replaces them', () => {
    expect(store.setTags(run(A), [' best ', 'baseline', 'best', '', 'ÿ'])).toEqual(['baseline', 'best', 'ÿ']);
    expect(store.getRun(run(A))?.tags).toEqual(['baseline', 'best', 'ÿ']);
    store.setTags(run(A), ['rerun']);
    expect(store.getRun(run(A))?.tags).toEqual(['rerun']);
    store.setTags(run(A), []);
    expect(store.getRun(run(A))?.tags).toEqual([]);
    expect(store.getRun(run(B))?.tags).toEqual([]);
  });

  it('stores one note per run; an empty note removes it', () => {
    store.setNote(run(A), 'lr too high?');
    store.setNote(run(A), 'lr fine, data was shuffled wrongly');
    expect(store.getRun(run(A))?.note).toBe('lr fine, data was shuffled wrongly');
    store.setNote(run(A), '');
    expect(store.getRun(run(A))?.note).toBe('');
  });
});

describe('recovery of runs a crash left running', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  function sleeper(): ChildProcess {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(child);
    return child;
  }

  async function deadPid(): Promise<number> {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await once(child, 'exit');
    return child.pid as number;
  }

  it('interrupts runs whose owner process is gone or unknown, and leaves live owners alone', async () => {
    const live = sleeper();
    const dead = await deadPid();
    expect(isProcessAlive(dead)).toBe(false);
    store.markRunning(run(A), { pid: dead, environment: null });
    store.markRunning(run(B), { pid: live.pid as number, environment: null });
    store.markRunning(run(C), { pid: process.pid, environment: null });
    store.setRunStatus(run(D), 'running'); // no owner recorded
    store.close();

    store = openStore(file);
    expect(store.openReport.interruptedRunIds).toEqual([run(A), run(D)]);
    for (const id of [run(A), run(D)]) {
      expect(store.getRun(id)).toMatchObject({ status: 'interrupted', error: INTERRUPTED_ERROR, finishedAt: null });
    }
    expect(store.getRun(run(B))?.status).toBe('running');
    expect(store.getRun(run(C))?.status).toBe('running');
    store.close();

    live.kill('SIGKILL');
    await once(live, 'exit');
    store = openStore(file);
    expect(store.openReport.interruptedRunIds).toEqual([run(B)]);
    expect(store.getRun(run(B))).toMatchObject({ status: 'interrupted', error: INTERRUPTED_ERROR });
    expect(store.getRun(run(C))?.status).toBe('running'); // this process is still alive

    store.requeueRun(run(B));
    expect(store.getRun(run(B))).toMatchObject({ status: 'queued', error: null });
  });

  it('treats pids that are not one process as gone', () => {
    expect(isProcessAlive(0)).toBe(false);
    expect(isProcessAlive(-1)).toBe(false);
    expect(isProcessAlive(1.5)).toBe(false);
    expect(isProcessAlive(2 ** 31 - 2)).toBe(false);
    expect(isProcessAlive(process.pid)).toBe(true);
  });
});
