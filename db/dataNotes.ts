// The data_notes table: an experiment's data notes (contract/dataNotes.ts), in the order written.
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

export class DataNotes {
  // Prepared on first use: a store opened at an older schema (tests of migrations) has no table yet.
  private insert: Database.Statement<[number, string, string]> | null = null;
  private select: Database.Statement<[number], DataNote> | null = null;

  constructor(private readonly db: Database.Database) {}

  add(experimentId: number, notes: readonly DataNote[]): void {
    this.insert ??= this.db.prepare<[number, string, string]>('INSERT INTO data_notes (experiment_id, data, note) VALUES (?, ?, ?)');
    for (const n of notes) this.insert.run(experimentId, n.data, n.note);
  }

  list(experimentId: number): DataNote[] {
    this.select ??= this.db.prepare<[number], DataNote>('SELECT data, note FROM data_notes WHERE experiment_id = ? ORDER BY id');
    return this.select.all(experimentId);
  }
}
