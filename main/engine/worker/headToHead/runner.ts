// One head-to-head multitask run: the target task and the source tasks trained jointly in one
// model, by the multitask engine (checkpoints and resume included), on data where each example
// is labelled for one task only.
import { isJointConfig, type JointRunConfig } from '../../../../contract/specHeadToHead.ts';
import { trainOnMultitaskData } from '../multitask/runner.ts';
import type { ResumeFrom, RunHooks, RunJob, RunOutcome, RunTrainer } from '../run/lifecycle.ts';
import { prepareJointData } from './jointData.ts';

export type JointJob = RunJob<JointRunConfig>;

export const jointTrainer: RunTrainer<JointRunConfig> = { accepts: isJointConfig, train: (job, hooks, signal, resume) => trainJointRun(job, hooks, signal, resume) };

export async function trainJointRun(job: JointJob, hooks: RunHooks, signal: AbortSignal, resume?: ResumeFrom): Promise<RunOutcome> {
  const data = await prepareJointData(job.config, job.dataDir ? { dataDir: job.dataDir } : {});
  return trainOnMultitaskData(job, job.config, data, hooks, signal, resume);
}
