// Events the main side pushes to every subscriber (renderer, CLI progress bars).
import type { RunStatus } from './model.ts';

export type GraftEvent =
  | {
      type: 'run-status';
      runId: number;
      experimentId: number;
      status: RunStatus;
      error: string | null;
    }
  | {
      type: 'run-progress';
      runId: number;
      experimentId: number;
      epoch: number;
      epochs: number;
      /** Fraction of the whole run done, 0..1, including batches of the epoch in flight. */
      fraction: number;
      /** Seconds left by the current pace, null until it can be estimated. */
      etaSeconds: number | null;
      metrics: Record<string, number>; // "task/split/metric" -> latest value
    }
  | { type: 'run-log'; runId: number; experimentId: number; line: string }
  | { type: 'experiment-changed'; experimentId: number };

export type GraftEventType = GraftEvent['type'];
