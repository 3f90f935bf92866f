// Builds a strategy's step penalty for a run: loads a fresh copy of the source model (the net
// being trained shares its base's variables with the loaded source, and on a resume comes from
// the checkpoint, so neither holds the source weights as they were saved).
import type { RunJob } from '../run/lifecycle.ts';
import { loadModel } from '../modelIO.ts';
import { blocksOf, type Net } from '../models/net.ts';
import { strategyNamed } from './index.ts';
import type { StepRegularizer } from './types.ts';

export interface RunRegularizer {
  step: StepRegularizer;
  dispose(): void;
}

export async function regularizerFor(job: RunJob, net: Net): Promise<RunRegularizer | null> {
  const { config } = job;
  const strategy = strategyNamed(config.strategy);
  if (!strategy.regularizer) return null;
  if (!job.sourceModelPath) throw new Error(`arm "${config.arm}" (${config.strategy}) needs a source model, and none was given`);
  const { model, metadata } = await loadModel(job.sourceModelPath);
  const source: Net = { model, blocks: blocksOf(model, metadata, job.sourceModelPath) };
  try {
    const step = strategy.regularizer({ net, source, sourcePath: job.sourceModelPath, options: config.strategyOptions });
    return {
      step,
      dispose: () => {
        step.dispose();
        model.dispose();
      },
    };
  } catch (err) {
    model.dispose();
    throw err;
  }
}
