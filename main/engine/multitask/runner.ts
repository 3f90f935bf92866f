// One multitask run, start to finish: load the data and check its tasks, build the arm's
// architecture and weighting, train, save the model. Pure of the database like the transfer
// runner, so it runs in a worker thread and speaks only through the hooks.
//
// Every epoch ends in a checkpoint (model, optimizer, weighting and loop state), so an
// interrupted run resumes where it stopped with the numbers an uninterrupted run would give.
import { join } from 'node:path';
import type { MultitaskRunConfig } from '../../../contract/specMultitask.ts';
import { CHECKPOINT_DIR, MODEL_DIR, type ResumeFrom, type RunHooks, type RunJob, type RunOutcome } from '../runner.ts';
import { restoreMultitaskCheckpoint, saveMultitaskCheckpoint, type CheckpointParts, type MultitaskLoopState } from './checkpoint.ts';
import { architectureNamed } from './architectures/index.ts';
import { disposeMultitaskData, prepareMultitaskData, type MultitaskData } from './data.ts';
import { loadMultitaskDataset } from './datasets.ts';
import { multitaskLoop } from './loop.ts';
import { saveMultitaskModel } from './save.ts';
import { RunCancelled } from '../train/loop.ts';
import { makeOptimizer } from '../train/optimizers.ts';
import { createWeighting } from './weightings/index.ts';

export type MultitaskJob = Omit<RunJob, 'config'> & { config: MultitaskRunConfig };

export async function trainMultitaskRun(job: MultitaskJob, hooks: RunHooks, signal: AbortSignal, resume?: ResumeFrom): Promise<RunOutcome> {
  const { config } = job;
  const dataset = await loadMultitaskDataset(config.data, config.tasks, job.dataDir ? { dataDir: job.dataDir } : {});
  const data = prepareMultitaskData(dataset, config.tasks, {
    seed: config.seed,
    budget: config.budget,
    valFraction: config.training.valFraction,
    testFraction: config.training.testFraction,
  });
  return trainOnMultitaskData(job, config, data, hooks, signal, resume);
}

/** What training a multitask model needs besides its data (a MultitaskRunConfig, or a head-to-head JointRunConfig). */
export type MultitaskTrainingConfig = Pick<MultitaskRunConfig, 'architecture' | 'architectureOptions' | 'weighting' | 'weightingOptions' | 'seed' | 'model' | 'training'>;

/**
 * Builds the arm's model and weighting, trains on prepared data, saves the model; takes
 * ownership of `data` (disposes it). Head-to-head multitask arms come in here with their own
 * data (target + source tasks, each example labelled for one task).
 */
export async function trainOnMultitaskData(
  job: Pick<RunJob, 'workDir'>,
  config: MultitaskTrainingConfig,
  data: MultitaskData,
  hooks: RunHooks,
  signal: AbortSignal,
  resume?: ResumeFrom,
): Promise<RunOutcome> {
  const model = architectureNamed(config.architecture).build({
    model: config.model,
    inputShape: data.inputShape,
    heads: data.tasks.map((t) => ({ name: t.name, units: t.units })),
    seed: config.seed,
    penalty: config.architectureOptions.penalty,
    experts: config.architectureOptions.experts,
  });
  const weighting = createWeighting(config.weighting, { tasks: data.tasks, options: config.weightingOptions, seed: config.seed, lr: config.training.lr });
  const optimizer = makeOptimizer(config.training.optimizer, config.training.lr);
  const variables = [...new Set([...model.encoderVariables, ...model.taskVariables.flat(), ...(weighting.kind === 'loss' ? weighting.variables : [])])];
  const parts: CheckpointParts = { variables: [...new Set([...model.stateVariables, ...variables])], optimizer, weighting };
  const checkpointDir = join(job.workDir, CHECKPOINT_DIR);
  let epochsDone = 0;
  try {
    hooks.onLog(`data: ${data.notes.join('; ')}`);
    hooks.onLog(`${config.architecture} with ${config.weighting} weighting: ${model.paramCount} parameters`);
    let start: MultitaskLoopState | undefined;
    if (resume) {
      start = await restoreMultitaskCheckpoint(resume.checkpointDir, parts);
      epochsDone = start.epoch;
      hooks.onLog(`resuming from ${resume.checkpointDir} after epoch ${start.epoch}`);
    }
    const result = await multitaskLoop({
      step: { model, weighting, tasks: data.tasks, optimizer, variables },
      data,
      training: config.training,
      seed: config.seed,
      signal,
      ...(start ? { start } : {}),
      onEpoch: async (report, state) => {
        hooks.onEpoch(report);
        epochsDone = report.epoch;
        const saved = await saveMultitaskCheckpoint(checkpointDir, parts, state);
        hooks.onCheckpoint(checkpointDir, { kind: 'checkpoint', epoch: report.epoch, size: saved.size, sha256: saved.sha256 });
      },
      onProgress: hooks.onProgress,
      onLog: hooks.onLog,
    });
    const modelDir = join(job.workDir, MODEL_DIR);
    const saved = await saveMultitaskModel(modelDir, parts.variables, { architecture: config.architecture, tasks: data.tasks });
    hooks.onCheckpoint(modelDir, { kind: 'model', epoch: result.epochsDone, size: saved.size, sha256: saved.sha256 });
    return { status: 'completed', epochsDone: result.epochsDone, stoppedEarly: result.stoppedEarly, modelDir };
  } catch (err) {
    if (err instanceof RunCancelled) return { status: 'cancelled', epochsDone, stoppedEarly: false, modelDir: null };
    throw err;
  } finally {
    optimizer.dispose();
    weighting.dispose?.();
    model.dispose();
    disposeMultitaskData(data);
  }
}
