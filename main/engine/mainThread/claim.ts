// The scheduler's side of claiming a run (db/claim.ts): a run another process took, or a store
// too busy to answer, means "not this time" — never an exception in a worker callback, which
// would take the whole process down.
import type { RunEnvironment } from '../../../contract/model.ts';
import type { RunStore } from '../../../db/store.ts';

export function claimRun(store: RunStore, runId: number, log: (line: string) => void): boolean {
  try {
    return store.claimRun(runId, process.pid);
  } catch (error) {
    log(`could not claim run ${runId}; leaving it queued: ${String(error)}`);
    return false;
  }
}

/** The environment a worker reported; a failure to store it is logged, the run trains on. */
export function recordEnvironment(store: RunStore, runId: number, environment: RunEnvironment, log: (line: string) => void): void {
  try {
    store.recordRunEnvironment(runId, process.pid, environment);
  } catch (error) {
    log(`could not record run ${runId}'s environment: ${String(error)}`);
  }
}
