// One run, start to finish: load data, build or transfer the model, train with the arm's
// strategy, checkpoint every epoch, save the final model. Pure of the database, so it runs in
// a worker thread; everything it has to say goes out through the hooks.
import { join } from 'node:path';
import type { RunConfig } from '../../contract/spec.ts';
import { loadModel, saveModel } from './modelIO.ts';
import { buildNet, transferNet } from './models/build.ts';
import { blocksOf, inputShapeOf, type Net } from './models/net.ts';
import { strategyNamed } from './strategies/index.ts';
import { regularizerFor } from './strategies/regularizerSetup.ts';
import { loadCheckpoint, saveCheckpoint } from './train/checkpoint.ts';
import { describeDataRef, loadDataRef } from './train/loadData.ts';
import { RunCancelled, trainLoop, type EpochReport, type LoopState } from './train/loop.ts';
import { BlockOptimizers } from './train/optimizers.ts';
import { disposeRunData, prepareRunData, type RunData } from './train/runData.ts';

export interface RunJob {
  config: RunConfig;
  /** This run's folder: `checkpoint/` (each epoch) and `model/` (at the end) go here. */
  workDir: string;
  /** The source model (model.json or its folder) when the config transfers; resolved by the scheduler. */
  sourceModelPath: string | null;
  /** Folder of the shipped datasets; default the repository's data/. */
  dataDir?: string;
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
  onCheckpoint(path: string, info: ArtifactInfo): void;
}

export interface ResumeFrom {
  checkpointDir: string;
}

export interface RunOutcome {
  status: 'completed' | 'cancelled';
  epochsDone: number;
  stoppedEarly: boolean;
  modelDir: string | null;
}

export const CHECKPOINT_DIR = 'checkpoint';
export const MODEL_DIR = 'model';

async function startingNet(job: RunJob, data: RunData, log: (line: string) => void): Promise<Net> {
  const { config } = job;
  const strategy = strategyNamed(config.strategy);
  if (!strategy.transfers) {
    return buildNet(config.model, data.inputShape, data.numClasses, config.seed);
  }
  if (!job.sourceModelPath) throw new Error(`arm "${config.arm}" (${config.strategy}) needs a source model, and none was given`);
  const { model, metadata } = await loadModel(job.sourceModelPath);
  const source: Net = { model, blocks: blocksOf(model, metadata, job.sourceModelPath) };
  const sourceShape = inputShapeOf(source);
  if (sourceShape.join('x') !== data.inputShape.join('x')) {
    throw new Error(
      `source model ${job.sourceModelPath} takes input [${sourceShape.join(', ')}], but the target data has [${data.inputShape.join(', ')}]`,
    );
  }
  log(`transferring ${source.blocks.length - 1} blocks (${source.blocks.slice(0, -1).map((b) => b.name).join(', ')}) from ${job.sourceModelPath}`);
  return transferNet(source, data.numClasses, config.seed);
}

export async function trainRun(job: RunJob, hooks: RunHooks, signal: AbortSignal, resume?: ResumeFrom): Promise<RunOutcome> {
  const { config } = job;
  const dataset = await loadDataRef(config.data, job.dataDir ? { dataDir: job.dataDir } : {});
  const data = prepareRunData(dataset, {
    seed: config.seed,
    budget: config.budget,
    valFraction: config.training.valFraction,
    testFraction: config.training.testFraction,
    ...(config.data.classes ? { classes: config.data.classes } : {}),
  });
  let net: Net | null = null;
  let optimizers: BlockOptimizers | null = null;
  let regularizer: Awaited<ReturnType<typeof regularizerFor>> = null;
  let epochsDone = 0;
  try {
    hooks.onLog(`data ${describeDataRef(config.data)}: ${data.notes.join('; ')}`);
    let start: LoopState | undefined;
    if (resume) {
      const checkpoint = await loadCheckpoint(resume.checkpointDir);
      net = checkpoint.net;
      optimizers = new BlockOptimizers(net, config.training.optimizer);
      await checkpoint.restoreOptimizers(optimizers);
      start = checkpoint.loop;
      hooks.onLog(`resuming from ${resume.checkpointDir} after epoch ${start.epoch}`);
    } else {
      net = await startingNet(job, data, hooks.onLog);
      optimizers = new BlockOptimizers(net, config.training.optimizer);
    }
    regularizer = await regularizerFor(job, net);
    const checkpointDir = join(job.workDir, CHECKPOINT_DIR);
    const live = { net, optimizers };
    epochsDone = start?.epoch ?? 0;
    const result = await trainLoop({
      net,
      data,
      strategy: strategyNamed(config.strategy),
      strategyOptions: config.strategyOptions,
      training: config.training,
      optimizers,
      seed: config.seed,
      task: config.task,
      signal,
      ...(start ? { start } : {}),
      ...(regularizer ? { regularizer: regularizer.step } : {}),
      hooks: {
        onEpoch: async (report, state) => {
          hooks.onEpoch(report);
          epochsDone = report.epoch;
          const saved = await saveCheckpoint(checkpointDir, live.net, live.optimizers, state);
          hooks.onCheckpoint(saved.dir, { kind: 'checkpoint', epoch: report.epoch, size: saved.size, sha256: saved.sha256 });
        },
        onProgress: hooks.onProgress,
        onLog: hooks.onLog,
      },
    });
    const modelDir = join(job.workDir, MODEL_DIR);
    const saved = await saveModel(net.model, modelDir);
    hooks.onCheckpoint(modelDir, { kind: 'model', epoch: result.state.epoch, size: saved.size, sha256: saved.sha256 });
    return { status: 'completed', epochsDone: result.state.epoch, stoppedEarly: result.stoppedEarly, modelDir };
  } catch (err) {
    if (err instanceof RunCancelled) return { status: 'cancelled', epochsDone, stoppedEarly: false, modelDir: null };
    throw err;
  } finally {
    regularizer?.dispose();
    optimizers?.dispose();
    net?.model.dispose();
    disposeRunData(data);
  }
}
