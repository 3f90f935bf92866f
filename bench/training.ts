// Benchmarks 1: Graft's training throughput against the same model in PyTorch on the CPU, with
// as many threads as Graft's backend computes on, measured back to back in the same run.
import { availableParallelism } from 'node:os';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import type { ModelConfig, StrategyName } from '../contract/spec.ts';
import type { SelectedBackend } from '../main/engine/backends/select.ts';
import { BATCH, graftThroughput, REFERENCE_CNN, REFERENCE_MLP, type GraftTrainResult } from './graftTrain.ts';
import type { Sizes } from './options.ts';
import { torchThroughput, type TorchModel } from './python.ts';
import { ratio } from './stats.ts';

export interface TrainFigure {
  graftSamplesPerSec: number;
  pytorchSamplesPerSec: number | null;
  ratio: number | null;
  backend: string;
  threads: number;
  graftEpochs: number[];
  /** The same comparison in samples per CPU-second of each process (see GraftTrainResult). */
  graftCpuSamplesPerSec: number;
  pytorchCpuSamplesPerSec: number | null;
  cpuRatio: number | null;
  /** Why there is no PyTorch figure, when there is none. */
  pytorchMissing?: string;
}

/** Threads the backend computes on, which is what PyTorch is given too. */
export function backendThreads(backend: SelectedBackend): number {
  if (backend.name === 'wasm') return getThreadsCount();
  if (backend.name === 'cpu') return 1;
  return availableParallelism();
}

interface Case {
  model: ModelConfig;
  strategy: StrategyName;
  torch: TorchModel;
}

export const TRAIN_CASES = {
  train: { model: REFERENCE_CNN, strategy: 'scratch', torch: 'cnn' },
  mlp: { model: REFERENCE_MLP, strategy: 'scratch', torch: 'mlp' },
  // The frozen CNN base's features are computed once and cached by the loop; only the head trains.
  features: { model: REFERENCE_CNN, strategy: 'feature-extraction', torch: 'head' },
} as const satisfies Record<string, Case>;

export type TrainCase = keyof typeof TRAIN_CASES;

export async function trainFigure(which: TrainCase, backend: SelectedBackend, sizes: Sizes): Promise<TrainFigure & { graft: GraftTrainResult }> {
  const c = TRAIN_CASES[which];
  // The head alone is tiny: more steps per epoch so an epoch lasts long enough to time.
  const steps = which === 'features' ? sizes.trainSteps * 4 : sizes.trainSteps;
  const graft = await graftThroughput({ model: c.model, strategy: c.strategy, steps, epochs: sizes.trainEpochs });
  const threads = backendThreads(backend);
  const torch = torchThroughput(c.torch, { batch: BATCH, steps: which === 'features' ? sizes.torchSteps * 4 : sizes.torchSteps, threads });
  const reference = 'samplesPerSec' in torch ? torch.samplesPerSec : null;
  const cpuReference = 'samplesPerSec' in torch ? torch.cpuSamplesPerSec : null;
  return {
    graftSamplesPerSec: graft.samplesPerSec,
    pytorchSamplesPerSec: reference,
    ratio: ratio(graft.samplesPerSec, reference),
    backend: backend.name,
    threads,
    graftEpochs: graft.epochs,
    graftCpuSamplesPerSec: graft.cpuSamplesPerSec,
    pytorchCpuSamplesPerSec: cpuReference,
    cpuRatio: ratio(graft.cpuSamplesPerSec, cpuReference),
    ...('error' in torch ? { pytorchMissing: torch.error } : {}),
    graft,
  };
}
