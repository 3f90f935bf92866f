// Helpers shared by the db specs: temp folders, file fingerprints, a seeded PRNG and a raw
// connection for checking what is really in the file, and the error a store call throws.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { StoreError } from '../../../db/errors.ts';
import type { NewExperiment } from '../../../db/experiments.ts';

export const TABLES = ['experiments', 'runs', 'series', 'points', 'series_overview', 'artifacts', 'tags', 'notes', 'run_logs'] as const;

const made: string[] = [];

/** A fresh folder under the OS temp dir; removeTempDirs() deletes them all. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(join(tmpdir(), 'graft-db-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The files SQLite may leave beside a database, present right now. */
export function sideFiles(file: string): string[] {
  return ['-wal', '-shm', '-journal'].map((suffix) => file + suffix).filter((side) => fs.existsSync(side));
}

/** sfc32 seeded through splitmix32: fast, and the same numbers on every machine. */
export function seededRandom(seed: number): { next(): number; uint32(): number } {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const uint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  return { uint32, next: () => uint32() / 2 ** 32 };
}

/** Row count of every Graft table, through a connection of its own. */
export function countRows(file: string): Record<(typeof TABLES)[number], number> {
  const db = new Database(file, { fileMustExist: true });
  try {
    const counts = {} as Record<(typeof TABLES)[number], number>;
    for (const table of TABLES) counts[table] = db.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get() ?? 0;
    return counts;
  } finally {
    db.close();
  }
}

/** A raw connection (creating the file if needed) for a spec to look at or tamper with it. Close it. */
export function rawConnection(file: string): Database.Database {
  return new Database(file);
}

export function sampleExperiment(name = 'Fashion 0-4 → 5-9 at 50/class', seeds = 2): NewExperiment {
  const runs = ['scratch', 'fine-tune'].flatMap((arm) =>
    Array.from({ length: seeds }, (_, i) => ({
      arm,
      seed: i + 1,
      budget: '50/class',
      config: { arm, lr: arm === 'scratch' ? 1e-3 : 1e-4, seed: i + 1 },
      epochsPlanned: 10,
    })),
  );
  return { name, kind: 'transfer', specVersion: 1, spec: { name, arms: ['scratch', 'fine-tune'] }, runs };
}

/** The StoreError that fn throws; fails the spec if it returns instead. */
export function thrown(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (error) {
    return error as StoreError;
  }
  throw new Error('expected an error');
}
