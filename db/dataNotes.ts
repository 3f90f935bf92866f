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
  private readonly insert;
  private readonly select;

  constructor(db: Database.Database) {
    this.insert = db.prepare<[number, string, string]>('INSERT INTO data_notes (experiment_id, data, note) VALUES (?, ?, ?)');
    this.select = db.prepare<[number], DataNote>('SELECT data, note FROM data_notes WHERE experiment_id = ? ORDER BY id');
  }

  add(experimentId: number, notes: readonly DataNote[]): void {
    for (const n of notes) this.insert.run(experimentId, n.data, n.note);
  }

  list(experimentId: number): DataNote[] {
    return this.select.all(experimentId);
  }
}
