// Starting a training worker costs over a second (tsx registers, TypeScript compiles,
// TensorFlow.js loads). One spare worker, started while other runs train, hides that cost
// from the next run, and a worker whose run ended cleanly comes back as the spare (giveBack):
// for runs of a few seconds, starting threads took more CPU than training. A run that fails
// never hands its thread back, so a crash, an out-of-memory or a leak stays with its run.
import type { Worker } from 'node:worker_threads';

export class WarmWorkers {
  private spare: Worker | null = null;
  private closed = false;

  constructor(private readonly create: () => Worker) {}

  /** The spare when there is one, a new worker otherwise. */
  take(): Worker {
    const worker = this.spare ?? this.create();
    this.spare = null;
    worker.removeAllListeners('error');
    worker.removeAllListeners('exit');
    worker.ref();
    return worker;
  }

  /** Starts a spare for the next run, unless one is ready. */
  prewarm(): void {
    if (this.spare || this.closed) return;
    this.keep(this.create());
  }

  /**
   * A worker that finished a run cleanly becomes the spare. It is ready now, where a spare
   * started by prewarm() may still be loading, so that one is ended instead.
   */
  giveBack(worker: Worker): void {
    if (this.closed) {
      void worker.terminate();
      return;
    }
    const starting = this.spare;
    this.keep(worker);
    void starting?.terminate();
  }

  private keep(worker: Worker): void {
    // An idle spare must not keep the process alive, and one that fails or exits is dropped.
    worker.unref();
    const forget = (): void => {
      if (this.spare === worker) this.spare = null;
    };
    worker.on('error', forget);
    worker.once('exit', forget);
    this.spare = worker;
  }

  /** Frees the spare (nothing left to run); prewarm() may start another later. */
  async drop(): Promise<void> {
    const worker = this.spare;
    this.spare = null;
    await worker?.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drop();
  }
}
