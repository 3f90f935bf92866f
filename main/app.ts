// The composition root of the main side: one store (the single writer), one event bus,
// the handlers, and — when this process trains — the scheduler. The CLI, `graft serve`
// and the Electron main process all start here.
import { openStore } from '../db/open.ts';
import { openStoreReadOnly } from '../db/openReadOnly.ts';
import type { RunStore } from '../db/store.ts';
import { describeEnvironment } from './environment.ts';
import { EventBus } from './services/eventBus.ts';
import { keepRunLogs } from './services/runLogs.ts';
import { createHandlers, type Handlers, type RunScheduler } from './services/handlers.ts';
import { artifactsDirFor } from './paths.ts';
import { prepareStoreFolder } from './storeLocation.ts';

export interface GraftApp {
  dbPath: string;
  artifactsDir: string;
  store: RunStore;
  events: EventBus;
  handlers: Handlers;
  /** Attach the engine's scheduler once it is started (the services wake it). */
  attachScheduler(scheduler: RunScheduler): void;
  close(): void;
}

/** `readOnly`: for commands that only read (list, compare, report) a store Graft cannot write. */
export function openApp(dbPath: string, options: { readOnly?: boolean } = {}): GraftApp {
  prepareStoreFolder(dbPath);
  const store = options.readOnly ? openStoreReadOnly(dbPath) : openStore(dbPath);
  const events = new EventBus();
  keepRunLogs(events, store);
  const artifactsDir = artifactsDirFor(dbPath);
  const context: Parameters<typeof createHandlers>[0] = {
    store,
    events,
    environment: () => describeEnvironment({ dbPath, artifactsDir }),
  };
  const handlers = createHandlers(context);
  return {
    dbPath,
    artifactsDir,
    store,
    events,
    handlers,
    attachScheduler(scheduler) {
      context.scheduler = scheduler;
    },
    close() {
      store.close();
    },
  };
}
