// Metric series: the bulk of the data. Writes are the hot path (every epoch of every run),
// so series ids are cached and points go in with one prepared statement per row.
import type Database from 'better-sqlite3';
import type { Series, SeriesKey } from '../contract/model.ts';
import { StoreError, toStoreError } from './errors.ts';

/** One value of one series at one step, as the engine reports it. */
export interface MetricPoint extends SeriesKey {
  epoch: number;
  step: number;
  /** Seconds since the run started. */
  time: number;
  /** NaN is stored as NULL and read back as NaN (any NaN payload becomes the canonical NaN). */
  value: number;
}

export type SeriesFilter = Partial<SeriesKey>;

interface SeriesRow {
  id: number;
  run_id: number;
  task: string;
  split: string;
  metric: string;
}

type PointRow = [step: number, epoch: number, wallTime: number, value: number | null];

export class SeriesStore {
  /** run id -> task -> split -> metric -> series id. Nested maps rather than one joined key:
   *  no string is built per point, and no separator in a name can make two keys collide. */
  private readonly ids = new Map<number, Map<string, Map<string, Map<string, number>>>>();
  private readonly selectId;
  private readonly insertSeries;
  private readonly insertPoint;
  private readonly selectSeries;
  private readonly selectPoints;
  private readonly selectKeys;
  private readonly appendTx;
  private readonly readTx;

  constructor(db: Database.Database) {
    this.selectId = db
      .prepare<[number, string, string, string], number>(
        'SELECT id FROM series WHERE run_id = ? AND task = ? AND split = ? AND metric = ?',
      )
      .pluck();
    this.insertSeries = db.prepare<[number, string, string, string]>(
      'INSERT INTO series (run_id, task, split, metric) VALUES (?, ?, ?, ?)',
    );
    // OR REPLACE: a run resumed from a checkpoint re-trains the epochs after it, and their
    // points must overwrite the ones written before the interruption.
    this.insertPoint = db.prepare<[number, number, number, number, number]>(
      'INSERT OR REPLACE INTO points (series_id, step, epoch, wall_time, value) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectSeries = db.prepare<{ runIds: string; task: string | null; split: string | null; metric: string | null }, SeriesRow>(
      `SELECT id, run_id, task, split, metric FROM series
       WHERE run_id IN (SELECT value FROM json_each(@runIds))
         AND (@task IS NULL OR task = @task) AND (@split IS NULL OR split = @split) AND (@metric IS NULL OR metric = @metric)
       ORDER BY run_id, task, split, metric`,
    );
    this.selectPoints = db
      .prepare<[number], PointRow>('SELECT step, epoch, wall_time, value FROM points WHERE series_id = ? ORDER BY step')
      .raw(true);
    this.selectKeys = db.prepare<[string], SeriesKey>(
      `SELECT DISTINCT task, split, metric FROM series WHERE run_id IN (SELECT value FROM json_each(?))
       ORDER BY task, split, metric`,
    );
    this.appendTx = db.transaction((runId: number, points: readonly MetricPoint[]) => this.insertAll(runId, points));
    // One read transaction for all the series of a call: each sees the same snapshot, so
    // while a run is writing, the train and val curves never end at different epochs.
    this.readTx = db.transaction((runIds: readonly number[], filter: SeriesFilter) => this.readAll(runIds, filter));
  }

  /** Writes the points in one transaction (a savepoint inside withTransaction). */
  append(runId: number, points: readonly MetricPoint[]): void {
    if (points.length === 0) return;
    try {
      this.appendTx(runId, points);
    } catch (error) {
      this.forgetIds();
      throw error;
    }
  }

  /**
   * Drops cached series ids. Called whenever a transaction that may have inserted series
   * rolls back: the rolled-back ids would otherwise stay cached, and SQLite may hand the same
   * id to another run's series.
   */
  forgetIds(): void {
    this.ids.clear();
  }

  private insertAll(runId: number, points: readonly MetricPoint[]): void {
    let byTask = this.ids.get(runId);
    if (byTask === undefined) {
      byTask = new Map();
      this.ids.set(runId, byTask);
    }
    for (let i = 0; i < points.length; i++) {
      const point = points[i] as MetricPoint;
      try {
        const seriesId =
          byTask.get(point.task)?.get(point.split)?.get(point.metric) ?? this.newSeriesId(runId, point, byTask);
        this.insertPoint.run(seriesId, point.step, point.epoch, point.time, point.value);
      } catch (error) {
        const where = `run ${runId}, points[${i}] (${point.task}/${point.split}/${point.metric} step ${point.step})`;
        const wrapped = toStoreError(error, where);
        if (wrapped.code === 'not-found') throw new StoreError('not-found', `run ${runId} does not exist`, { cause: error });
        throw wrapped;
      }
    }
  }

  private newSeriesId(runId: number, key: SeriesKey, byTask: Map<string, Map<string, Map<string, number>>>): number {
    const id =
      this.selectId.get(runId, key.task, key.split, key.metric) ??
      Number(this.insertSeries.run(runId, key.task, key.split, key.metric).lastInsertRowid);
    let bySplit = byTask.get(key.task);
    if (bySplit === undefined) byTask.set(key.task, (bySplit = new Map()));
    let byMetric = bySplit.get(key.split);
    if (byMetric === undefined) bySplit.set(key.split, (byMetric = new Map()));
    byMetric.set(key.metric, id);
    return id;
  }

  /** Series of these runs, each ordered by step; series ordered by run id, task, split, metric. */
  read(runIds: readonly number[], filter: SeriesFilter = {}): Series[] {
    if (runIds.length === 0) return [];
    return this.readTx(runIds, filter);
  }

  private readAll(runIds: readonly number[], filter: SeriesFilter): Series[] {
    const rows = this.selectSeries.all({
      runIds: JSON.stringify(runIds),
      task: filter.task ?? null,
      split: filter.split ?? null,
      metric: filter.metric ?? null,
    });
    return rows.map((row) => {
      const points = this.selectPoints.all(row.id);
      const series: Series = { runId: row.run_id, task: row.task, split: row.split, metric: row.metric, epoch: [], step: [], time: [], value: [] };
      for (const [step, epoch, time, value] of points) {
        series.step.push(step);
        series.epoch.push(epoch);
        series.time.push(time);
        series.value.push(value ?? NaN);
      }
      return series;
    });
  }

  /** The distinct (task, split, metric) keys logged by any of these runs. */
  keys(runIds: readonly number[]): SeriesKey[] {
    if (runIds.length === 0) return [];
    return this.selectKeys.all(JSON.stringify(runIds));
  }
}
