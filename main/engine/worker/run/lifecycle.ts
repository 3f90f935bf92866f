// One run's lifecycle, the same for every kind: open (build the model, or restore it from the
// checkpoint), train through the shared epoch loop with a checkpoint after every epoch, save the
// final model, report a cancel as an outcome, and free everything whatever happens. Pure of the
// database, so it runs in a worker; everything it has to say goes out through the hooks.
import { join } from 'node:path';
import type { DataNote } from '../../../../contract/dataNotes.ts';
import type { RunConfig, TrainingConfig } from '../../../../contract/spec.ts';
import { EpochLog } from './epochLog.ts';
import { epochLoop, RunCancelled, type EpochReport, type EpochTrainer, type LoopState } from './epochLoop.ts';

/** One run as the scheduler hands it to a worker. The config arrives as stored JSON; a trainer (trainers.ts) accepts it by its `kind`. */
export interface RunJob<Config = RunConfig> {
  config: Config;
  /** This run's folder: `checkpoint/` (each epoch) and `model/` (at the end) go here. */
  workDir: string;
  /** The source model (model.json or its folder) when the config transfers; resolved by the scheduler. */
  sourceModelPath: string | null;
  /** Folder of the shipped datasets; default the repository's data/. */
  dataDir?: string;
}

/** A kind's training entry in the worker: which run configs it trains, and how. */
export interface RunTrainer<Config> {
  /** Whether this stored config is one of this trainer's runs (told apart by the config's `kind`). */
  accepts(config: unknown): config is Config;
  train(job: RunJob<Config>, hooks: RunHooks, signal: AbortSignal, resume?: ResumeFrom): Promise<RunOutcome>;
}

export type ArtifactKind = 'checkpoint' | 'model';

export interface ArtifactInfo {
  kind: ArtifactKind;
  epoch: number;
  size: number;
  sha256: string;
}

export interface RunHooks {
  onEpoch(report: EpochReport): void;
  onProgress(fraction: number, etaSeconds: number | null): void;
  onLog(line: string): void;
  /** Once per start, before training: what the run's data preparation decided. */
  onDataNotes(notes: DataNote[]): void;
  onCheckpoint(path: string, info: ArtifactInfo): void;
}

export interface ResumeFrom {
  checkpointDir: string;
  /** The last epoch the store holds for this run; epochs the checkpoint holds beyond it are replayed from the epoch log. */
  epochsStored?: number;
}

export interface RunOutcome {
  status: 'completed' | 'cancelled';
  epochsDone: number;
  stoppedEarly: boolean;
  modelDir: string | null;
}

export const CHECKPOINT_DIR = 'checkpoint';
export const MODEL_DIR = 'model';

/** Size and hash of what a save wrote. */
export interface SavedArtifact {
  size: number;
  sha256: string;
}

/** A kind's run once opened: its trainer, where it resumes, and how its checkpoint and final model are written. */
export interface OpenedRun {
  trainer: EpochTrainer;
  /** The loop state restored from the checkpoint; absent for a fresh run. */
  start?: LoopState;
  saveCheckpoint(dir: string, state: LoopState): Promise<SavedArtifact>;
  saveModel(dir: string): Promise<SavedArtifact>;
}

/** What a kind gives the lifecycle for one run whose data is already loaded. */
export interface KindRun {
  training: TrainingConfig;
  seed: number;
  /** What preparing this run's data decided (rows drawn, budgets capped), for the store. */
  dataNotes: DataNote[];
  /** Builds the model, or restores it (and the loop state) from `resume`; logs what it did. */
  open(resume: ResumeFrom | undefined): Promise<OpenedRun>;
  /** Frees the model, optimizers, data and caches — also when open failed half-way. */
  dispose(): void;
}

export async function runLifecycle(run: KindRun, workDir: string, hooks: RunHooks, signal: AbortSignal, resume?: ResumeFrom): Promise<RunOutcome> {
  let epochsDone = 0;
  try {
    hooks.onDataNotes(run.dataNotes);
    const opened = await run.open(resume);
    const { start } = opened;
    const epochLog = new EpochLog(workDir);
    if (resume && start) {
      epochsDone = start.epoch;
      hooks.onLog(`resuming from ${resume.checkpointDir} after epoch ${start.epoch}`);
      const missing = await epochLog.between(resume.epochsStored ?? start.epoch, start.epoch);
      if (missing.length > 0) hooks.onLog(`storing epoch ${missing.map((r) => r.epoch).join(', ')} from the epoch log: the checkpoint held it, the store did not yet`);
      for (const report of missing) hooks.onEpoch(report);
    } else {
      await epochLog.reset();
    }
    const checkpointDir = join(workDir, CHECKPOINT_DIR);
    const result = await epochLoop({
      trainer: opened.trainer,
      training: run.training,
      seed: run.seed,
      signal,
      ...(start ? { start } : {}),
      onEpoch: async (report, state) => {
        hooks.onEpoch(report);
        epochsDone = report.epoch;
        // Logged before the checkpoint swap, so a checkpoint never holds an epoch the log lacks.
        await epochLog.append(report);
        const saved = await opened.saveCheckpoint(checkpointDir, state);
        hooks.onCheckpoint(checkpointDir, { kind: 'checkpoint', epoch: report.epoch, size: saved.size, sha256: saved.sha256 });
      },
      onProgress: hooks.onProgress,
      onLog: hooks.onLog,
    });
    const modelDir = join(workDir, MODEL_DIR);
    const saved = await opened.saveModel(modelDir);
    hooks.onCheckpoint(modelDir, { kind: 'model', epoch: result.state.epoch, size: saved.size, sha256: saved.sha256 });
    return { status: 'completed', epochsDone: result.state.epoch, stoppedEarly: result.stoppedEarly, modelDir };
  } catch (err) {
    if (err instanceof RunCancelled) return { status: 'cancelled', epochsDone, stoppedEarly: false, modelDir: null };
    throw err;
  } finally {
    run.dispose();
  }
}
