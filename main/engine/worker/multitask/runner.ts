// One multitask run, start to finish: load the data and check its tasks, build the arm's
// architecture and weighting, train, save the model — through the lifecycle every kind shares
// (run/lifecycle.ts). Pure of the database like the transfer runner, so it runs in a worker
// thread and speaks only through the hooks.
//
// Every epoch ends in a checkpoint (model, optimizer, weighting and loop state), so an
// interrupted run resumes where it stopped with the numbers an uninterrupted run would give.
import { isMultitaskConfig, type MultitaskRunConfig } from '../../../../contract/specMultitask.ts';
import { runLifecycle, type KindRun, type ResumeFrom, type RunHooks, type RunJob, type RunOutcome, type RunTrainer } from '../run/lifecycle.ts';
import { makeOptimizer } from '../transfer/optimizers.ts';
import { architectureNamed } from './architectures/index.ts';
import { restoreMultitaskCheckpoint, saveMultitaskCheckpoint, type CheckpointParts } from './checkpoint.ts';
import { disposeMultitaskData, prepareMultitaskData, type MultitaskData } from './data.ts';
import { loadMultitaskDataset } from './datasets.ts';
import { MultitaskEpochs } from './loop.ts';
import { saveMultitaskModel } from './save.ts';
import { createWeighting } from './weightings/index.ts';

export type MultitaskJob = RunJob<MultitaskRunConfig>;

export const multitaskTrainer: RunTrainer<MultitaskRunConfig> = { accepts: isMultitaskConfig, train: (job, hooks, signal, resume) => trainMultitaskRun(job, hooks, signal, resume) };

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

/** A multitask run for the lifecycle: model, weighting and optimizer are built here; open restores them from a checkpoint. */
function multitaskRun(config: MultitaskTrainingConfig, data: MultitaskData, log: (line: string) => void): KindRun {
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
  let trainer: MultitaskEpochs | null = null;
  return {
    training: config.training,
    seed: config.seed,
    dataNotes: data.decisions,
    async open(resume) {
      log(`data: ${data.notes.join('; ')}`);
      log(`${config.architecture} with ${config.weighting} weighting: ${model.paramCount} parameters`);
      const epochs = new MultitaskEpochs({ model, weighting, tasks: data.tasks, optimizer, variables }, data, config.training, config.seed);
      trainer = epochs;
      const restored = resume ? await restoreMultitaskCheckpoint(resume.checkpointDir, parts) : null;
      if (restored) epochs.lossHistory = restored.lossHistory;
      return {
        trainer: epochs,
        ...(restored ? { start: restored.loop } : {}),
        saveCheckpoint: (dir, loop) => saveMultitaskCheckpoint(dir, parts, { loop, lossHistory: epochs.lossHistory }),
        saveModel: (dir) => saveMultitaskModel(dir, parts.variables, { architecture: config.architecture, tasks: data.tasks }),
      };
    },
    dispose() {
      trainer?.release();
      optimizer.dispose();
      weighting.dispose?.();
      model.dispose();
      disposeMultitaskData(data);
    },
  };
}

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
  let run: KindRun;
  try {
    run = multitaskRun(config, data, hooks.onLog);
  } catch (err) {
    disposeMultitaskData(data);
    throw err;
  }
  return runLifecycle(run, job.workDir, hooks, signal, resume);
}
