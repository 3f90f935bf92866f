// One worker thread training one run, seen from the main side: typed messages in, one promise
// for how it ended. A worker that throws, runs out of memory or exits without saying it
// finished ends as 'failed' with the reason — it never takes the app or other runs down.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { DataNote } from '../../../contract/dataNotes.ts';
import type { RunEnvironment } from '../../../contract/model.ts';
import type { EpochReport } from '../worker/run/epochLoop.ts';
import type { ArtifactInfo, ResumeFrom, RunJob } from '../worker/run/lifecycle.ts';
import type { RunFailureKind } from '../worker/failure.ts';
import type { FromWorker, ToWorker } from '../worker/messages.ts';

export const WORKER_ENTRY = new URL('../worker/bootstrap.mjs', import.meta.url);

export interface WorkerEvents {
  onStarted(environment: RunEnvironment): void;
  onEpoch(report: EpochReport): void;
  onProgress(fraction: number, etaSeconds: number | null): void;
  onLog(line: string): void;
  onDataNotes(notes: DataNote[]): void;
  onArtifact(path: string, info: ArtifactInfo): void;
}

/**
 * How a run ended. `worker` is the thread, handed back when the run ended cleanly and the thread
 * can take another (see trainWorker.ts); the caller then owns it. A failed run's thread is
 * always ended, so a crash, an out-of-memory or a leak stays with its run.
 */
export type WorkerEnd =
  | { status: 'completed' | 'cancelled'; epochsDone: number; worker?: Worker }
  | { status: 'failed'; error: string; kind: RunFailureKind };

export interface WorkerRun {
  cancel(): void;
  /** Stops the thread now (app shutdown); the run ends as failed "terminated". */
  terminate(): Promise<void>;
  done: Promise<WorkerEnd>;
}

function describeCrash(err: Error & { code?: string }): WorkerEnd & { status: 'failed' } {
  if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') return { status: 'failed', kind: 'out-of-memory', error: `the training worker ran out of memory (${err.message})` };
  return { status: 'failed', kind: 'crashed', error: `the training worker crashed: ${err.message}` };
}

/** A training worker thread, loaded and waiting for its 'start' message. */
export function createWorker(options: { resourceLimits?: ResourceLimits; entry?: URL } = {}): Worker {
  return new Worker(options.entry ?? WORKER_ENTRY, options.resourceLimits ? { resourceLimits: options.resourceLimits } : {});
}

export function startWorker(
  start: { job: RunJob; resume: ResumeFrom | null; backend: string | null },
  events: WorkerEvents,
  options: { resourceLimits?: ResourceLimits; entry?: URL; worker?: Worker } = {},
): WorkerRun {
  const worker = options.worker ?? createWorker(options);
  const send = (message: ToWorker): void => worker.postMessage(message);
  let end: WorkerEnd | null = null;
  const done = new Promise<WorkerEnd>((resolve) => {
    const onMessage = (message: FromWorker): void => {
      switch (message.type) {
        case 'ready':
          return;
        case 'started':
          return events.onStarted(message.environment);
        case 'epoch':
          return events.onEpoch(message.report);
        case 'progress':
          return events.onProgress(message.fraction, message.etaSeconds);
        case 'log':
          return events.onLog(message.line);
        case 'data-notes':
          return events.onDataNotes(message.notes);
        case 'artifact':
          return events.onArtifact(message.path, message.info);
        case 'finished':
          end = { status: message.status, epochsDone: message.epochsDone };
          if (message.reusable && !terminated) {
            // Hand the thread back as it is: this run's listeners go, the next run adds its own.
            detach();
            resolve({ ...end, worker });
            return;
          }
          void worker.terminate();
          return;
        case 'failed':
          end = { status: 'failed', error: message.failure.message, kind: message.failure.kind };
          void worker.terminate();
          return;
      }
    };
    const onError = (err: Error): void => {
      end ??= describeCrash(err);
    };
    const onExit = (code: number): void => {
      resolve(end ?? { status: 'failed', kind: 'crashed', error: `the training worker exited with code ${code} before the run finished` });
    };
    const detach = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
  let terminated = false;
  send({ type: 'start', ...start });
  return {
    cancel: () => send({ type: 'cancel' }),
    terminate: async () => {
      terminated = true;
      end ??= { status: 'failed', kind: 'stopped', error: 'terminated' };
      await worker.terminate();
    },
    done,
  };
}
