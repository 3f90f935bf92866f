// Where a store may be opened. A `--db` into a folder that does not exist is almost always a
// typo: creating the folders and an empty store there made `graft list` print [] as if the
// user's runs were gone. Only Graft's own data folder is created on first use.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreError } from '../db/errors.ts';
import { defaultDbPath } from './paths.ts';

export function prepareStoreFolder(dbPath: string): void {
  if (dbPath === ':memory:') return;
  const folder = dirname(resolve(dbPath));
  if (existsSync(folder)) return;
  if (resolve(dbPath) === resolve(defaultDbPath())) {
    mkdirSync(folder, { recursive: true });
    return;
  }
  throw new StoreError('not-found', `the folder ${folder} does not exist, so no store can be opened at ${dbPath}; create the folder or correct the path`, {
    path: resolve(dbPath),
  });
}
