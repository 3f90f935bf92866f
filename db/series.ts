// Metric series: the bulk of the data. Writes are the hot path (every epoch of every run),
// so series ids are cached and points go in with one prepared statement per row. Charts read
// series downsampled, from each series' overview (seriesOverview.ts) when it is fine enough.
import type Database from 'better-sqlite3';
import type { Series, SeriesKey } from '../contract/model.ts';
import { StoreError, toStoreError } from './errors.ts';
import {
  OVERVIEW_BUCKETS,
  OVERVIEW_MAX_REQUEST,
  buildOverview,
  columnsOf,
  decodeOverview,
  downsampledSeries,
  encodeOverview,
  type PointColumns,
} from './seriesOverview.ts';

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

export interface SeriesReadOptions {
  /**
   * At most this many points per series, min and max per bucket over step kept
   * (analysis/downsample.ts); absent = every point, exactly as stored.
   */
  maxPoints?: number | undefined;
  /**
   * Each series' overview, uncut (seriesOverview.ts): the whole series when it is short; else
   * min and max per bucket over step, and per epoch its lowest, highest and last point. Gives
   * run metrics (analysis/runMetrics.ts) exactly, all but the point count. Ignores maxPoints.
   */
  overview?: boolean;
}

interface SeriesRow {
  id: number;
  run_id: number;
  task: string;
  split: string;
  metric: string;
}

interface OverviewRow extends SeriesRow {
  buckets: number | null;
  data: Buffer | null;
}

type PointRow = [step: number, epoch: number, wallTime: number, value: number | null];

type SeriesParams = { runIds: string; task: string | null; split: string | null; metric: string | null };

// Unqualified names: in the overview join only series has these columns.
const MATCHING_SERIES = `
  WHERE run_id IN (SELECT value FROM json_each(@runIds))
    AND (@task IS NULL OR task = @task) AND (@split IS NULL OR split = @split) AND (@metric IS NULL OR metric = @metric)
  ORDER BY run_id, task, split, metric`;

function seriesParams(runIds: readonly number[], filter: SeriesFilter): SeriesParams {
  return { runIds: JSON.stringify(runIds), task: filter.task ?? null, split: filter.split ?? null, metric: filter.metric ?? null };
}

export class SeriesStore {
  /** run id -> task -> split -> metric -> series id. Nested maps rather than one joined key:
   *  no string is built per point, and no separator in a name can make two keys collide. */
  private readonly ids = new Map<number, Map<string, Map<string, Map<string, number>>>>();
  private readonly selectId;
  private readonly insertSeries;
  private readonly insertPoint;
  private readonly selectSeries;
  private readonly selectOverviews;
  private readonly selectPoints;
  private readonly deleteOverview;
  private readonly insertOverview;
  private readonly selectKeys;
  private readonly appendTx;
  private readonly readTx;

  constructor(private readonly db: Database.Database) {
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
    this.selectSeries = db.prepare<SeriesParams, SeriesRow>(
      `SELECT id, run_id, task, split, metric FROM series ${MATCHING_SERIES}`,
    );
    this.selectOverviews = db.prepare<SeriesParams, OverviewRow>(
      `SELECT s.id, s.run_id, s.task, s.split, s.metric, o.buckets, o.data
       FROM series s LEFT JOIN series_overview o ON o.series_id = s.id ${MATCHING_SERIES}`,
    );
    this.deleteOverview = db.prepare<[number]>('DELETE FROM series_overview WHERE series_id = ?');
    this.insertOverview = db.prepare<[number, number, number, Buffer]>(
      'INSERT OR REPLACE INTO series_overview (series_id, buckets, points, data) VALUES (?, ?, ?, ?)',
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
    this.readTx = db.transaction((runIds: readonly number[], filter: SeriesFilter, options: SeriesReadOptions) => {
      if (options.overview) return this.readDownsampled(runIds, filter, 'overview');
      if (options.maxPoints !== undefined) return this.readDownsampled(runIds, filter, options.maxPoints);
      return this.readAll(runIds, filter);
    });
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
    const written = new Set<number>();
    for (let i = 0; i < points.length; i++) {
      const point = points[i] as MetricPoint;
      try {
        const seriesId =
          byTask.get(point.task)?.get(point.split)?.get(point.metric) ?? this.newSeriesId(runId, point, byTask);
        this.insertPoint.run(seriesId, point.step, point.epoch, point.time, point.value);
        written.add(seriesId);
      } catch (error) {
        const where = `run ${runId}, points[${i}] (${point.task}/${point.split}/${point.metric} step ${point.step})`;
        const wrapped = toStoreError(error, where);
        if (wrapped.code === 'not-found') throw new StoreError('not-found', `run ${runId} does not exist`, { cause: error });
        throw wrapped;
      }
    }
    // In the same transaction as the points: an overview that exists is always up to date.
    for (const seriesId of written) this.deleteOverview.run(seriesId);
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
  read(runIds: readonly number[], filter: SeriesFilter = {}, options: SeriesReadOptions = {}): Series[] {
    if (runIds.length === 0) return [];
    return this.readTx(runIds, filter, options);
  }

  /** `maxPoints` per series (from the overview when it is fine enough), or the overviews themselves. */
  private readDownsampled(runIds: readonly number[], filter: SeriesFilter, cut: number | 'overview'): Series[] {
    const rows = this.selectOverviews.all(seriesParams(runIds, filter));
    const fromOverview = cut === 'overview' || cut <= OVERVIEW_MAX_REQUEST;
    const maxPoints = (overview: PointColumns): number => (cut === 'overview' ? overview.length : cut);
    const built: { seriesId: number; points: number; overview: PointColumns }[] = [];
    const series = rows.map((row) => {
      const key = { runId: row.run_id, task: row.task, split: row.split, metric: row.metric };
      if (fromOverview && row.data !== null && row.buckets === OVERVIEW_BUCKETS) {
        const overview = decodeOverview(row.data);
        return downsampledSeries(key, overview, maxPoints(overview));
      }
      const points = columnsOf(this.selectPoints.all(row.id));
      if (!fromOverview) return downsampledSeries(key, points, maxPoints(points));
      // Cut from the overview even now, so this read and every later one give the same points.
      const overview = buildOverview(points);
      built.push({ seriesId: row.id, points: points.length, overview });
      return downsampledSeries(key, overview, maxPoints(overview));
    });
    if (built.length > 0) this.keepOverviews(built);
    return series;
  }

  /**
   * Stores overviews built from this read transaction's snapshot, in the same transaction, so
   * they match the points they were built from. A cache: when the write cannot happen at once
   * (another connection holds the write lock or wrote since the snapshot, a read-only file),
   * nothing is kept and the next read builds them again.
   */
  private keepOverviews(built: readonly { seriesId: number; points: number; overview: PointColumns }[]): void {
    const timeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma('busy_timeout = 0');
    try {
      for (const { seriesId, points, overview } of built) this.insertOverview.run(seriesId, OVERVIEW_BUCKETS, points, encodeOverview(overview));
    } catch (error) {
      const { code } = toStoreError(error);
      if (code !== 'busy' && code !== 'read-only') throw error;
    } finally {
      this.db.pragma(`busy_timeout = ${timeout}`);
    }
  }

  private readAll(runIds: readonly number[], filter: SeriesFilter): Series[] {
    const rows = this.selectSeries.all(seriesParams(runIds, filter));
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
