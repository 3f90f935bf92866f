// Starts the engine's scheduler for an app, when this process is the one that trains.
// Loaded on demand: TensorFlow.js and worker threads are not needed to list or compare.
import type { GraftApp } from './app.ts';
import type { Scheduler } from './engine/scheduler.ts';

export interface Training {
  scheduler: Scheduler;
  stop(): Promise<void>;
}

export interface TrainingOptions {
  backend?: string | null;
  concurrency?: number;
}

export async function startTraining(app: GraftApp, log: (line: string) => void, options: TrainingOptions = {}): Promise<Training> {
  const { Scheduler } = await import('./engine/scheduler.ts');
  const scheduler = new Scheduler({
    store: app.store,
    publish: (event) => app.events.publish(event),
    artifactsDir: app.artifactsDir,
    backend: options.backend ?? null,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    log,
  });
  app.attachScheduler(scheduler);
  // Runs left queued by an earlier session start now.
  scheduler.wake();
  return { scheduler, stop: () => scheduler.stop() };
}
