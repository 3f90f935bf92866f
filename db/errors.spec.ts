import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError, codeOfSqlite, toStoreError } from './errors.ts';

describe('classifying failures', () => {
  it('maps SQLite result codes, extended codes included', () => {
    const cases: [string, StoreError['code']][] = [
      ['SQLITE_BUSY', 'busy'],
      ['SQLITE_BUSY_SNAPSHOT', 'busy'],
      ['SQLITE_LOCKED', 'busy'],
      ['SQLITE_READONLY', 'read-only'],
      ['SQLITE_READONLY_DBMOVED', 'read-only'],
      ['SQLITE_CORRUPT', 'corrupt'],
      ['SQLITE_CORRUPT_INDEX', 'corrupt'],
      ['SQLITE_NOTADB', 'corrupt'],
      ['SQLITE_FULL', 'full'],
      ['SQLITE_IOERR_FSYNC', 'io'],
      ['SQLITE_CANTOPEN', 'io'],
      ['SQLITE_CONSTRAINT_FOREIGNKEY', 'not-found'],
      ['SQLITE_CONSTRAINT_UNIQUE', 'conflict'],
      ['SQLITE_CONSTRAINT_PRIMARYKEY', 'conflict'],
      ['SQLITE_CONSTRAINT_CHECK', 'invalid'],
      ['SQLITE_CONSTRAINT_NOTNULL', 'invalid'],
      ['SQLITE_CONSTRAINT_DATATYPE', 'invalid'],
      ['SQLITE_MISMATCH', 'invalid'],
      ['SQLITE_ERROR', 'internal'],
      ['SQLITE_BUSYNESS', 'internal'], // a prefix match needs the underscore
    ];
    for (const [sqlite, code] of cases) expect([sqlite, codeOfSqlite(sqlite)]).toEqual([sqlite, code]);
  });

  it('wraps SqliteError, Node errors and anything else, keeping the cause', () => {
    const sqlite = new Database.SqliteError('attempt to write a readonly database', 'SQLITE_READONLY');
    const wrapped = toStoreError(sqlite, 'run 3', '/x/graft.db');
    expect(wrapped).toMatchObject({ code: 'read-only', message: 'run 3: attempt to write a readonly database', path: '/x/graft.db' });
    expect(wrapped.cause).toBe(sqlite);

    const node = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    expect(toStoreError(node).code).toBe('full');
    expect(toStoreError(Object.assign(new Error('denied'), { code: 'EACCES' })).code).toBe('read-only');
    expect(toStoreError(new Error('boom'))).toMatchObject({ code: 'internal', message: 'boom' });
    expect(toStoreError('a string')).toMatchObject({ code: 'internal', message: 'a string' });

    const already = new StoreError('busy', 'locked');
    expect(toStoreError(already, 'context')).toBe(already);
  });

  it("reports use after close as 'closed'", () => {
    const db = new Database(':memory:');
    const statement = db.prepare('SELECT 1');
    db.close();
    let error: unknown;
    try {
      statement.get();
    } catch (e) {
      error = e;
    }
    expect(toStoreError(error).code).toBe('closed');
  });
});
