// What the main side reports about runs in flight, kept for every view: the latest progress
// of each running run and the log lines seen since this window opened.
import { SvelteMap } from 'svelte/reactivity';
import type { GraftApi } from '../../../contract/api.ts';
import type { GraftEvent } from '../../../contract/events.ts';
import type { LiveProgress } from './live/progress.ts';

const MAX_LOG_LINES = 2000;

export interface RunProgress extends LiveProgress {
  epoch: number;
  epochs: number;
  metrics: Record<string, number>;
}

export class LiveRuns {
  readonly progress = new SvelteMap<number, RunProgress>();
  readonly logs = new SvelteMap<number, string[]>();

  handle(event: GraftEvent): void {
    if (event.type === 'run-progress') {
      const { fraction, etaSeconds, epoch, epochs, metrics } = event;
      this.progress.set(event.runId, { fraction, etaSeconds, epoch, epochs, metrics });
    } else if (event.type === 'run-log') {
      const lines = this.logs.get(event.runId) ?? [];
      this.logs.set(event.runId, [...lines, event.line].slice(-MAX_LOG_LINES));
    } else if (event.type === 'run-status' && event.status !== 'running') {
      this.progress.delete(event.runId);
    }
  }

  /** Subscribes to the API's events; returns the unsubscribe function. */
  connect(api: GraftApi): () => void {
    return api.onEvent((event) => this.handle(event));
  }
}

export const live = new LiveRuns();
