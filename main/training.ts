// Starts the engine's scheduler for an app, when this process is the one that trains.
// Loaded on demand: TensorFlow.js and worker threads are not needed to list or compare.
import type { GraftApp } from './app.ts';
import { installedNativeBackend } from './engine/worker/backends/installed.ts';
import type { Scheduler } from './engine/mainThread/scheduler.ts';

export interface Training {
  scheduler: Scheduler;
  stop(): Promise<void>;
}

export interface TrainingOptions {
  backend?: string | null;
  concurrency?: number;
  /** Train only these experiments' runs; default every queued run in the store. */
  experimentIds?: readonly number[];
}

export async function startTraining(app: GraftApp, log: (line: string) => void, options: TrainingOptions = {}): Promise<Training> {
  const { Scheduler, defaultConcurrency } = await import('./engine/mainThread/scheduler.ts');
  // tfjs-node allows one training worker per process: when it is installed (and so will be
  // chosen), train one run at a time; otherwise one run per core. Resolved, not loaded: the
  // main process must not load TensorFlow just to count workers.
  const backend = options.backend ?? installedNativeBackend();
  const scheduler = new Scheduler({
    store: app.store,
    publish: (event) => app.events.publish(event),
    artifactsDir: app.artifactsDir,
    backend: options.backend ?? null,
    concurrency: options.concurrency ?? defaultConcurrency(backend),
    ...(options.experimentIds ? { experimentIds: options.experimentIds } : {}),
    log,
  });
  app.attachScheduler(scheduler);
  // Runs left queued by an earlier session start now.
  scheduler.wake();
  return { scheduler, stop: () => scheduler.stop() };
}
