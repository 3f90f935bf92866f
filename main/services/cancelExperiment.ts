// Cancelling runs: one, or every queued and running run of an experiment at once. A running run
// reads "cancelled" the moment it is cancelled: the store says so before its worker has stopped
// (the scheduler records how it really ended when the worker is done, so a run that finished its
// last epoch meanwhile still reads completed).
import { ApiError } from '../../contract/errors.ts';
import type { RunStatus } from '../../contract/model.ts';
import type { RunStore } from '../../db/store.ts';
import type { EventBus } from './eventBus.ts';

/** What cancelling needs: the store, the event bus, and the scheduler when this process trains. */
export interface CancelContext {
  store: RunStore;
  events: EventBus;
  scheduler?: { cancel(runId: number): boolean };
}

const CANCELLABLE: readonly RunStatus[] = ['queued', 'running'];

/** Cancels one run that is queued or running; its status after. */
export function cancelOneRun(ctx: CancelContext, runId: number, experimentId: number): RunStatus {
  ctx.scheduler?.cancel(runId);
  // Marked at once, whether or not a scheduler in this process holds the run: a queued run then
  // never starts anywhere, and a running one shows as cancelled while its worker winds down.
  if (ctx.store.getRun(runId)?.status !== 'cancelled') ctx.store.setRunStatus(runId, 'cancelled', { error: null });
  const status = ctx.store.getRun(runId)?.status ?? 'cancelled';
  ctx.events.publish({ type: 'run-status', runId, experimentId, status, error: null });
  return status;
}

/** Cancels every queued and running run of the experiment; the ids it cancelled. */
export function cancelExperiment(ctx: CancelContext, id: number): { id: number; cancelled: number[] } {
  if (!ctx.store.getExperiment(id)) throw new ApiError('not-found', `experiment ${id} does not exist`, 'id');
  const runs = ctx.store.listRuns({ experimentId: id, status: [...CANCELLABLE] });
  // Queued first, so the scheduler cannot start one of them in a slot a cancelled run frees.
  const ordered = [...runs.filter((r) => r.status === 'queued'), ...runs.filter((r) => r.status === 'running')];
  const cancelled = ordered.filter((run) => cancelOneRun(ctx, run.id, id) === 'cancelled').map((r) => r.id);
  ctx.events.publish({ type: 'experiment-changed', experimentId: id });
  return { id, cancelled };
}
