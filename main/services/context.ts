// What every service is handed: the store, the event bus, the scheduler (when training is on)
// and the environment. Its own module, below handlers.ts and the services it wires up, so none
// of them imports another to get the type.
import type { EnvironmentInfo } from '../../contract/api.ts';
import type { RunStore } from '../../db/store.ts';
import type { EventBus } from './eventBus.ts';

/** What the scheduler offers the services; the engine implements it. */
export interface RunScheduler {
  /** Look for queued runs and start them, up to the concurrency limit. */
  wake(): void;
  /** Stop a queued or running run; true when it was found. */
  cancel(runId: number): boolean;
}

export interface ServiceContext {
  store: RunStore;
  events: EventBus;
  scheduler?: RunScheduler;
  environment: () => Promise<EnvironmentInfo>;
}
