// One transfer run, start to finish: load data, build or transfer the model (or restore it from
// the checkpoint), train with the arm's strategy, save the final model — through the lifecycle
// every kind shares (run/lifecycle.ts). Pure of the database, so it runs in a worker thread.
import type { RunConfig } from '../../../../contract/spec.ts';
import { loadModel, saveModel } from '../modelIO.ts';
import { buildNet, transferNet } from '../models/build.ts';
import { blocksOf, inputShapeOf, type Net } from '../models/net.ts';
import type { LoopState } from '../run/epochLoop.ts';
import { runLifecycle, type KindRun, type OpenedRun, type ResumeFrom, type RunHooks, type RunJob, type RunOutcome, type RunTrainer } from '../run/lifecycle.ts';
import { strategyNamed } from '../strategies/index.ts';
import { regularizerFor, type RunRegularizer } from '../strategies/regularizerSetup.ts';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.ts';
import { describeDataRef, loadDataRef } from './loadData.ts';
import { TransferEpochs } from './loop.ts';
import { BlockOptimizers } from './optimizers.ts';
import { disposeRunData, prepareRunData, type RunData } from './runData.ts';

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

/** A transfer run for the lifecycle: the net is built, transferred or restored on open. */
function transferRun(job: RunJob, data: RunData, log: (line: string) => void): KindRun {
  const { config } = job;
  let net: Net | null = null;
  let optimizers: BlockOptimizers | null = null;
  let trainer: TransferEpochs | null = null;
  let regularizer: RunRegularizer | null = null;
  return {
    training: config.training,
    seed: config.seed,
    dataNotes: data.decisions.map((note) => ({ data: 'data', note })),
    async open(resume): Promise<OpenedRun> {
      log(`data ${describeDataRef(config.data)}: ${data.notes.join('; ')}`);
      let start: LoopState | undefined;
      if (resume) {
        const checkpoint = await loadCheckpoint(resume.checkpointDir);
        net = checkpoint.net;
        optimizers = new BlockOptimizers(net, config.training.optimizer);
        await checkpoint.restoreOptimizers(optimizers);
        start = checkpoint.loop;
      } else {
        net = await startingNet(job, data, log);
        optimizers = new BlockOptimizers(net, config.training.optimizer);
      }
      // L2-SP, LwF and BSS: a penalty that reads a fresh copy of the source (also on a resume).
      regularizer = await regularizerFor(job, net);
      const parts = { net, optimizers };
      trainer = new TransferEpochs({
        ...parts,
        data,
        strategy: strategyNamed(config.strategy),
        strategyOptions: config.strategyOptions,
        training: config.training,
        seed: config.seed,
        task: config.task,
        ...(regularizer ? { regularizer: regularizer.step } : {}),
      });
      return {
        trainer,
        ...(start ? { start } : {}),
        saveCheckpoint: (dir, state) => saveCheckpoint(dir, parts.net, parts.optimizers, state),
        saveModel: (dir) => saveModel(parts.net.model, dir),
      };
    },
    dispose() {
      trainer?.cache.release();
      regularizer?.dispose();
      optimizers?.dispose();
      net?.model.dispose();
      disposeRunData(data);
    },
  };
}

/** The transfer kind's training entry: a run config without a `kind` is a transfer run (as stored before kinds existed). */
export const transferTrainer: RunTrainer<RunConfig> = {
  accepts: (config): config is RunConfig => typeof config === 'object' && config !== null && (config as { kind?: unknown }).kind === undefined,
  train: (job, hooks, signal, resume) => trainRun(job, hooks, signal, resume),
};

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
  return runLifecycle(transferRun(job, data, hooks.onLog), job.workDir, hooks, signal, resume);
}
