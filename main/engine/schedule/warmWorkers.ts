// Starting a training worker costs over a second (tsx registers, TypeScript compiles,
// TensorFlow.js loads). One spare worker, started while other runs train, hides that cost
// from the next run. Every run still gets a fresh thread of its own, so a crash, an
// out-of-memory or a leak stays with its run.
import type { Worker } from 'node:worker_threads';

export class WarmWorkers {
  private spare: Worker | null = null;
  private closed = false;

  constructor(private readonly create: () => Worker) {}

  /** The spare when there is one, a new worker otherwise. */
  take(): Worker {
    const worker = this.spare ?? this.create();
    this.spare = null;
    worker.ref();
    return worker;
  }

  /** Starts a spare for the next run, unless one is ready. */
  prewarm(): void {
    if (this.spare || this.closed) return;
    const worker = this.create();
    // An idle spare must not keep the process alive, and one that fails to load is dropped.
    worker.unref();
    worker.on('error', () => {});
    worker.once('exit', () => {
      if (this.spare === worker) this.spare = null;
    });
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
