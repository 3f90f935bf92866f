// Claiming a run: several Graft processes (the desktop app, `graft serve`, `graft run`) may
// share one store, and each one's scheduler sees the same queued runs. The run goes to whoever
// wins one conditional UPDATE from 'queued' to 'running', taken before any worker starts; a
// process that loses simply does not train it. Losing is an ordinary outcome, not an error.
import type Database from 'better-sqlite3';
import type { RunEnvironment } from '../contract/model.ts';
import { nowIso, toJson } from './values.ts';

export class RunClaims {
  private readonly claim;
  private readonly environment;

  constructor(db: Database.Database) {
    // started_at keeps the first start, so "seconds since the run started" stays one clock
    // across resumes.
    this.claim = db.prepare<[number, string, number]>(
      `UPDATE runs SET status = 'running', owner_pid = ?, started_at = coalesce(started_at, ?), finished_at = NULL, error = NULL
       WHERE id = ? AND status = 'queued'`,
    );
    this.environment = db.prepare<[string | null, number, number]>(
      "UPDATE runs SET environment = ? WHERE id = ? AND owner_pid = ? AND status = 'running'",
    );
  }

  /** queued -> running, owned by `pid`; false when the run is not queued (another process took it). */
  take(runId: number, pid: number): boolean {
    return this.claim.run(pid, nowIso(), runId).changes === 1;
  }

  /** What the worker reported about where it trains, on a run this process holds. */
  recordEnvironment(runId: number, pid: number, environment: RunEnvironment | null): void {
    this.environment.run(environment === null ? null : toJson(environment, 'environment'), runId, pid);
  }
}
