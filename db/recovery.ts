// Crash recovery on open: a run still marked 'running' whose Graft process is gone was cut
// off mid-epoch. Marking it 'interrupted' lets the user resume it from its last checkpoint
// instead of it showing as running forever.
import type Database from 'better-sqlite3';

export const INTERRUPTED_ERROR = 'interrupted: the Graft process running it stopped';

/**
 * Whether a process with this id exists. Signal 0 checks without signalling. EPERM means it
 * exists but belongs to another user, so it is alive. pid 0 and negative pids address process
 * groups, not one process, and count as gone. A pid reused by an unrelated process after a
 * crash reads as alive: the run then stays 'running' until that process ends.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Marks orphaned running runs interrupted; returns their ids. */
export function recoverInterruptedRuns(db: Database.Database): number[] {
  const running = db.prepare<[], { id: number; owner_pid: number | null }>(
    "SELECT id, owner_pid FROM runs WHERE status = 'running'",
  );
  const orphans = () => running.all().filter((run) => run.owner_pid === null || !isProcessAlive(run.owner_pid));
  // Looked for outside a write transaction first: a CLI opening the file while the app trains
  // should not queue for the write lock when there is nothing to recover.
  if (orphans().length === 0) return [];
  // finished_at stays NULL: when the process died is not known, and a made-up time would
  // make run durations wrong.
  const interrupt = db.prepare<[string, number]>(
    "UPDATE runs SET status = 'interrupted', error = ? WHERE id = ? AND status = 'running'",
  );
  return db
    .transaction(() => {
      const found = orphans();
      for (const run of found) interrupt.run(INTERRUPTED_ERROR, run.id);
      return found.map((run) => run.id);
    })
    .immediate();
}
