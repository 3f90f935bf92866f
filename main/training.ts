// Starts the engine's scheduler for an app, when this process is the one that trains.
import type { GraftApp } from './app.ts';

export interface Training {
  stop(): Promise<void>;
}

export async function startTraining(_app: GraftApp, _log: (line: string) => void): Promise<Training | null> {
  // The scheduler lands with the engine (main/engine/scheduler.ts).
  return null;
}
