import fs from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from './errors.ts';
import type { Migration } from './migrations.ts';
import { GRAFT_APPLICATION_ID, LATEST_VERSION, MIGRATIONS, applyMigration, userVersion } from './migrations.ts';
import { openStore } from './open.ts';
import type { RunStore } from './store.ts';
import { rawConnection, removeTempDirs, sha256File, sideFiles, tempDir } from '../tests/support/db/testing.ts';

afterAll(removeTempDirs);

/**
 * What a file at schema version v holds, written with that version's SQL (the current store
 * cannot write an old schema), and how to check it survived migration to the latest.
 * Adding migration N+1 means adding fixture N here: the generic test below fails otherwise.
 */
const FIXTURES: Record<number, { write(db: Database.Database): void; check(store: RunStore): void }> = {
  0: {
    write: () => {},
    check: (store) => expect(store.listExperiments()).toEqual([]),
  },
  1: {
    write: (db) => {
      db.exec(`
        INSERT INTO experiments (id, name, kind, spec_version, spec, created_at)
          VALUES (1, 'written at v1', 'multitask', 1, '{"tasks":["species","sex"]}', '2025-01-02T03:04:05.000Z');
        INSERT INTO runs (id, experiment_id, arm, seed, budget, status, config, environment, error, owner_pid,
                          created_at, started_at, finished_at, epochs_done, epochs_planned)
          VALUES (1, 1, 'hard-sharing', 3, 'all', 'completed', '{"lr":0.01}', '{"backend":"wasm"}', NULL, 4242,
                  '2025-01-02T03:04:05.000Z', '2025-01-02T03:04:06.000Z', '2025-01-02T03:05:00.000Z', 2, 2);
        INSERT INTO series (id, run_id, task, split, metric) VALUES (1, 1, 'species', 'val', 'accuracy');
        INSERT INTO points (series_id, step, epoch, wall_time, value) VALUES (1, 10, 0, 1.5, 0.75), (1, 20, 1, 3.25, NULL);
        INSERT INTO artifacts (run_id, kind, path, size, sha256, epoch, created_at)
          VALUES (1, 'model', '/models/1', 123, '${'0'.repeat(64)}', NULL, '2025-01-02T03:05:00.000Z');
        INSERT INTO tags (run_id, tag) VALUES (1, 'baseline');
        INSERT INTO notes (run_id, note) VALUES (1, 'from v1');
      `);
    },
    check: (store) => {
      expect(store.getExperiment(1)).toMatchObject({ name: 'written at v1', kind: 'multitask', spec: { tasks: ['species', 'sex'] } });
      expect(store.getRun(1)).toMatchObject({
        arm: 'hard-sharing',
        seed: 3,
        status: 'completed',
        config: { lr: 0.01 },
        environment: { backend: 'wasm' },
        tags: ['baseline'],
        note: 'from v1',
        epochsDone: 2,
      });
      const [series] = store.readSeries([1]);
      expect(series).toMatchObject({ task: 'species', step: [10, 20], epoch: [0, 1], time: [1.5, 3.25] });
      expect(series?.value).toEqual([0.75, NaN]);
      expect(store.latestArtifact(1, 'model')?.path).toBe('/models/1');
    },
  },
  2: {
    write: (db) => {
      FIXTURES[1]?.write(db);
      // The overview of series 1 as v2 stores it: float64 columns step, epoch, time, value.
      const data = Buffer.from(new Float64Array([10, 20, 0, 1, 1.5, 3.25, 0.75, NaN]).buffer);
      db.prepare('INSERT INTO series_overview (series_id, buckets, points, data) VALUES (1, 2048, 2, ?)').run(data);
    },
    check: (store) => {
      FIXTURES[1]?.check(store);
      const [series] = store.readSeries([1], {}, { maxPoints: 600 });
      expect(series).toMatchObject({ task: 'species', step: [10, 20], epoch: [0, 1], time: [1.5, 3.25] });
      expect(series?.value).toEqual([0.75, NaN]);
    },
  },
  3: {
    write: (db) => {
      FIXTURES[2]?.write(db);
      db.exec("INSERT INTO data_notes (experiment_id, data, note) VALUES (1, 'target', 'dropped 2 rows with missing values (lines 4, 9)')");
    },
    check: (store) => {
      FIXTURES[2]?.check(store);
      expect(store.listDataNotes(1)).toEqual([{ data: 'target', note: 'dropped 2 rows with missing values (lines 4, 9)' }]);
    },
  },
  4: {
    write: (db) => {
      FIXTURES[3]?.write(db);
      db.exec(`INSERT INTO run_logs (run_id, seq, time, line) VALUES (1, 1, '2025-01-02T03:04:07.000Z', 'epoch 1 done')`);
    },
    check: (store) => {
      FIXTURES[3]?.check(store);
      expect(store.readRunLog(1)).toEqual([{ seq: 1, time: '2025-01-02T03:04:07.000Z', line: 'epoch 1 done' }]);
    },
  },
  5: {
    write: (db) => {
      FIXTURES[4]?.write(db);
      db.exec("INSERT INTO data_notes (experiment_id, run_id, data, note) VALUES (1, 1, 'data', 'budget 100/class capped: fewer training rows in cat (40)')");
    },
    check: (store) => {
      FIXTURES[4]?.check(store);
      // The run's note is the run's, not its experiment's.
      expect(store.listRunDataNotes(1)).toEqual([{ data: 'data', note: 'budget 100/class capped: fewer training rows in cat (40)' }]);
      expect(store.listDataNotes(1)).toHaveLength(1);
    },
  },
};

/** A file at schema version v, as a Graft of that version would have left it. */
function fileAtVersion(dir: string, version: number, migrations: readonly Migration[] = MIGRATIONS): string {
  const file = join(dir, `v${version}.db`);
  const db = rawConnection(file);
  db.pragma('journal_mode = WAL');
  for (const migration of migrations.slice(0, version)) applyMigration(db, migration);
  FIXTURES[version]?.write(db);
  db.close();
  return file;
}

const ADD_PRIORITY: Migration = {
  version: LATEST_VERSION + 1,
  description: 'test only: runs.priority',
  up: (db) => db.exec('ALTER TABLE runs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0'),
};

describe('migrations', () => {
  it('are numbered 1, 2, 3... and LATEST_VERSION is the last', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  for (let version = 0; version < LATEST_VERSION; version++) {
    it(`bring a file at v${version} to v${LATEST_VERSION}, keeping its data`, () => {
      expect(FIXTURES[version], `add FIXTURES[${version}] to this spec`).toBeDefined();
      const file = fileAtVersion(tempDir(), version);
      const store = openStore(file);
      expect(store.schemaVersion).toBe(LATEST_VERSION);
      expect(store.openReport.fromVersion).toBe(version);
      FIXTURES[version]?.check(store);
      if (version >= 1) {
        expect(store.lastBackupPath).toBe(`${file}.v${version}.bak`);
        expect(fs.existsSync(`${file}.v${version}.bak`)).toBe(true);
      } else {
        expect(store.lastBackupPath).toBeNull();
      }
      store.close();
      const raw = rawConnection(file);
      expect(raw.pragma('application_id', { simple: true })).toBe(GRAFT_APPLICATION_ID);
      raw.close();
    });
  }

  // Only v1 exists today, so upgrades of existing data are exercised with a test-only
  // migration on top of the real ones.
  describe('upgrading a file that holds data (with a test-only next version)', () => {
    const next = [...MIGRATIONS, ADD_PRIORITY];

    it('have a fixture for the latest version', () => {
      expect(FIXTURES[LATEST_VERSION], `add FIXTURES[${LATEST_VERSION}] to this spec`).toBeDefined();
    });

    it('backs the file up first, then migrates, and the data survives', () => {
      const file = fileAtVersion(tempDir(), LATEST_VERSION);
      const store = openStore(file, { migrations: next });
      expect(store.schemaVersion).toBe(ADD_PRIORITY.version);
      const backupPath = `${file}.v${LATEST_VERSION}.bak`;
      expect(store.lastBackupPath).toBe(backupPath);
      FIXTURES[LATEST_VERSION]?.check(store);
      store.close();

      // The backup is the file as it was: the old version, same data, openable as is.
      const backup = openStore(backupPath);
      expect(backup.schemaVersion).toBe(LATEST_VERSION);
      expect(backup.openReport.fromVersion).toBe(LATEST_VERSION);
      FIXTURES[LATEST_VERSION]?.check(backup);
      backup.close();

      // And the migrated file is now too new for this Graft.
      const before = sha256File(file);
      expect(() => openStore(file)).toThrow(
        `newer Graft (schema v${LATEST_VERSION + 1}; this Graft reads up to v${LATEST_VERSION})`,
      );
      expect(sha256File(file)).toBe(before);
      expect(sideFiles(file)).toEqual([]);
    });

    it('never overwrites an earlier backup', () => {
      const dir = tempDir();
      const file = fileAtVersion(dir, LATEST_VERSION);
      fs.writeFileSync(`${file}.v${LATEST_VERSION}.bak`, 'an older backup');
      const store = openStore(file, { migrations: next });
      expect(store.lastBackupPath).toBe(`${file}.v${LATEST_VERSION}.2.bak`);
      store.close();
      expect(fs.readFileSync(`${file}.v${LATEST_VERSION}.bak`, 'utf8')).toBe('an older backup');
    });

    it('leaves the file at its version when a migration fails', () => {
      const file = fileAtVersion(tempDir(), LATEST_VERSION);
      const broken: Migration = {
        version: LATEST_VERSION + 1,
        description: 'test only: fails halfway',
        up: (db) => {
          db.exec('ALTER TABLE runs ADD COLUMN priority INTEGER');
          db.exec('THIS IS NOT SQL');
        },
      };
      let error: unknown;
      try {
        openStore(file, { migrations: [...MIGRATIONS, broken] });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('migration-failed');
      expect((error as StoreError).message).toMatch(
        new RegExp(
          `upgrading the schema to v${LATEST_VERSION + 1} \\(test only: fails halfway\\) failed: .*` +
            `The file stays at v${LATEST_VERSION}; a backup is at .*\\.v${LATEST_VERSION}\\.bak`,
        ),
      );
      const store = openStore(file);
      expect(store.schemaVersion).toBe(LATEST_VERSION);
      FIXTURES[LATEST_VERSION]?.check(store);
      expect(Object.keys(store.getRun(1) ?? {})).not.toContain('priority');
      store.close();
      const raw = rawConnection(file);
      expect(raw.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('runs')).not.toContain('priority');
      raw.close();
    });

    it("reports 'busy' when another connection holds the write lock too long", () => {
      const file = fileAtVersion(tempDir(), LATEST_VERSION);
      const other = rawConnection(file);
      other.prepare('BEGIN IMMEDIATE').run();
      try {
        let error: unknown;
        try {
          openStore(file, { migrations: next, busyTimeoutMs: 50 });
        } catch (e) {
          error = e;
        }
        expect((error as StoreError).code).toBe('busy');
      } finally {
        other.prepare('ROLLBACK').run();
        other.close();
      }
      const raw = rawConnection(file);
      expect(userVersion(raw)).toBe(LATEST_VERSION);
      raw.close();
    });
  });
});
