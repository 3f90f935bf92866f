// The schema, as an ordered list of forward-only migrations. `PRAGMA user_version` holds the
// version a file is at. A released migration is never edited: a change is a new migration,
// so every file ever written by any Graft has one path to the latest schema.
import type Database from 'better-sqlite3';
import { DATA_NOTES_RUN_COLUMN, DATA_NOTES_SCHEMA } from './dataNotes.ts';
import { EXPERIMENT_KINDS, RUN_STATUSES } from '../contract/model.ts';
import { StoreError, toStoreError } from './errors.ts';

/** 'GRFT' in ASCII; `PRAGMA application_id` marks a file as Graft's (see sqlite.org/fileformat). */
export const GRAFT_APPLICATION_ID = 0x47524654;

export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

// STRICT tables so SQLite rejects a wrongly typed value (a fractional step, a number as a
// name) instead of storing it. AUTOINCREMENT on ids users see (experiments, runs) and on
// series ids the store caches, so a deleted id is never handed out again: an old report's
// "run 12" never silently means another run, and a stale cached series id fails its foreign
// key instead of writing into someone else's series.
const V1_SCHEMA = `
CREATE TABLE experiments (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  name         TEXT    NOT NULL CHECK (length(name) > 0),
  kind         TEXT    NOT NULL CHECK (kind IN (${sqlList(EXPERIMENT_KINDS)})),
  spec_version INTEGER NOT NULL,
  spec         TEXT    NOT NULL CHECK (json_valid(spec)),
  created_at   TEXT    NOT NULL
) STRICT;
CREATE INDEX experiments_by_name ON experiments (name);

CREATE TABLE runs (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  experiment_id  INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  arm            TEXT    NOT NULL CHECK (length(arm) > 0),
  seed           INTEGER NOT NULL,
  budget         TEXT    NOT NULL CHECK (length(budget) > 0),
  status         TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN (${sqlList(RUN_STATUSES)})),
  config         TEXT    NOT NULL CHECK (json_valid(config)),
  environment    TEXT    CHECK (environment IS NULL OR json_valid(environment)),
  error          TEXT,
  owner_pid      INTEGER,
  created_at     TEXT    NOT NULL,
  started_at     TEXT,
  finished_at    TEXT,
  epochs_done    INTEGER NOT NULL DEFAULT 0 CHECK (epochs_done >= 0),
  epochs_planned INTEGER CHECK (epochs_planned IS NULL OR epochs_planned >= 0),
  UNIQUE (experiment_id, arm, seed, budget)
) STRICT;
-- Status counts per experiment read this index alone; the scheduler and crash recovery
-- look runs up by status across all experiments.
CREATE INDEX runs_by_experiment_status ON runs (experiment_id, status);
CREATE INDEX runs_by_status ON runs (status);

CREATE TABLE series (
  id     INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  task   TEXT    NOT NULL,
  split  TEXT    NOT NULL,
  metric TEXT    NOT NULL,
  UNIQUE (run_id, task, split, metric)
) STRICT;

-- WITHOUT ROWID: the points of one series are stored together in step order, so reading a
-- series is one range scan of the primary key. value is ANY (not REAL) because SQLite writes
-- whole-number REALs as integers and reads -0.0 back as 0.0; ANY keeps the float64 as given.
-- NaN cannot be stored (SQLite binds it as NULL), so NULL means NaN.
CREATE TABLE points (
  series_id INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  step      INTEGER NOT NULL,
  epoch     INTEGER NOT NULL,
  wall_time REAL    NOT NULL,
  value     ANY     CHECK (value IS NULL OR typeof(value) = 'real'),
  PRIMARY KEY (series_id, step)
) STRICT, WITHOUT ROWID;

CREATE TABLE artifacts (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  kind       TEXT    NOT NULL CHECK (length(kind) > 0),
  path       TEXT    NOT NULL CHECK (length(path) > 0),
  size       INTEGER NOT NULL CHECK (size >= 0),
  sha256     TEXT    NOT NULL CHECK (length(sha256) = 64 AND NOT sha256 GLOB '*[^0-9a-f]*'),
  epoch      INTEGER,
  created_at TEXT    NOT NULL,
  UNIQUE (run_id, path)
) STRICT;
CREATE INDEX artifacts_by_run_kind ON artifacts (run_id, kind);

CREATE TABLE tags (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  tag    TEXT    NOT NULL CHECK (length(tag) > 0),
  PRIMARY KEY (run_id, tag)
) STRICT, WITHOUT ROWID;

CREATE TABLE notes (
  run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  note   TEXT    NOT NULL
) STRICT;
`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'experiments, runs, series, points, artifacts, tags, notes',
    up(db) {
      db.pragma(`application_id = ${GRAFT_APPLICATION_ID}`);
      db.exec(V1_SCHEMA);
    },
  },
  {
    version: 2,
    description: 'series_overview: a min/max downsample of each series, for charts',
    // A cache of the points (db/seriesOverview.ts): rebuilt on read after any write to its
    // series, so an upgraded file starts with none and fills in as series are charted.
    up(db) {
      db.exec(`
        CREATE TABLE series_overview (
          series_id INTEGER PRIMARY KEY REFERENCES series (id) ON DELETE CASCADE,
          buckets   INTEGER NOT NULL CHECK (buckets > 0),
          points    INTEGER NOT NULL CHECK (points >= 0),
          data      BLOB    NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 3,
    description: 'data_notes: what the data loader decided about an experiment\'s data',
    up(db) {
      db.exec(DATA_NOTES_SCHEMA);
    },
  },
  {
    version: 4,
    description: 'run_logs: each run\'s log lines, kept with the run',
    up(db) {
      db.exec(`
        CREATE TABLE run_logs (
          run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          seq    INTEGER NOT NULL CHECK (seq > 0),
          time   TEXT    NOT NULL,
          line   TEXT    NOT NULL,
          PRIMARY KEY (run_id, seq)
        ) STRICT, WITHOUT ROWID;
      `);
    },
  },
  {
    version: 5,
    description: 'data_notes.run_id: what each run\'s own data preparation decided, kept with the run',
    up(db) {
      db.exec(DATA_NOTES_RUN_COLUMN);
    },
  },
];

/** The schema version this Graft writes and the newest it can read. */
export const LATEST_VERSION = latestVersion(MIGRATIONS);

export function latestVersion(migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${i} has version ${m.version}; expected ${i + 1}`);
  });
  return migrations.length;
}

export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies one migration in its own IMMEDIATE transaction. The version is read again under
 * the write lock, so when two Graft processes open an old file at once, the second one
 * finds the work done and skips it instead of failing on "table already exists".
 */
export function applyMigration(db: Database.Database, migration: Migration): void {
  db.transaction(() => {
    if (userVersion(db) >= migration.version) return;
    migration.up(db);
    db.pragma(`user_version = ${migration.version}`);
  }).immediate();
}

/**
 * Brings the file from its version to the last of `migrations`. Returns the version it was at.
 * `backup` runs once before the first migration of a file that already holds Graft data.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
  backup: (fromVersion: number) => string | null,
  path: string,
): { fromVersion: number; backupPath: string | null } {
  const target = latestVersion(migrations);
  const fromVersion = userVersion(db);
  if (fromVersion > target) throw newerVersionError(path, fromVersion, target);
  if (fromVersion === target) return { fromVersion, backupPath: null };
  const backupPath = fromVersion >= 1 ? backup(fromVersion) : null;
  for (const migration of migrations) {
    if (migration.version <= fromVersion) continue;
    try {
      applyMigration(db, migration);
    } catch (error) {
      const cause = toStoreError(error);
      const kept = backupPath === null ? '' : `; a backup is at ${backupPath}`;
      const code = cause.code === 'internal' || cause.code === 'invalid' ? 'migration-failed' : cause.code;
      throw new StoreError(
        code,
        `${path}: upgrading the schema to v${migration.version} (${migration.description}) failed: ` +
          `${cause.message}. The file stays at v${userVersion(db)}${kept}.`,
        { path, cause: error },
      );
    }
  }
  return { fromVersion, backupPath };
}

export function newerVersionError(path: string, fileVersion: number, known: number): StoreError {
  return new StoreError(
    'newer-version',
    `${path} was written by a newer Graft (schema v${fileVersion}; this Graft reads up to v${known}). ` +
      'Upgrade Graft; the file was not changed.',
    { path },
  );
}
