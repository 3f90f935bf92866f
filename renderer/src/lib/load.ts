// What the views that show stored data share: loading it with its failure as a message, and
// loading it again when the main side says it changed.
import type { GraftApi } from '../../../contract/api.ts';
import type { GraftEvent } from '../../../contract/events.ts';
import { messageOf } from './files.ts';

/** Runs work; resolves to null when it succeeded, or to the message of what it threw. */
export async function caught(work: () => Promise<void>): Promise<string | null> {
  try {
    await work();
    return null;
  } catch (e) {
    return messageOf(e);
  }
}

/**
 * Calls reload after the events that concern a view, batched: the first such event schedules one
 * reload after the delay delayOf gives it (null: not this view's business), and the events until
 * then ride along. Returns the unsubscribe, which also drops a scheduled reload — for an $effect.
 */
export function reloadOnEvents(api: Pick<GraftApi, 'onEvent'>, delayOf: (event: GraftEvent) => number | null, reload: () => void): () => void {
  let pending: ReturnType<typeof setTimeout> | null = null;
  const off = api.onEvent((event) => {
    const delay = delayOf(event);
    if (delay === null) return;
    pending ??= setTimeout(() => {
      pending = null;
      reload();
    }, delay);
  });
  return () => {
    off();
    if (pending) clearTimeout(pending);
  };
}

/**
 * For reloadOnEvents: whether a run's progress event brings an epoch not seen before. Stored
 * data (curves, metrics) changes only when an epoch ends; the progress events in between, one
 * per batch, only move the bars. A run's first event counts as new.
 */
export function epochWatcher(): (event: { runId: number; epoch: number }) => boolean {
  const seen = new Map<number, number>();
  return ({ runId, epoch }) => {
    if (seen.get(runId) === epoch) return false;
    seen.set(runId, epoch);
    return true;
  };
}

/** How soon a status change reloads a view, so that a burst of them (runs finishing together) costs one reload. */
export const STATUS_RELOAD_MS = 100;

/**
 * For reloadOnEvents: lists of experiments and runs change when an experiment is created,
 * finishes or is deleted, and when a run changes status.
 */
export function listsReloadDelay(event: GraftEvent): number | null {
  return event.type === 'experiment-changed' || event.type === 'run-status' ? STATUS_RELOAD_MS : null;
}
