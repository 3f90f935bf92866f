// The scheduler: the main side's owner of training. It starts queued runs in worker threads up
// to a concurrency limit, one worker per run; is the single writer of what workers report
// (batched transactions); moves runs queued → running → completed | failed | cancelled; and
// fans GraftEvents out to subscribers.
//
// Pretraining: a spec whose source is a pretraining recipe expands to one `source` run per seed
// (contract/specRuns.ts). Target runs of that seed wait here until it completes and then get its
// final `model` artifact as their source model; if it fails, they fail, naming it.
// Resume: a queued run with a `checkpoint` artifact (an interrupted run requeued by resumeRun)
// continues from that checkpoint.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import type { GraftEvent } from '../../../contract/events.ts';
import type { RunStatus, RunSummary } from '../../../contract/model.ts';
import type { RunConfig } from '../../../contract/spec.ts';
import type { RunStore } from '../../../db/store.ts';
import { hasCheckpoint } from '../worker/run/checkpointFolder.ts';
import { claimRun, recordEnvironment } from './claim.ts';
import { EpochWriter } from './epochWriter.ts';
import { sourceReadiness } from './sources.ts';
import { WarmWorkers } from './warmWorkers.ts';
import { createWorker, startWorker, type WorkerEnd, type WorkerRun } from './workerRun.ts';

export interface SchedulerOptions {
  store: RunStore;
  publish(event: GraftEvent): void;
  /** Each run gets `<artifactsDir>/run-<id>/` for its checkpoint and model. */
  artifactsDir: string;
  /** Runs training at once; default from the core count (see defaultConcurrency). */
  concurrency?: number;
  /** Force a backend ('wasm', 'cpu', …); default the best available, chosen per worker. */
  backend?: string | null;
  dataDir?: string;
  log?(line: string): void;
  /** Per-worker memory limits; a worker that exceeds them fails its run only. */
  resourceLimits?: ResourceLimits;
  /** How long a cancelled worker gets to stop between batches before it is terminated. */
  cancelGraceMs?: number;
  /** Train only these experiments' runs (`graft run`); default every queued run in the store. */
  experimentIds?: readonly number[];
}

/** tfjs-node allows one training worker per process; otherwise one per core, at most 4. */
export function defaultConcurrency(backend?: string | null): number {
  if (backend && /^(tensorflow|tfjs-node|gpu|cuda)/.test(backend)) return 1;
  return Math.max(1, Math.min(availableParallelism(), 4));
}

interface ActiveRun {
  run: RunSummary;
  worker: WorkerRun;
  cancelRequested: boolean;
  epoch: number;
  metrics: Record<string, number>;
}

export class Scheduler {
  private readonly active = new Map<number, ActiveRun>();
  private readonly writer: EpochWriter;
  private readonly warm: WarmWorkers;
  private readonly concurrency: number;
  private idleWaiters: (() => void)[] = [];
  /** A run ended without handing back its worker: start a spare for the runs still waiting. */
  private workerLost = false;
  private stopping = false;

  constructor(private readonly o: SchedulerOptions) {
    this.concurrency = o.concurrency ?? defaultConcurrency(o.backend);
    this.writer = new EpochWriter(o.store, 100, (err) => this.log(`could not write run results: ${String(err)}`));
    this.warm = new WarmWorkers(() => createWorker(o.resourceLimits ? { resourceLimits: o.resourceLimits } : {}));
  }

  /** Starts queued runs whose sources are ready, up to the concurrency limit. */
  wake(): void {
    if (this.stopping) return;
    const mine = this.o.experimentIds;
    const queued = this.o.store
      .listRuns({ status: ['queued'] })
      .filter((run) => !mine || mine.includes(run.experimentId))
      .sort((a, b) => a.id - b.id);
    for (const run of queued) {
      if (this.active.size >= this.concurrency) break;
      if (this.active.has(run.id)) continue;
      const config = run.config as RunConfig;
      const source = sourceReadiness(this.o.store, run, config);
      if (source.state === 'waiting') continue;
      // Claimed in the store before a worker starts: another Graft process on this store may
      // have taken it since the list was read, and then it is simply not ours to train.
      if (!claimRun(this.o.store, run.id, (line) => this.log(line))) continue;
      if (source.state === 'failed') {
        this.finish(run, { status: 'failed', kind: 'source', error: `its source is not available: ${source.error}` });
        continue;
      }
      this.launch(run, config, source.path);
    }
    // Runs still waiting get a worker that is already loaded when their turn comes: a running
    // run's worker comes back when it ends cleanly (WarmWorkers.giveBack), so a spare is started
    // only when no run is training, or when one ended without handing its worker back.
    const waiting = queued.some((run) => !this.active.has(run.id));
    if (waiting && (this.active.size === 0 || this.workerLost)) this.warm.prewarm();
    else if (!waiting) void this.warm.drop();
    this.workerLost = false;
    this.checkIdle();
  }

  /** Cancels a queued or running run; true when this scheduler handled it. */
  cancel(runId: number): boolean {
    const active = this.active.get(runId);
    if (active) {
      active.cancelRequested = true;
      active.worker.cancel();
      // A worker busy outside the batch loop (loading data, say) is stopped the hard way.
      const timer = setTimeout(() => void active.worker.terminate(), this.o.cancelGraceMs ?? 30_000);
      void active.worker.done.finally(() => clearTimeout(timer));
      return true;
    }
    const run = this.o.store.getRun(runId);
    if (run?.status !== 'queued') return false;
    this.finish(run, { status: 'cancelled', epochsDone: run.epochsDone });
    return true;
  }

  /** Resolves when no run is training and none that is queued can start. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.checkIdle();
    });
  }

  get running(): number[] {
    return [...this.active.keys()];
  }

  /** App shutdown: stops every worker; their runs become `interrupted`, resumable later. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.warm.close();
    await Promise.all([...this.active.values()].map((a) => a.worker.terminate()));
    await Promise.all([...this.active.values()].map((a) => a.worker.done));
    this.writer.flush();
  }

  private launch(run: RunSummary, config: RunConfig, sourceModelPath: string | null): void {
    const workDir = join(this.o.artifactsDir, `run-${run.id}`);
    const checkpoint = this.o.store.latestArtifact(run.id, 'checkpoint');
    const resume = checkpoint && hasCheckpoint(checkpoint.path) ? { checkpointDir: checkpoint.path, epochsStored: run.epochsDone } : null;
    const job = { config, workDir, sourceModelPath, ...(this.o.dataDir ? { dataDir: this.o.dataDir } : {}) };
    const base = { runId: run.id, experimentId: run.experimentId };
    const epochs = config.training.epochs;
    const worker = startWorker(
      { job, resume, backend: this.o.backend ?? null },
      {
        onStarted: (environment) => {
          recordEnvironment(this.o.store, run.id, { ...environment, sourceModel: sourceModelPath }, (line) => this.log(line));
          this.o.publish({ type: 'run-status', ...base, status: 'running', error: null });
          if (resume) this.o.publish({ type: 'run-log', ...base, line: `resuming from ${resume.checkpointDir}` });
        },
        onEpoch: (report) => {
          const active = this.active.get(run.id);
          if (active) {
            active.epoch = report.epoch;
            for (const p of report.points) active.metrics[`${p.task}/${p.split}/${p.metric}`] = p.value;
          }
          this.writer.epoch(run.id, report);
          this.o.publish({ type: 'run-progress', ...base, epoch: report.epoch, epochs, fraction: report.epoch / epochs, etaSeconds: null, metrics: { ...active?.metrics } });
        },
        onProgress: (fraction, etaSeconds) => {
          const active = this.active.get(run.id);
          this.o.publish({ type: 'run-progress', ...base, epoch: active?.epoch ?? 0, epochs, fraction, etaSeconds, metrics: { ...active?.metrics } });
        },
        onLog: (line) => this.o.publish({ type: 'run-log', ...base, line }),
        onDataNotes: (notes) => {
          try {
            this.o.store.setRunDataNotes(run.id, notes);
          } catch (err) {
            // Notes are provenance, not results: a store that refuses them must not stop the run.
            this.log(`could not record the data notes of run ${run.id}: ${String(err)}`);
          }
        },
        onArtifact: (path, info) => this.writer.artifact(run.id, path, info),
      },
      { worker: this.warm.take() },
    );
    const active: ActiveRun = { run, worker, cancelRequested: false, epoch: 0, metrics: {} };
    this.active.set(run.id, active);
    void worker.done.then((end) => {
      this.active.delete(run.id);
      if (end.status !== 'failed' && end.worker) this.warm.giveBack(end.worker);
      else this.workerLost = true;
      this.finish(run, end, active.cancelRequested);
      this.wake();
    });
  }

  private finish(run: RunSummary, end: WorkerEnd, cancelRequested = false): void {
    this.writer.flush();
    const base = { runId: run.id, experimentId: run.experimentId };
    let status: RunStatus = end.status;
    let error = end.status === 'failed' ? end.error : null;
    if (this.stopping && end.status === 'failed') {
      status = 'interrupted';
      error = 'Graft stopped while the run was training; resume it to continue from its last checkpoint';
    } else if (cancelRequested && end.status === 'failed' && end.error === 'terminated') {
      status = 'cancelled';
      error = null;
    }
    try {
      this.o.store.setRunStatus(run.id, status, { error });
      // Build the run's series overviews now, so the first compare view after it does not.
      if (status === 'completed') this.o.store.readSeries([run.id], {}, { overview: true });
    } catch (err) {
      this.log(`could not record run ${run.id} as ${status}: ${String(err)}`);
    }
    if (error && status === 'failed') this.log(`run ${run.id} (${run.arm}, seed ${run.seed}) failed (${end.status === 'failed' ? end.kind : 'training'}): ${error}`);
    this.o.publish({ type: 'run-status', ...base, status, error });
    this.o.publish({ type: 'experiment-changed', experimentId: run.experimentId });
  }

  private checkIdle(): void {
    if (this.active.size > 0 || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private log(line: string): void {
    this.o.log?.(line);
  }
}
