// RunStore: the one object the rest of Graft uses to read and write the database. It only
// delegates to the table modules and turns every failure into a classified StoreError.
import type Database from 'better-sqlite3';
import type {
  ExperimentDetail,
  ExperimentSummary,
  RunEnvironment,
  RunStatus,
  RunSummary,
  Series,
  SeriesKey,
} from '../contract/model.ts';
import type { Artifact, NewArtifact } from './artifacts.ts';
import { Artifacts } from './artifacts.ts';
import type { DataNote } from '../contract/dataNotes.ts';
import { RunClaims } from './claim.ts';
import { DataNotes } from './dataNotes.ts';
import { StoreError, toStoreError } from './errors.ts';
import type { NewExperiment } from './experiments.ts';
import { Experiments } from './experiments.ts';
import type { RunFilter } from './runs.ts';
import { Runs } from './runs.ts';
import { recoverInterruptedRuns } from './recovery.ts';
import { RunLogs, type RunLogLine } from './runLogs.ts';
import type { MetricPoint, SeriesFilter, SeriesReadOptions } from './series.ts';
import { SeriesStore } from './series.ts';

/** What happened when the file was opened, for the caller to log or show. */
export interface OpenReport {
  /** Absolute path of the file, or ':memory:'. */
  path: string;
  /** Schema version the file had before opening; 0 for a new file. */
  fromVersion: number;
  schemaVersion: number;
  /** Copy taken before migrating, or null when no migration of existing data ran. */
  backupPath: string | null;
  /** Runs found 'running' without a live owner process, now 'interrupted'. */
  interruptedRunIds: number[];
}

export class RunStore {
  readonly path: string;
  readonly schemaVersion: number;
  /** The backup taken by the last migration, when opening migrated existing data. */
  readonly lastBackupPath: string | null;
  readonly openReport: OpenReport;

  private readonly experiments: Experiments;
  private readonly runs: Runs;
  private readonly series: SeriesStore;
  private readonly artifacts: Artifacts;
  private readonly claims: RunClaims;
  private readonly dataNotes: DataNotes;
  private readonly logs: RunLogs;
  private readonly deleteTx;

  /** Use openStore(), which checks, migrates and recovers the file first. */
  constructor(
    private readonly db: Database.Database,
    report: OpenReport,
  ) {
    this.path = report.path;
    this.schemaVersion = report.schemaVersion;
    this.lastBackupPath = report.backupPath;
    this.openReport = report;
    this.experiments = new Experiments(db);
    this.runs = new Runs(db);
    this.series = new SeriesStore(db);
    this.artifacts = new Artifacts(db);
    this.claims = new RunClaims(db);
    this.dataNotes = new DataNotes(db);
    this.logs = new RunLogs(db);
    this.deleteTx = db.transaction((id: number) => {
      const artifactPaths = this.artifacts.pathsOfExperiment(id);
      const { deletedRuns } = this.experiments.delete(id);
      return { deletedRuns, artifactPaths };
    });
  }

  // ── experiments ────────────────────────────────────────────────────────────

  /** Stores the experiment and all its runs as queued, in one transaction: all or nothing. */
  createExperiment(input: NewExperiment): { experimentId: number; runIds: number[] } {
    return this.guard(`experiment '${input.name}'`, () => this.experiments.create(input));
  }

  listExperiments(search?: string): ExperimentSummary[] {
    return this.guard(undefined, () => this.experiments.list(search));
  }

  getExperiment(id: number): ExperimentDetail | undefined {
    return this.guard(undefined, () => this.experiments.get(id));
  }

  findExperiment(idOrName: string): ExperimentDetail | undefined {
    return this.guard(undefined, () => this.experiments.find(idOrName));
  }

  /** Deletes the experiment with its runs, series, points, artifacts rows, tags and notes.
   *  Returns the artifact files' paths: deleting the files is the caller's job. */
  deleteExperiment(id: number): { deletedRuns: number; artifactPaths: string[] } {
    return this.guard(`experiment ${id}`, () => {
      const result = this.deleteTx(id);
      this.series.forgetIds();
      return result;
    });
  }

  /** Records what the data loader decided about the experiment's data. */
  addDataNotes(experimentId: number, notes: readonly DataNote[]): void {
    this.guard(`experiment ${experimentId}`, () => this.dataNotes.add(experimentId, notes));
  }

  listDataNotes(experimentId: number): DataNote[] {
    return this.guard(undefined, () => this.dataNotes.list(experimentId));
  }

  /** Records what the run's own data preparation decided, replacing what an earlier start of it wrote. */
  setRunDataNotes(runId: number, notes: readonly DataNote[]): void {
    this.guard(`run ${runId}`, () => {
      const run = this.getRun(runId);
      if (!run) throw new StoreError('not-found', `run ${runId} does not exist`);
      this.dataNotes.setForRun(run.experimentId, runId, notes);
    });
  }

  listRunDataNotes(runId: number): DataNote[] {
    return this.guard(undefined, () => this.dataNotes.listForRun(runId));
  }

  // ── runs ───────────────────────────────────────────────────────────────────

  listRuns(filter: RunFilter = {}): RunSummary[] {
    return this.guard(undefined, () => this.runs.list(filter));
  }

  getRun(id: number): RunSummary | undefined {
    return this.guard(undefined, () => this.runs.get(id));
  }

  /** queued -> running, owned by process `pid` (crash recovery checks it is still alive). */
  markRunning(runId: number, owner: { pid: number; environment: RunEnvironment | null }): void {
    this.guard(`run ${runId}`, () => this.runs.markRunning(runId, owner));
  }

  /** queued -> running for process `pid`, atomically; false when another process claimed it first. */
  claimRun(runId: number, pid: number): boolean {
    return this.guard(`run ${runId}`, () => this.claims.take(runId, pid));
  }

  /** Stores the environment a claimed run trains in (only while `pid` still holds it). */
  recordRunEnvironment(runId: number, pid: number, environment: RunEnvironment | null): void {
    this.guard(`run ${runId}`, () => this.claims.recordEnvironment(runId, pid, environment));
  }

  /** Runs left 'running' by a process that has since died become 'interrupted'; their ids. */
  recoverInterruptedRuns(): number[] {
    return this.guard(undefined, () => recoverInterruptedRuns(this.db));
  }

  setRunStatus(runId: number, status: RunStatus, options: { error?: string | null } = {}): void {
    this.guard(`run ${runId}`, () => this.runs.setStatus(runId, status, options.error ?? null));
  }

  setEpochsDone(runId: number, epochs: number): void {
    this.guard(`run ${runId}`, () => this.runs.setEpochsDone(runId, epochs));
  }

  /** interrupted | failed | cancelled -> queued, error cleared; anything else is a conflict. */
  requeueRun(runId: number): void {
    this.guard(`run ${runId}`, () => this.runs.requeue(runId));
  }

  updateRunConfig(runId: number, config: unknown): void {
    this.guard(`run ${runId}`, () => this.runs.updateConfig(runId, config));
  }

  /** Replaces the tags; returns them as stored (trimmed, unique, sorted). */
  setTags(runId: number, tags: readonly string[]): string[] {
    return this.guard(`run ${runId}`, () => this.runs.setTags(runId, tags));
  }

  /** An empty note removes the note. */
  setNote(runId: number, note: string): void {
    this.guard(`run ${runId}`, () => this.runs.setNote(runId, note));
  }

  /** Stores one log line of the run (the newest MAX_STORED_LOG_LINES are kept). */
  appendRunLog(runId: number, line: string): void {
    this.guard(`run ${runId}`, () => this.logs.append(runId, line));
  }

  readRunLog(runId: number): RunLogLine[] {
    return this.guard(undefined, () => this.logs.read(runId));
  }

  // ── series ─────────────────────────────────────────────────────────────────

  /** Writes points in one transaction; a point at a (series, step) already stored replaces it. */
  appendPoints(runId: number, points: readonly MetricPoint[]): void {
    this.guard(`run ${runId}`, () => this.series.append(runId, points));
  }

  /**
   * Every point exactly as stored; with `maxPoints`, at most that many per series, min and max
   * per bucket over step kept, cut from the series' overview when it is fine enough.
   */
  readSeries(runIds: readonly number[], filter: SeriesFilter = {}, options: SeriesReadOptions = {}): Series[] {
    return this.guard(undefined, () => this.series.read(runIds, filter, options));
  }

  listSeriesKeys(runIds: readonly number[]): SeriesKey[] {
    return this.guard(undefined, () => this.series.keys(runIds));
  }

  // ── artifacts ──────────────────────────────────────────────────────────────

  /** Records a file; the same path for the same run replaces the earlier record. */
  addArtifact(runId: number, artifact: NewArtifact): Artifact {
    return this.guard(`run ${runId}`, () => this.artifacts.add(runId, artifact));
  }

  /** Oldest first. */
  listArtifacts(runId: number): Artifact[] {
    return this.guard(undefined, () => this.artifacts.list(runId));
  }

  /** The most recently added artifact of this kind, e.g. the checkpoint to resume from. */
  latestArtifact(runId: number, kind: string): Artifact | undefined {
    return this.guard(undefined, () => this.artifacts.latest(runId, kind));
  }

  // ── transactions and lifetime ──────────────────────────────────────────────

  /**
   * Runs `fn` in one transaction, so the writes of one epoch (points, epochs done, checkpoint
   * artifact) land together or not at all. Store calls inside become savepoints. `fn` must be
   * synchronous: SQLite transactions cannot span an await.
   */
  withTransaction<T>(fn: () => T): T {
    return this.guard(undefined, () => {
      try {
        return this.db.transaction(() => {
          const result = fn();
          if (result instanceof Promise) {
            throw new StoreError('internal', 'withTransaction needs a synchronous function; nothing was written');
          }
          return result;
        })();
      } catch (error) {
        this.series.forgetIds();
        throw error;
      }
    });
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /** Closing checkpoints the WAL into the file and removes the -wal and -shm files. */
  close(): void {
    if (this.db.open) this.db.close();
  }

  private guard<T>(context: string | undefined, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      const wrapped = toStoreError(error, context);
      // A foreign key failing on a write "about run 12" means run 12 is gone.
      if (wrapped.code === 'not-found' && context !== undefined && !(error instanceof StoreError)) {
        throw new StoreError('not-found', `${context} does not exist`, { cause: error });
      }
      throw wrapped;
    }
  }
}
