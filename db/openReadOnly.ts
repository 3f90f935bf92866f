// Opening a store Graft may not write (a colleague's file, a read-only mount) for reading only:
// `graft list`, `compare` and `report` still work, and nothing is left behind. SQLite cannot
// open a WAL-mode file read-only where it may not create the -shm file beside it, and a
// read-only connection that does create -wal/-shm cannot remove them. So when no other process
// has the file open (no -wal beside it), Graft reads a private in-memory copy of the file's
// bytes; the file and its folder are never touched.
import fs from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, toStoreError } from './errors.ts';
import { GRAFT_APPLICATION_ID, LATEST_VERSION, newerVersionError, userVersion } from './migrations.ts';
import { RunStore } from './store.ts';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
// Bytes 18 and 19 of the header: file format write/read version, 2 for WAL. The in-memory copy
// gets 1 (rollback journal), which an in-memory database can open; the file keeps its 2.
const WAL_FORMAT_BYTES = [18, 19] as const;

export function openStoreReadOnly(path: string): RunStore {
  const file = resolve(path);
  let db: Database.Database;
  try {
    if (fs.existsSync(`${file}-wal`)) {
      // A live writer elsewhere: its committed epochs may be in the -wal, so read the file itself.
      db = new Database(file, { readonly: true, fileMustExist: true });
    } else {
      const bytes = fs.readFileSync(file);
      if (bytes.length < 100 || !bytes.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
        throw new StoreError('not-a-database', `${file} is not a Graft database (it is not an SQLite file)`, { path: file });
      }
      for (const at of WAL_FORMAT_BYTES) if (bytes[at] === 2) bytes[at] = 1;
      db = new Database(bytes, { readonly: true });
    }
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StoreError('not-found', `${file} does not exist`, { path: file });
    throw toStoreError(error, `cannot read ${file}`, file);
  }
  try {
    if (db.pragma('application_id', { simple: true }) !== GRAFT_APPLICATION_ID) {
      throw new StoreError('not-a-database', `${file} is not a Graft database`, { path: file });
    }
    const version = userVersion(db);
    if (version > LATEST_VERSION) throw newerVersionError(file, version, LATEST_VERSION);
    if (version < LATEST_VERSION) {
      throw new StoreError('read-only', `${file} was written by an older Graft and must be upgraded, which needs write access to it and its folder`, { path: file });
    }
    return new RunStore(db, { path: file, fromVersion: version, schemaVersion: version, backupPath: null, interruptedRunIds: [] });
  } catch (error) {
    db.close();
    throw error instanceof StoreError ? error : toStoreError(error, file, file);
  }
}

/**
 * False when the store or its folder exists and Graft could not write the file or create its
 * -wal and -shm beside it. A missing folder is not "read-only": opening says it is missing.
 */
export function isWritableStore(path: string): boolean {
  const file = resolve(path);
  if (!fs.existsSync(resolve(file, '..'))) return true;
  try {
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(resolve(file, '..'), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
