// Runs: their lifecycle (queued -> running -> completed | failed | cancelled | interrupted,
// and back to queued on resume), progress, config, tags and note.
import type Database from 'better-sqlite3';
import type { RunEnvironment, RunStatus, RunSummary } from '../contract/model.ts';
import { RUN_STATUSES } from '../contract/model.ts';
import { StoreError } from './errors.ts';
import { fromJson, nowIso, toJson } from './values.ts';

export interface RunFilter {
  experimentId?: number;
  runIds?: number[];
  /** Runs in any of these states; an empty list matches no run. */
  status?: RunStatus[];
}

interface RunRow {
  id: number;
  experiment_id: number;
  arm: string;
  seed: number;
  budget: string;
  status: RunStatus;
  error: string | null;
  config: string;
  environment: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  epochs_done: number;
  epochs_planned: number | null;
  note: string;
  tags: string;
}

const RUN_SELECT = `
  SELECT r.id, r.experiment_id, r.arm, r.seed, r.budget, r.status, r.error, r.config, r.environment,
         r.created_at, r.started_at, r.finished_at, r.epochs_done, r.epochs_planned,
         coalesce(n.note, '') AS note,
         (SELECT json_group_array(t.tag) FROM tags t WHERE t.run_id = r.id) AS tags
  FROM runs r LEFT JOIN notes n ON n.run_id = r.id`;

/** States a run stops in. 'interrupted' is one: the run is not going on, though it can resume. */
const STOPPED: readonly RunStatus[] = ['completed', 'failed', 'cancelled', 'interrupted'];
const RESUMABLE: readonly RunStatus[] = ['interrupted', 'failed', 'cancelled'];

function toRunSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    experimentId: row.experiment_id,
    arm: row.arm,
    seed: row.seed,
    budget: row.budget,
    status: row.status,
    error: row.error,
    config: fromJson(row.config),
    environment: row.environment === null ? null : (fromJson(row.environment) as RunEnvironment),
    // Sorted here, not in SQL, so the order matches what setTags returns (JS sorts UTF-16
    // code units, SQLite sorts UTF-8 bytes).
    tags: (fromJson(row.tags) as string[]).sort(),
    note: row.note,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    epochsDone: row.epochs_done,
    epochsPlanned: row.epochs_planned,
  };
}

export class Runs {
  // One statement per combination of filters, prepared on first use: a single statement with
  // "(? IS NULL OR ...)" terms would keep SQLite from using the indexes.
  private readonly filtered = new Map<string, Database.Statement<unknown[], RunRow>>();
  private readonly selectOne;
  private readonly selectStatus;
  private readonly startRun;
  private readonly updateStatus;
  private readonly updateEpochs;
  private readonly toQueued;
  private readonly writeConfig;
  private readonly deleteTags;
  private readonly insertTag;
  private readonly deleteNote;
  private readonly upsertNote;
  private readonly setTagsTx;

  constructor(private readonly db: Database.Database) {
    this.selectOne = db.prepare<[number], RunRow>(`${RUN_SELECT} WHERE r.id = ?`);
    this.selectStatus = db.prepare<[number], RunStatus>('SELECT status FROM runs WHERE id = ?').pluck();
    // started_at keeps the first start, so "seconds since the run started" stays one clock
    // across resumes.
    this.startRun = db.prepare<[number, string | null, string, number]>(
      `UPDATE runs SET status = 'running', owner_pid = ?, environment = ?, started_at = coalesce(started_at, ?),
         finished_at = NULL, error = NULL
       WHERE id = ? AND status = 'queued'`,
    );
    this.updateStatus = db.prepare<[RunStatus, string | null, string | null, number]>(
      'UPDATE runs SET status = ?, error = ?, finished_at = ? WHERE id = ?',
    );
    this.updateEpochs = db.prepare<[number, number]>('UPDATE runs SET epochs_done = ? WHERE id = ?');
    this.toQueued = db.prepare<[number]>(
      `UPDATE runs SET status = 'queued', error = NULL, finished_at = NULL, owner_pid = NULL
       WHERE id = ? AND status IN (${RESUMABLE.map((s) => `'${s}'`).join(', ')})`,
    );
    this.writeConfig = db.prepare<[string, number]>('UPDATE runs SET config = ? WHERE id = ?');
    this.deleteTags = db.prepare<[number]>('DELETE FROM tags WHERE run_id = ?');
    this.insertTag = db.prepare<[number, string]>('INSERT OR IGNORE INTO tags (run_id, tag) VALUES (?, ?)');
    this.deleteNote = db.prepare<[number]>('DELETE FROM notes WHERE run_id = ?');
    this.upsertNote = db.prepare<[number, string]>(
      'INSERT INTO notes (run_id, note) VALUES (?, ?) ON CONFLICT (run_id) DO UPDATE SET note = excluded.note',
    );
    this.setTagsTx = db.transaction((runId: number, tags: string[]) => {
      this.mustExist(runId);
      this.deleteTags.run(runId);
      for (const tag of tags) this.insertTag.run(runId, tag);
    });
  }

  list(filter: RunFilter = {}): RunSummary[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.experimentId !== undefined) {
      where.push('r.experiment_id = ?');
      params.push(filter.experimentId);
    }
    if (filter.runIds !== undefined) {
      if (filter.runIds.length === 0) return [];
      where.push('r.id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(filter.runIds));
    }
    if (filter.status !== undefined) {
      if (filter.status.length === 0) return [];
      where.push('r.status IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(filter.status));
    }
    const key = where.join(' AND ');
    let statement = this.filtered.get(key);
    if (statement === undefined) {
      statement = this.db.prepare<unknown[], RunRow>(`${RUN_SELECT} ${key === '' ? '' : `WHERE ${key}`} ORDER BY r.id`);
      this.filtered.set(key, statement);
    }
    return statement.all(...params).map(toRunSummary);
  }

  get(id: number): RunSummary | undefined {
    const row = this.selectOne.get(id);
    return row === undefined ? undefined : toRunSummary(row);
  }

  markRunning(runId: number, owner: { pid: number; environment: RunEnvironment | null }): void {
    const environment = owner.environment === null ? null : toJson(owner.environment, 'environment');
    if (this.startRun.run(owner.pid, environment, nowIso(), runId).changes === 0) {
      throw new StoreError('conflict', `run ${runId} cannot start: it is ${this.mustExist(runId)}, not queued`);
    }
  }

  /** Records a new state. Stopped states get finished_at; queued and running clear it. */
  setStatus(runId: number, status: RunStatus, error: string | null): void {
    if (!RUN_STATUSES.includes(status)) throw new StoreError('invalid', `run ${runId}: unknown status '${status}'`);
    const finishedAt = STOPPED.includes(status) ? nowIso() : null;
    if (this.updateStatus.run(status, error, finishedAt, runId).changes === 0) this.mustExist(runId);
  }

  setEpochsDone(runId: number, epochs: number): void {
    if (this.updateEpochs.run(epochs, runId).changes === 0) this.mustExist(runId);
  }

  /** For resume: epochs_done and started_at stay, so the run continues from its last checkpoint. */
  requeue(runId: number): void {
    if (this.toQueued.run(runId).changes === 0) {
      const status = this.mustExist(runId);
      throw new StoreError('conflict', `run ${runId} cannot be resumed: it is ${status}`);
    }
  }

  updateConfig(runId: number, config: unknown): void {
    if (this.writeConfig.run(toJson(config, 'config'), runId).changes === 0) this.mustExist(runId);
  }

  /** Replaces the run's tags; returns them as stored: trimmed, without blanks or repeats, sorted. */
  setTags(runId: number, tags: readonly string[]): string[] {
    const clean = [...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag !== ''))].sort();
    this.setTagsTx(runId, clean);
    return clean;
  }

  /** An empty note removes it. */
  setNote(runId: number, note: string): void {
    this.mustExist(runId);
    if (note === '') this.deleteNote.run(runId);
    else this.upsertNote.run(runId, note);
  }

  /** Returns the run's status, or throws not-found. */
  private mustExist(runId: number): RunStatus {
    const status = this.selectStatus.get(runId);
    if (status === undefined) throw new StoreError('not-found', `run ${runId} does not exist`);
    return status;
  }
}
