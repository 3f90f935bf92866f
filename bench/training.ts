// Benchmarks 1: Graft's training throughput against the same model in PyTorch on the CPU, with
// as many threads as Graft's backend computes on, measured back to back in the same run.
import { availableParallelism } from 'node:os';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import type { ModelConfig, StrategyName } from '../contract/spec.ts';
import type { SelectedBackend } from '../main/engine/worker/backends/select.ts';
import { BATCH, graftThroughput, REFERENCE_CNN, REFERENCE_MLP, type GraftTrainResult } from './graftTrain.ts';
import type { Sizes } from './options.ts';
import { torchThroughput, type TorchModel } from './python.ts';
import { median, ratio } from './stats.ts';

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
  /** Each round's measurements (the figures above are the medians over rounds). */
  rounds: TrainRound[];
}

export interface TrainRound {
  graftSamplesPerSec: number;
  pytorchSamplesPerSec: number | null;
  ratio: number | null;
  graftCpuSamplesPerSec: number;
  pytorchCpuSamplesPerSec: number | null;
  cpuRatio: number | null;
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

/** Per case, how many more steps than the CNN's: the smaller models' steps are short to time. */
const STEP_SCALE: Record<TrainCase, number> = { train: 1, mlp: 10, features: 20 };

export async function trainFigure(which: TrainCase, backend: SelectedBackend, sizes: Sizes): Promise<TrainFigure & { graft: GraftTrainResult }> {
  const c = TRAIN_CASES[which];
  const threads = backendThreads(backend);
  const rounds: TrainRound[] = [];
  let graft: GraftTrainResult | undefined;
  let pytorchMissing: string | undefined;
  for (let round = 0; round < sizes.trainRounds; round++) {
    graft = await graftThroughput({ model: c.model, strategy: c.strategy, steps: sizes.trainSteps * STEP_SCALE[which], epochs: sizes.trainEpochs });
    // Batches from a training set as large as Graft's, shuffled each epoch, as Graft's run takes them.
    const torch = torchThroughput(c.torch, { batch: BATCH, steps: sizes.torchSteps * STEP_SCALE[which], threads, rows: graft.trainRows });
    const reference = 'samplesPerSec' in torch ? torch.samplesPerSec : null;
    const cpuReference = 'samplesPerSec' in torch ? torch.cpuSamplesPerSec : null;
    if ('error' in torch) pytorchMissing = torch.error;
    rounds.push({
      graftSamplesPerSec: graft.samplesPerSec,
      pytorchSamplesPerSec: reference,
      ratio: ratio(graft.samplesPerSec, reference),
      graftCpuSamplesPerSec: graft.cpuSamplesPerSec,
      pytorchCpuSamplesPerSec: cpuReference,
      cpuRatio: ratio(graft.cpuSamplesPerSec, cpuReference),
    });
    if (pytorchMissing) break;
  }
  const mid = (pick: (r: TrainRound) => number | null): number | null => {
    const values = rounds.map(pick).filter((v): v is number => v !== null);
    return values.length === 0 ? null : median(values);
  };
  return {
    graftSamplesPerSec: mid((r) => r.graftSamplesPerSec) ?? Number.NaN,
    pytorchSamplesPerSec: mid((r) => r.pytorchSamplesPerSec),
    // The median of the rounds' own ratios: each compares two measurements taken side by side.
    ratio: mid((r) => r.ratio),
    backend: backend.name,
    threads,
    graftEpochs: graft?.epochs ?? [],
    graftCpuSamplesPerSec: mid((r) => r.graftCpuSamplesPerSec) ?? Number.NaN,
    pytorchCpuSamplesPerSec: mid((r) => r.pytorchCpuSamplesPerSec),
    cpuRatio: mid((r) => r.cpuRatio),
    ...(pytorchMissing ? { pytorchMissing } : {}),
    rounds,
    graft: graft!,
  };
}
