// Data notes in a real SQLite file: an experiment's and each run's kept apart, a run's replaced
// (not doubled) when it starts again on a resume, and gone with their experiment.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from './errors.ts';
import { openStore } from './open.ts';
import { removeTempDirs, sampleExperiment, tempDir } from '../tests/support/db/testing.ts';

afterAll(removeTempDirs);

describe('data notes', () => {
  it("of a run are the run's: apart from its experiment's and its sibling's, replaced on a second start, gone with the experiment", () => {
    const file = join(tempDir(), 'graft.db');
    const store = openStore(file);
    const { experimentId, runIds } = store.createExperiment(sampleExperiment());
    const [a, b] = runIds as [number, number];
    store.addDataNotes(experimentId, [{ data: 'target', note: 'skipped 1 non-image files: a.txt' }]);
    store.setRunDataNotes(a, [{ data: 'data', note: 'first start' }, { data: 'data', note: 'budget capped' }]);
    store.setRunDataNotes(a, [{ data: 'data', note: 'resumed' }]);
    store.setRunDataNotes(b, [{ data: 'data', note: 'sibling' }]);
    store.close();

    const reopened = openStore(file);
    expect(reopened.listRunDataNotes(a)).toEqual([{ data: 'data', note: 'resumed' }]);
    expect(reopened.listRunDataNotes(b)).toEqual([{ data: 'data', note: 'sibling' }]);
    expect(reopened.listDataNotes(experimentId)).toEqual([{ data: 'target', note: 'skipped 1 non-image files: a.txt' }]);
    expect(() => reopened.setRunDataNotes(9999, [{ data: 'data', note: 'x' }])).toThrow(StoreError);
    expect(() => reopened.setRunDataNotes(9999, [])).toThrow(/run 9999 does not exist/);
    reopened.deleteExperiment(experimentId);
    expect(reopened.listRunDataNotes(a)).toEqual([]);
    expect(reopened.listDataNotes(experimentId)).toEqual([]);
    reopened.close();
  });
});
