import fs from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from './errors.ts';
import { GRAFT_APPLICATION_ID, LATEST_VERSION } from './migrations.ts';
import { openStore } from './open.ts';
import { rawConnection, sampleExperiment, seededRandom, sha256File, sideFiles, tempDir, removeTempDirs } from '../tests/support/db/testing.ts';

afterAll(removeTempDirs);

function catchStoreError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('expected a StoreError');
}

/** A Graft file with some runs and points in it, closed. */
function graftFile(dir: string, name = 'graft.db'): string {
  const file = join(dir, name);
  const store = openStore(file);
  const { runIds } = store.createExperiment(sampleExperiment());
  for (const runId of runIds) {
    const points = Array.from({ length: 2000 }, (_, step) => ({
      task: 'target',
      split: 'val',
      metric: 'accuracy',
      epoch: Math.floor(step / 100),
      step,
      time: step / 10,
      value: Math.sin(step),
    }));
    store.appendPoints(runId, points);
  }
  store.close();
  return file;
}

describe('openStore on a new or empty file', () => {
  it('creates a WAL-mode Graft file at the latest schema version', () => {
    const file = join(tempDir(), 'new.db');
    const store = openStore(file);
    expect(store.path).toBe(file);
    expect(store.schemaVersion).toBe(LATEST_VERSION);
    expect(store.openReport).toMatchObject({ fromVersion: 0, backupPath: null, interruptedRunIds: [] });
    store.close();

    const header = fs.readFileSync(file).subarray(0, 100);
    expect(header.readUInt32BE(68)).toBe(GRAFT_APPLICATION_ID); // application_id
    expect(header.readUInt32BE(60)).toBe(LATEST_VERSION); // user_version
    expect([header[18], header[19]]).toEqual([2, 2]); // WAL read/write versions
    expect(sideFiles(file)).toEqual([]); // close() checkpointed and removed -wal/-shm
  });

  it('adopts a 0-byte file', () => {
    const file = join(tempDir(), 'empty.db');
    fs.writeFileSync(file, '');
    const store = openStore(file);
    expect(store.schemaVersion).toBe(LATEST_VERSION);
    store.close();
  });

  it('adopts an SQLite file with no tables and application_id 0', () => {
    const file = join(tempDir(), 'blank.db');
    const raw = rawConnection(file).exec('CREATE TABLE t (x); DROP TABLE t;');
    raw.close();
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    const store = openStore(file);
    expect(store.listExperiments()).toEqual([]);
    store.close();
  });

  it('keeps what was written across close and reopen', () => {
    const file = graftFile(tempDir());
    const store = openStore(file);
    expect(store.openReport.fromVersion).toBe(LATEST_VERSION);
    expect(store.listExperiments()).toHaveLength(1);
    const runIds = store.listRuns().map((run) => run.id);
    expect(store.readSeries(runIds).map((s) => s.value.length)).toEqual(runIds.map(() => 2000));
    store.close();
  });

  it('opens :memory: for tests', () => {
    const store = openStore(':memory:');
    store.createExperiment(sampleExperiment());
    expect(store.listRuns()).toHaveLength(4);
    store.close();
    expect(store.isOpen).toBe(false);
  });

  it("reports use after close() as 'closed'", () => {
    const store = openStore(':memory:');
    store.close();
    store.close(); // twice is fine
    expect(catchStoreError(() => store.listRuns()).code).toBe('closed');
    expect(catchStoreError(() => store.setNote(1, 'x')).code).toBe('closed');
  });

  it('says which folder is missing', () => {
    const file = join(tempDir(), 'no', 'such', 'graft.db');
    const error = catchStoreError(() => openStore(file));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain(join('no', 'such'));
  });
});

describe('openStore refuses files it must not write, and leaves them unchanged', () => {
  // Each case makes a file; openStore must throw the code and leave the bytes and the folder
  // exactly as they were (no -wal, -shm or -journal left behind).
  const cases: { name: string; code: StoreError['code']; message: RegExp; make(dir: string): string }[] = [
    {
      name: 'random bytes',
      code: 'not-a-database',
      message: /is not a Graft database \(it is not an SQLite file\)/,
      make: (dir) => {
        const random = seededRandom(7);
        const bytes = Buffer.alloc(65536);
        for (let i = 0; i < bytes.length; i += 4) bytes.writeUInt32LE(random.uint32(), i);
        const file = join(dir, 'random.db');
        fs.writeFileSync(file, bytes);
        return file;
      },
    },
    {
      name: 'a text file',
      code: 'not-a-database',
      message: /y\.txt is not a Graft database \(it is not an SQLite file\)/,
      make: (dir) => {
        const file = join(dir, 'y.txt');
        fs.writeFileSync(file, 'epoch,accuracy\n1,0.5\n2,0.6\n');
        return file;
      },
    },
    {
      name: 'a file shorter than the SQLite header',
      code: 'not-a-database',
      message: /not an SQLite file/,
      make: (dir) => {
        const file = join(dir, 'short.db');
        fs.writeFileSync(file, 'SQLite');
        return file;
      },
    },
    {
      name: "another application's SQLite file",
      code: 'not-a-database',
      message: /another application/,
      make: (dir) => {
        const file = join(dir, 'other.sqlite');
        const raw = rawConnection(file);
        raw.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');");
        raw.close();
        return file;
      },
    },
    {
      name: "another application's SQLite file in WAL mode",
      code: 'not-a-database',
      message: /another application/,
      make: (dir) => {
        const file = join(dir, 'other-wal.sqlite');
        const raw = rawConnection(file);
        raw.pragma('journal_mode = WAL');
        raw.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');");
        raw.close();
        return file;
      },
    },
    {
      name: 'an empty SQLite file claimed by another application',
      code: 'not-a-database',
      message: /another application/,
      make: (dir) => {
        const file = join(dir, 'claimed.sqlite');
        const raw = rawConnection(file);
        raw.pragma('application_id = 1234');
        raw.close();
        return file;
      },
    },
    {
      name: 'a file from a newer Graft',
      code: 'newer-version',
      message: new RegExp(
        `was written by a newer Graft \\(schema v7; this Graft reads up to v${LATEST_VERSION}\\)\\. Upgrade Graft; the file was not changed\\.`,
      ),
      make: (dir) => {
        const file = graftFile(dir, 'newer.db');
        const raw = rawConnection(file);
        raw.pragma('user_version = 7');
        raw.close();
        return file;
      },
    },
    {
      name: 'a damaged Graft file',
      code: 'corrupt',
      message: /is damaged .*The file was not changed/,
      make: (dir) => {
        const file = graftFile(dir, 'damaged.db');
        const bytes = fs.readFileSync(file);
        const pageSize = bytes.readUInt16BE(16);
        const pages = bytes.length / pageSize;
        // Scribble over one whole page in the middle, where the points b-tree lives.
        bytes.fill(0xab, Math.floor(pages / 2) * pageSize, (Math.floor(pages / 2) + 1) * pageSize);
        fs.writeFileSync(file, bytes);
        return file;
      },
    },
    {
      name: 'a Graft file whose free-page count is wrong (quick_check reports it)',
      code: 'corrupt',
      message: /is damaged \(SQLite's check says: Freelist: size is 0 but should be 5\)/,
      make: (dir) => {
        const file = graftFile(dir, 'freelist.db');
        const bytes = fs.readFileSync(file);
        bytes.writeUInt32BE(5, 36); // header field: number of free pages
        fs.writeFileSync(file, bytes);
        return file;
      },
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.name}`, () => {
      const dir = tempDir();
      const file = c.make(dir);
      const before = sha256File(file);
      const listing = fs.readdirSync(dir).sort();
      const error = catchStoreError(() => openStore(file));
      expect(error.code).toBe(c.code);
      expect(error.message).toMatch(c.message);
      expect(error.message).toContain(file);
      expect(error.path).toBe(file);
      expect(sha256File(file)).toBe(before);
      expect(sideFiles(file)).toEqual([]);
      expect(fs.readdirSync(dir).sort()).toEqual(listing);
    });
  }

  it('refuses a folder', () => {
    const dir = tempDir();
    expect(catchStoreError(() => openStore(dir)).code).toBe('not-a-database');
  });

  it.skipIf(process.getuid?.() === 0)('refuses a write-protected file as read-only, unchanged', () => {
    const file = graftFile(tempDir());
    fs.chmodSync(file, 0o444);
    const before = sha256File(file);
    expect(catchStoreError(() => openStore(file)).code).toBe('read-only');
    expect(sha256File(file)).toBe(before);
    fs.chmodSync(file, 0o644);
  });
});
