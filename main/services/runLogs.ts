// Run logs outlive the page: every 'run-log' line the engine publishes is stored with its run,
// so the run page shows it after a reload or a restart (db/runLogs.ts keeps the newest lines).
import type { RunStore } from '../../db/store.ts';
import type { EventBus } from './eventBus.ts';

/** Stores each published log line; returns the unsubscribe. */
export function keepRunLogs(events: EventBus, store: RunStore, onError: (message: string) => void = () => {}): () => void {
  return events.subscribe((event) => {
    if (event.type !== 'run-log') return;
    try {
      store.appendRunLog(event.runId, event.line);
    } catch (err) {
      // A run deleted while its worker still logs: nothing to keep it with.
      onError(`could not store a log line of run ${event.runId}: ${String(err)}`);
    }
  });
}
