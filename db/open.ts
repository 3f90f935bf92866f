// Opening a run store file: refuse what is not ours (or too new, or damaged) without touching
// it, then migrate what is ours, then recover runs a crash left 'running'.
import fs from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, toStoreError } from './errors.ts';
import type { Migration } from './migrations.ts';
import { GRAFT_APPLICATION_ID, MIGRATIONS, latestVersion, migrate, newerVersionError, userVersion } from './migrations.ts';
import { recoverInterruptedRuns } from './recovery.ts';
import { RunStore } from './store.ts';

export interface OpenOptions {
  /** How long a write waits for another connection's lock before failing with 'busy'. */
  busyTimeoutMs?: number;
  /** Tests pass extra migrations to exercise upgrades; everyone else uses the default. */
  migrations?: readonly Migration[];
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (or creates) the run store at `path`; ':memory:' gives a private in-memory store.
 * Throws StoreError: 'not-a-database', 'newer-version', 'corrupt' (the file was not changed),
 * 'read-only', 'busy', 'not-found' (no such folder), 'migration-failed', 'io'.
 */
export function openStore(path: string, options: OpenOptions = {}): RunStore {
  const migrations = options.migrations ?? MIGRATIONS;
  const timeout = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const memory = path === ':memory:';
  const file = memory ? path : resolve(path);
  if (!memory) inspectExisting(file, latestVersion(migrations), timeout);

  let db: Database.Database;
  try {
    db = new Database(file, { timeout });
  } catch (error) {
    throw toStoreError(error, `cannot open ${file}`, file);
  }
  try {
    configure(db, file, memory);
    const { fromVersion, backupPath } = migrate(db, migrations, (v) => (memory ? null : backup(db, file, v)), file);
    const interruptedRunIds = recoverInterruptedRuns(db);
    return new RunStore(db, {
      path: file,
      fromVersion,
      schemaVersion: userVersion(db),
      backupPath,
      interruptedRunIds,
    });
  } catch (error) {
    db.close();
    throw toStoreError(error, file, file);
  }
}

function configure(db: Database.Database, file: string, memory: boolean): void {
  // WAL: readers (the UI, `graft compare`) never block the single writer and see only
  // committed epochs. NORMAL sync is safe in WAL: a crash of Graft loses nothing committed;
  // a power cut may lose the last few commits (recent epochs) but never damages the file,
  // and it saves an fsync per epoch.
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (!memory && mode !== 'wal') {
    throw new StoreError('io', `${file}: SQLite could not use WAL mode here (got '${String(mode)}'); is it on a network drive?`, {
      path: file,
    });
  }
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
}

/** Copies the file before migrating it, so a bad migration cannot cost the user their runs. */
function backup(db: Database.Database, file: string, fromVersion: number): string {
  let target = `${file}.v${fromVersion}.bak`;
  for (let n = 2; fs.existsSync(target); n++) target = `${file}.v${fromVersion}.${n}.bak`;
  try {
    db.prepare('VACUUM INTO ?').run(target);
  } catch (error) {
    const cause = toStoreError(error);
    throw new StoreError(cause.code, `${file}: could not back the file up to ${target} before upgrading it: ${cause.message}`, {
      path: file,
      cause: error,
    });
  }
  return target;
}

/**
 * Decides whether an existing file may be opened for writing, without changing it. A missing
 * or empty file is simply created or adopted.
 */
function inspectExisting(file: string, knownVersion: number, timeout: number): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw toStoreError(error, file, file);
    if (!fs.existsSync(dirname(file))) {
      throw new StoreError('not-found', `cannot create ${file}: the folder ${dirname(file)} does not exist`, { path: file });
    }
    return;
  }
  if (stat.isDirectory()) throw notGraft(file, 'it is a folder');
  if (stat.size === 0) return;
  if (!hasSqliteHeader(file)) throw notGraft(file, 'it is not an SQLite file');
  // Before SQLite opens it: a read-only connection would leave -wal and -shm files behind in a
  // folder Graft cannot clean up.
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(dirname(file), fs.constants.W_OK); // WAL mode creates -wal and -shm beside it
  } catch (error) {
    throw new StoreError(
      'read-only',
      `${file} is read-only here (${(error as Error).message}); this command writes runs to it. graft list, compare and report can still read it`,
      { path: file, cause: error },
    );
  }
  inspectWithSqlite(file, knownVersion, timeout);
}

function hasSqliteHeader(file: string): boolean {
  const header = Buffer.alloc(SQLITE_MAGIC.length);
  const fd = fs.openSync(file, 'r');
  try {
    const read = fs.readSync(fd, header, 0, header.length, 0);
    return read === header.length && header.equals(SQLITE_MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

function inspectWithSqlite(file: string, knownVersion: number, timeout: number): void {
  const sideFiles = [`${file}-wal`, `${file}-shm`];
  const existedBefore = sideFiles.some((side) => fs.existsSync(side));
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout });
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const version = userVersion(db);
    if (applicationId !== GRAFT_APPLICATION_ID) {
      const objects = db.prepare<[], number>('SELECT count(*) FROM sqlite_schema').pluck().get() ?? 0;
      // An SQLite file nobody has claimed or filled (e.g. made by `sqlite3 graft.db ''`) is adopted.
      if (applicationId !== 0 || objects > 0 || version !== 0) {
        throw notGraft(file, 'it is an SQLite database of another application');
      }
      return;
    }
    if (version > knownVersion) throw newerVersionError(file, version, knownVersion);
    // quick_check on every open: writing into a damaged b-tree can spread the damage to
    // pages that were fine, so damage is reported before Graft writes anything. quick_check
    // rather than integrity_check because it is linear in the file size (it skips checking
    // that indexes match their tables, which costs a sort), so it stays fast for big stores.
    const problems = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
    if (problems[0]?.quick_check !== 'ok') {
      throw damaged(file, problems.map((p) => p.quick_check.replace('*** in database main ***\n', '')).join('; '));
    }
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const wrapped = toStoreError(error, file, file);
    if (wrapped.code === 'corrupt') throw damaged(file, (error as Error).message);
    throw wrapped;
  } finally {
    db?.close();
    if (!existedBefore) removeSideFiles(file, sideFiles, timeout);
  }
}

/**
 * A read-only connection to a WAL-mode file creates -wal and -shm files but cannot remove
 * them (that needs a write lock). A read-write connection that only reads removes them on
 * close, taking the exclusive lock first, so they stay if any other process uses the file.
 * Only called when neither file existed before: the WAL is then empty and closing writes
 * nothing into the database file.
 */
function removeSideFiles(file: string, sideFiles: string[], timeout: number): void {
  if (!sideFiles.some((side) => fs.existsSync(side))) return;
  try {
    const db = new Database(file, { fileMustExist: true, timeout });
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } finally {
      db.close();
    }
  } catch {
    // Best effort: leftover empty -wal/-shm files are harmless to SQLite.
  }
}

function notGraft(file: string, why: string): StoreError {
  return new StoreError('not-a-database', `${file} is not a Graft database (${why})`, { path: file });
}

function damaged(file: string, detail: string): StoreError {
  return new StoreError(
    'corrupt',
    `${file} is damaged (SQLite's check says: ${detail}). The file was not changed; restore it from a backup.`,
    { path: file },
  );
}
