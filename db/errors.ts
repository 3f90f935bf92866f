// Failures of the run store, classified so callers decide by `code` (show "upgrade Graft",
// retry on busy, map to an API error) instead of parsing SQLite's or Node's message strings.
import Database from 'better-sqlite3';

export type StoreErrorCode =
  | 'not-a-database' // the file is not an SQLite file, or an SQLite file of another application
  | 'newer-version' // written by a newer Graft whose schema this Graft does not know
  | 'corrupt' // the SQLite integrity check failed, or SQLite reported a malformed file
  | 'busy' // another connection held the lock for longer than the busy timeout
  | 'read-only' // the file, its folder or the disk cannot be written
  | 'full' // the disk (or a SQLite size limit) is full
  | 'io' // the operating system failed to read or write the file
  | 'migration-failed' // a schema migration threw; the file stays at its previous version
  | 'not-found' // the experiment, run or folder named does not exist
  | 'conflict' // the write clashes with what is stored (duplicate run, run not in the right state)
  | 'invalid' // a value breaks a rule of the schema (bad kind, non-integer step, not JSON)
  | 'closed' // the store was used after close()
  | 'internal'; // anything else: a bug

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  /** The database file the error is about, when it is about a file. */
  readonly path: string | undefined;

  constructor(code: StoreErrorCode, message: string, options: { path?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
    this.path = options.path;
  }
}

const SQLITE_CODES: [prefix: string, code: StoreErrorCode][] = [
  ['SQLITE_BUSY', 'busy'],
  ['SQLITE_LOCKED', 'busy'],
  ['SQLITE_READONLY', 'read-only'],
  ['SQLITE_CORRUPT', 'corrupt'],
  ['SQLITE_NOTADB', 'corrupt'],
  ['SQLITE_FULL', 'full'],
  ['SQLITE_TOOBIG', 'invalid'],
  ['SQLITE_IOERR', 'io'],
  ['SQLITE_CANTOPEN', 'io'],
  ['SQLITE_CONSTRAINT_FOREIGNKEY', 'not-found'],
  ['SQLITE_CONSTRAINT_UNIQUE', 'conflict'],
  ['SQLITE_CONSTRAINT_PRIMARYKEY', 'conflict'],
  ['SQLITE_CONSTRAINT', 'invalid'],
  ['SQLITE_MISMATCH', 'invalid'],
];

const NODE_CODES: Record<string, StoreErrorCode> = {
  EACCES: 'read-only',
  EPERM: 'read-only',
  EROFS: 'read-only',
  ENOSPC: 'full',
  EDQUOT: 'full',
  ENOENT: 'not-found',
  EIO: 'io',
};

/** The StoreError code for an SQLite result code such as 'SQLITE_CONSTRAINT_CHECK'. */
export function codeOfSqlite(sqliteCode: string): StoreErrorCode {
  for (const [prefix, code] of SQLITE_CODES) {
    if (sqliteCode === prefix || sqliteCode.startsWith(`${prefix}_`)) return code;
  }
  return 'internal';
}

/**
 * Wraps any thrown value as a StoreError. `context` prefixes the message, e.g. "run 12" or
 * "runs[3]", so the message names what the failed write was about.
 */
export function toStoreError(error: unknown, context?: string, path?: string): StoreError {
  if (error instanceof StoreError) return error;
  const prefix = context === undefined ? '' : `${context}: `;
  const options = { cause: error, ...(path === undefined ? {} : { path }) };
  if (error instanceof Database.SqliteError) {
    return new StoreError(codeOfSqlite(error.code), `${prefix}${error.message}`, options);
  }
  if (error instanceof Error) {
    const nodeCode = (error as NodeJS.ErrnoException).code;
    if (typeof nodeCode === 'string' && nodeCode in NODE_CODES) {
      return new StoreError(NODE_CODES[nodeCode] ?? 'io', `${prefix}${error.message}`, options);
    }
    // better-sqlite3 reports use after close() as a TypeError with this wording.
    if (error instanceof TypeError && /database connection is not open/i.test(error.message)) {
      return new StoreError('closed', `${prefix}the run store is closed`, options);
    }
    return new StoreError('internal', `${prefix}${error.message}`, options);
  }
  return new StoreError('internal', `${prefix}${String(error)}`, options);
}
