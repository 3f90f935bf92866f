// Progress of runs and of a whole experiment, from the stored epoch counts and the live
// 'run-progress' events (which include the batches of the epoch in flight).
import type { RunSummary } from '../../../../contract/model.ts';

export interface LiveProgress {
  fraction: number;
  etaSeconds: number | null;
}


export function runFraction(run: Pick<RunSummary, 'status' | 'epochsDone' | 'epochsPlanned'>, live?: LiveProgress): number {
  if (run.status === 'completed') return 1;
  if (live && run.status === 'running') return Math.min(1, Math.max(0, live.fraction));
  if (!run.epochsPlanned) return 0;
  return Math.min(1, run.epochsDone / run.epochsPlanned);
}

/**
 * The experiment's fraction weighs runs by planned epochs. Its ETA: the longest ETA of the
 * running runs plus, for queued runs, their epochs at the pace seen so far, spread over as
 * many runs as are running now (the scheduler's concurrency in practice).
 */
export function experimentProgress(
  runs: readonly Pick<RunSummary, 'id' | 'status' | 'epochsDone' | 'epochsPlanned'>[],
  live: ReadonlyMap<number, LiveProgress>,
): { fraction: number; etaSeconds: number | null; finished: boolean } {
  let planned = 0;
  let done = 0;
  let runningEta: number | null = null;
  let secondsPerEpoch: number | null = null;
  let queuedEpochs = 0;
  let running = 0;
  for (const run of runs) {
    const epochs = run.epochsPlanned ?? 1;
    // Cancelled and failed runs count the epochs they trained, no more: an experiment with a
    // cancelled run never reads 100% (outcome() says what stopped it).
    const fraction = runFraction(run, live.get(run.id));
    planned += epochs;
    done += fraction * epochs;
    const l = live.get(run.id);
    if (run.status === 'running') {
      running++;
      if (l?.etaSeconds != null) {
        runningEta = Math.max(runningEta ?? 0, l.etaSeconds);
        const left = (1 - l.fraction) * epochs;
        if (left > 0) secondsPerEpoch = l.etaSeconds / left;
      }
    } else if (run.status === 'queued' || run.status === 'interrupted') queuedEpochs += epochs;
  }
  const finished = runs.every((r) => !['queued', 'running'].includes(r.status));
  let etaSeconds: number | null = null;
  if (!finished && runningEta !== null) {
    etaSeconds = runningEta + (secondsPerEpoch !== null ? (queuedEpochs * secondsPerEpoch) / Math.max(1, running) : 0);
  }
  return { fraction: planned > 0 ? done / planned : 0, etaSeconds, finished };
}

/** How a finished experiment ended, in words: "finished: 9 completed" or "stopped: 7 completed, 5 cancelled". */
export function outcome(runs: readonly Pick<RunSummary, 'status'>[]): string {
  const counts = new Map<string, number>();
  for (const run of runs) counts.set(run.status, (counts.get(run.status) ?? 0) + 1);
  const parts = ['completed', 'cancelled', 'failed', 'interrupted'].flatMap((s) => (counts.get(s) ? [`${counts.get(s)} ${s}`] : []));
  const clean = parts.length === 1 && counts.has('completed');
  return `${clean ? 'finished' : 'stopped'}: ${parts.join(', ')}`;
}

export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'estimating…';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s left`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s left`;
  return `${Math.floor(m / 60)} h ${m % 60} min left`;
}
