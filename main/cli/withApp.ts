// What the store-reading commands share: the app opened for the command's work and closed
// whatever happens, and an experiment named on the command line (id or exact name).
import type { ExperimentDetail } from '../../contract/model.ts';
import { openApp, type GraftApp } from '../app.ts';
import { UsageError } from './command.ts';
import { isWritableStore } from '../../db/openReadOnly.ts';

/** For commands that only read: a store Graft cannot write is opened read-only instead of refused. */
export function readingStore(dbPath: string): { readOnly: boolean } {
  return { readOnly: dbPath !== ':memory:' && !isWritableStore(dbPath) };
}

export async function withApp<T>(dbPath: string, work: (app: GraftApp) => Promise<T> | T, options: { readOnly?: boolean } = {}): Promise<T> {
  const app = openApp(dbPath, options);
  try {
    return await work(app);
  } finally {
    app.close();
  }
}

export function findExperimentOrFail(app: GraftApp, ref: string): ExperimentDetail {
  const experiment = app.store.findExperiment(ref);
  if (!experiment) throw new UsageError(`no experiment "${ref}" in ${app.dbPath} (see "graft list")`);
  return experiment;
}
