// A run's log lines, stored with the run so they are there after a reload or a restart. Lines
// are numbered per run; only the newest MAX_LOG_LINES are kept (older ones are dropped as new
// ones arrive), so a chatty run cannot grow the file without bound.
import type Database from 'better-sqlite3';
import { nowIso } from './values.ts';

export const MAX_STORED_LOG_LINES = 2000;
/** A stored line is cut at this many characters. */
export const MAX_LOG_LINE_CHARS = 4000;

export interface RunLogLine {
  /** 1, 2, 3… per run, in the order the lines came. */
  seq: number;
  time: string;
  line: string;
}

export class RunLogs {
  // Prepared on first use, like the other tables added after v2: a store opened at an older
  // schema (tests of migration, a read-only file from an older Graft) must still open.
  private insert?: Database.Statement<[number, number, string, string]>;
  private trim?: Database.Statement<[number, number, number]>;
  private select?: Database.Statement<[number], RunLogLine>;

  constructor(private readonly db: Database.Database) {}

  append(runId: number, line: string): void {
    this.insert ??= this.db.prepare<[number, number, string, string]>(
      `INSERT INTO run_logs (run_id, seq, time, line)
       VALUES (?, coalesce((SELECT max(seq) FROM run_logs WHERE run_id = ?), 0) + 1, ?, ?)`,
    );
    this.trim ??= this.db.prepare<[number, number, number]>('DELETE FROM run_logs WHERE run_id = ? AND seq <= (SELECT max(seq) FROM run_logs WHERE run_id = ?) - ?');
    this.insert.run(runId, runId, nowIso(), line.slice(0, MAX_LOG_LINE_CHARS));
    this.trim.run(runId, runId, MAX_STORED_LOG_LINES);
  }

  read(runId: number): RunLogLine[] {
    this.select ??= this.db.prepare<[number], RunLogLine>('SELECT seq, time, line FROM run_logs WHERE run_id = ? ORDER BY seq');
    return this.select.all(runId);
  }
}
