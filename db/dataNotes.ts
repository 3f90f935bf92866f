// The data_notes table: the data notes (contract/dataNotes.ts) of an experiment — what its loader
// decided, written at submit — and of each run — what that run's own data preparation decided
// (rows drawn, budgets capped), written when its worker has prepared the data. In the order written.
import type Database from 'better-sqlite3';
import type { DataNote } from '../contract/dataNotes.ts';

export const DATA_NOTES_SCHEMA = `
CREATE TABLE data_notes (
  id            INTEGER PRIMARY KEY,
  experiment_id INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  data          TEXT    NOT NULL,
  note          TEXT    NOT NULL
) STRICT;
CREATE INDEX data_notes_by_experiment ON data_notes (experiment_id);
`;

/** Migration 5: a note with a run_id is that run's; one without is its experiment's. */
export const DATA_NOTES_RUN_COLUMN = `
ALTER TABLE data_notes ADD COLUMN run_id INTEGER REFERENCES runs (id) ON DELETE CASCADE;
CREATE INDEX data_notes_by_run ON data_notes (run_id) WHERE run_id IS NOT NULL;
`;

export class DataNotes {
  // Prepared on first use: a store opened at an older schema (tests of migrations) has no table yet.
  private insert: Database.Statement<[number, number | null, string, string]> | null = null;
  private select: Database.Statement<[number], DataNote> | null = null;
  private selectRun: Database.Statement<[number], DataNote> | null = null;
  private deleteRun: Database.Statement<[number]> | null = null;

  constructor(private readonly db: Database.Database) {}

  add(experimentId: number, notes: readonly DataNote[]): void {
    this.insertAll(experimentId, null, notes);
  }

  /** The experiment's own notes, not its runs'. */
  list(experimentId: number): DataNote[] {
    this.select ??= this.db.prepare<[number], DataNote>('SELECT data, note FROM data_notes WHERE experiment_id = ? AND run_id IS NULL ORDER BY id');
    return this.select.all(experimentId);
  }

  /** Replaces the run's notes: a resumed run prepares its data again and says the same things once. */
  setForRun(experimentId: number, runId: number, notes: readonly DataNote[]): void {
    this.deleteRun ??= this.db.prepare<[number]>('DELETE FROM data_notes WHERE run_id = ?');
    this.db.transaction(() => {
      this.deleteRun?.run(runId);
      this.insertAll(experimentId, runId, notes);
    })();
  }

  listForRun(runId: number): DataNote[] {
    this.selectRun ??= this.db.prepare<[number], DataNote>('SELECT data, note FROM data_notes WHERE run_id = ? ORDER BY id');
    return this.selectRun.all(runId);
  }

  private insertAll(experimentId: number, runId: number | null, notes: readonly DataNote[]): void {
    this.insert ??= this.db.prepare<[number, number | null, string, string]>('INSERT INTO data_notes (experiment_id, run_id, data, note) VALUES (?, ?, ?, ?)');
    for (const n of notes) this.insert.run(experimentId, runId, n.data, n.note);
  }
}
