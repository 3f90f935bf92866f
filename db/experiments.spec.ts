import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreError } from './errors.ts';
import type { NewExperiment } from './experiments.ts';
import { openStore } from './open.ts';
import type { RunStore } from './store.ts';
import { TABLES, countRows, rawConnection, removeTempDirs, sampleExperiment, tempDir, thrown } from '../tests/support/db/testing.ts';

afterAll(removeTempDirs);

let file: string;
let store: RunStore;
beforeEach(() => {
  file = join(tempDir(), 'graft.db');
  store = openStore(file);
});
afterEach(() => store.close());

const NOTHING = Object.fromEntries(TABLES.map((table) => [table, 0]));

/** One experiment with points, an artifact, tags and a note on each run. */
function filledExperiment(name: string): { experimentId: number; runIds: number[] } {
  const created = store.createExperiment(sampleExperiment(name));
  for (const runId of created.runIds) {
    store.markRunning(runId, { pid: process.pid, environment: { backend: 'cpu' } });
    store.appendPoints(runId, [
      { task: 'target', split: 'train', metric: 'loss', epoch: 0, step: 1, time: 0.1, value: 2.3 },
      { task: 'target', split: 'val', metric: 'accuracy', epoch: 0, step: 1, time: 0.2, value: 0.4 },
    ]);
    store.addArtifact(runId, { kind: 'checkpoint', path: `/ckpt/${runId}/e0`, size: 10, sha256: 'a'.repeat(64), epoch: 0 });
    store.addArtifact(runId, { kind: 'model', path: `/models/${runId}`, size: 20, sha256: 'b'.repeat(64) });
    store.setTags(runId, ['seeded', name]);
    store.setNote(runId, `note of ${runId}`);
    store.appendRunLog(runId, `log of ${runId}`);
    store.setRunStatus(runId, 'completed');
  }
  return created;
}

describe('createExperiment', () => {
  it('stores the experiment and its runs as queued', () => {
    const input = sampleExperiment();
    const { experimentId, runIds } = store.createExperiment(input);
    expect(runIds).toHaveLength(4);
    const detail = store.getExperiment(experimentId);
    expect(detail).toMatchObject({
      id: experimentId,
      name: input.name,
      kind: 'transfer',
      specVersion: 1,
      spec: input.spec,
      runs: { total: 4, queued: 4, running: 0, completed: 0, failed: 0, cancelled: 0, interrupted: 0 },
    });
    expect(detail?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const runs = store.listRuns({ experimentId });
    expect(runs.map((r) => r.id)).toEqual(runIds);
    expect(runs[0]).toMatchObject({
      experimentId,
      arm: 'scratch',
      seed: 1,
      budget: '50/class',
      status: 'queued',
      error: null,
      config: { arm: 'scratch', lr: 1e-3, seed: 1 },
      environment: null,
      tags: [],
      note: '',
      startedAt: null,
      finishedAt: null,
      epochsDone: 0,
      epochsPlanned: 10,
    });
  });

  // Each bad input fails the whole call: no experiment, no runs, nothing half-written.
  const bad: { name: string; code: StoreError['code']; message: RegExp; input: (base: NewExperiment) => NewExperiment }[] = [
    {
      name: 'the same arm, seed and budget twice',
      code: 'conflict',
      message: /^runs\[4\] \(arm scratch, seed 1, budget 50\/class\): an earlier run has the same arm, seed and budget$/,
      input: (base) => ({ ...base, runs: [...base.runs, { ...base.runs[0]!, config: {} }] }),
    },
    {
      name: 'a fractional seed',
      code: 'invalid',
      message: /runs\[3\]/,
      input: (base) => ({ ...base, runs: base.runs.map((run, i) => (i === 3 ? { ...run, seed: 1.5 } : run)) }),
    },
    {
      name: 'an empty arm name',
      code: 'invalid',
      message: /runs\[1\]/,
      input: (base) => ({ ...base, runs: base.runs.map((run, i) => (i === 1 ? { ...run, arm: '' } : run)) }),
    },
    {
      name: 'a config that is not JSON',
      code: 'invalid',
      message: /runs\[2\]\.config cannot be stored as JSON/,
      input: (base) => ({ ...base, runs: base.runs.map((run, i) => (i === 2 ? { ...run, config: undefined } : run)) }),
    },
    {
      name: 'a config with a cycle',
      code: 'invalid',
      message: /runs\[0\]\.config cannot be stored as JSON/,
      input: (base) => {
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        return { ...base, runs: base.runs.map((run, i) => (i === 0 ? { ...run, config: cyclic } : run)) };
      },
    },
    {
      name: 'an unknown kind',
      code: 'invalid',
      message: /CHECK constraint failed/,
      input: (base) => ({ ...base, kind: 'distillation' as NewExperiment['kind'] }),
    },
    {
      name: 'negative planned epochs',
      code: 'invalid',
      message: /runs\[3\]/,
      input: (base) => ({ ...base, runs: base.runs.map((run, i) => (i === 3 ? { ...run, epochsPlanned: -1 } : run)) }),
    },
  ];
  for (const b of bad) {
    it(`stores nothing when given ${b.name}`, () => {
      const error = thrown(() => store.createExperiment(b.input(sampleExperiment())));
      expect(error.code).toBe(b.code);
      expect(error.message).toMatch(b.message);
      expect(countRows(file)).toEqual(NOTHING);
      expect(store.listExperiments()).toEqual([]);
    });
  }

  it('never reuses the id of a deleted experiment or run', () => {
    const first = store.createExperiment(sampleExperiment('first'));
    store.deleteExperiment(first.experimentId);
    const second = store.createExperiment(sampleExperiment('second'));
    expect(second.experimentId).toBeGreaterThan(first.experimentId);
    expect(Math.min(...second.runIds)).toBeGreaterThan(Math.max(...first.runIds));
  });
});

describe('listExperiments, getExperiment, findExperiment', () => {
  it('lists newest first with status counts', () => {
    const a = filledExperiment('alpha');
    const b = store.createExperiment(sampleExperiment('beta'));
    store.markRunning(b.runIds[0]!, { pid: process.pid, environment: null });
    store.setRunStatus(b.runIds[1]!, 'failed', { error: 'diverged' });
    const list = store.listExperiments();
    expect(list.map((e) => e.id)).toEqual([b.experimentId, a.experimentId]);
    expect(list[0]?.runs).toEqual({ total: 4, queued: 2, running: 1, completed: 0, failed: 1, cancelled: 0, interrupted: 0 });
    expect(list[1]?.runs).toEqual({ total: 4, queued: 0, running: 0, completed: 4, failed: 0, cancelled: 0, interrupted: 0 });
    expect(list[0]).not.toHaveProperty('spec'); // summaries stay small
  });

  it('counts an experiment without runs', () => {
    const { experimentId } = store.createExperiment({ ...sampleExperiment('empty'), runs: [] });
    expect(store.getExperiment(experimentId)?.runs.total).toBe(0);
  });

  it('searches names case-insensitively, Unicode included', () => {
    store.createExperiment(sampleExperiment('Fashion → Digits'));
    store.createExperiment(sampleExperiment('ÜBUNG penguins'));
    store.createExperiment(sampleExperiment('cifar 100% labels'));
    expect(store.listExperiments('fashion').map((e) => e.name)).toEqual(['Fashion → Digits']);
    expect(store.listExperiments('übung').map((e) => e.name)).toEqual(['ÜBUNG penguins']);
    expect(store.listExperiments('100%').map((e) => e.name)).toEqual(['cifar 100% labels']); // no LIKE wildcards
    expect(store.listExperiments('  ')).toHaveLength(3);
    expect(store.listExperiments('nothing like it')).toEqual([]);
  });

  it('finds by id, by exact name (newest wins), and by a numeric name', () => {
    const older = store.createExperiment(sampleExperiment('repeat'));
    const newer = store.createExperiment(sampleExperiment('repeat'));
    const numeric = store.createExperiment(sampleExperiment('2024'));
    expect(store.findExperiment(String(older.experimentId))?.id).toBe(older.experimentId);
    expect(store.findExperiment('repeat')?.id).toBe(newer.experimentId);
    expect(store.findExperiment('2024')?.id).toBe(numeric.experimentId);
    expect(store.findExperiment('Repeat')).toBeUndefined();
    expect(store.findExperiment('999')).toBeUndefined();
    expect(store.getExperiment(999)).toBeUndefined();
  });
});

describe('deleteExperiment', () => {
  it('cascades to every table and leaves no orphan rows', () => {
    const keep = filledExperiment('keep');
    const gone = filledExperiment('gone');
    store.readSeries([...keep.runIds, ...gone.runIds], {}, { maxPoints: 600 }); // stores each series' overview
    const before = countRows(file);
    expect(before).toEqual({ experiments: 2, runs: 8, series: 16, points: 16, series_overview: 16, artifacts: 16, tags: 16, notes: 8, run_logs: 8 });

    const result = store.deleteExperiment(gone.experimentId);
    expect(result.deletedRuns).toBe(4);
    expect(result.artifactPaths.sort()).toEqual(
      gone.runIds.flatMap((id) => [`/ckpt/${id}/e0`, `/models/${id}`]).sort(),
    );
    expect(countRows(file)).toEqual({ experiments: 1, runs: 4, series: 8, points: 8, series_overview: 8, artifacts: 8, tags: 8, notes: 4, run_logs: 4 });

    const raw = rawConnection(file);
    const orphans = raw
      .prepare(
        `SELECT
           (SELECT count(*) FROM runs WHERE experiment_id NOT IN (SELECT id FROM experiments)) +
           (SELECT count(*) FROM series WHERE run_id NOT IN (SELECT id FROM runs)) +
           (SELECT count(*) FROM points WHERE series_id NOT IN (SELECT id FROM series)) +
           (SELECT count(*) FROM series_overview WHERE series_id NOT IN (SELECT id FROM series)) +
           (SELECT count(*) FROM artifacts WHERE run_id NOT IN (SELECT id FROM runs)) +
           (SELECT count(*) FROM tags WHERE run_id NOT IN (SELECT id FROM runs)) +
           (SELECT count(*) FROM notes WHERE run_id NOT IN (SELECT id FROM runs)) +
           (SELECT count(*) FROM run_logs WHERE run_id NOT IN (SELECT id FROM runs))`,
      )
      .pluck()
      .get();
    expect(orphans).toBe(0);
    expect(raw.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    raw.close();

    expect(store.getExperiment(gone.experimentId)).toBeUndefined();
    expect(store.listRuns({ runIds: gone.runIds })).toEqual([]);
    expect(store.readSeries(gone.runIds)).toEqual([]);
    expect(store.listRuns({ experimentId: keep.experimentId })).toHaveLength(4);
    expect(store.readSeries(keep.runIds)).toHaveLength(8);
  });

  it("reports 'not-found' for an experiment that does not exist", () => {
    const error = thrown(() => store.deleteExperiment(42));
    expect(error.code).toBe('not-found');
    expect(error.message).toBe('experiment 42 does not exist');
  });

  it('lets points be written again for a new run after deleting (no stale series ids)', () => {
    const gone = filledExperiment('gone');
    store.deleteExperiment(gone.experimentId);
    const fresh = store.createExperiment(sampleExperiment('fresh'));
    const runId = fresh.runIds[0]!;
    store.appendPoints(runId, [{ task: 'target', split: 'val', metric: 'accuracy', epoch: 0, step: 1, time: 1, value: 0.9 }]);
    expect(store.readSeries([runId])).toMatchObject([{ runId, value: [0.9] }]);
  });
});
