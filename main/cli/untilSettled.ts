// `graft run` waits for its experiments' runs, wherever they train: another Graft process on
// the same store (`graft serve`, the desktop app) may have claimed some of them first. This
// process's scheduler going idle is then not the end; the store says when every run stopped.
import type { RunStore } from '../../db/store.ts';
import type { Scheduler } from '../engine/mainThread/scheduler.ts';

const POLL_MS = 500;

/**
 * Resolves when no run of these experiments is queued or running, in this process or another,
 * or once `givenUp()` says the wait was abandoned (Ctrl-C), so no timer keeps the process alive.
 */
export async function untilSettled(store: RunStore, scheduler: Scheduler, experimentIds: readonly number[], givenUp: () => boolean): Promise<void> {
  for (;;) {
    await scheduler.idle();
    if (givenUp()) return;
    // A process that died holding one of our runs leaves it 'running'; this makes it
    // 'interrupted' (resumable) instead of a wait without end.
    store.recoverInterruptedRuns();
    const open = experimentIds.flatMap((id) => store.listRuns({ experimentId: id, status: ['queued', 'running'] }));
    if (open.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    // A run waiting on a source that another process was training may be able to start now.
    scheduler.wake();
  }
}
