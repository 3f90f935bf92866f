// Training throughput through Graft's own path: its model builder (cnn/mlp blocks), its
// strategies and its custom training loop on the backend Graft chooses, as a run would train.
// Synthetic 28×28×1 images: throughput does not depend on the pixel values.
import type { ModelConfig, StrategyName, TrainingConfig } from '../contract/spec.ts';
import { buildNet } from '../main/engine/worker/models/build.ts';
import { strategyNamed } from '../main/engine/worker/strategies/index.ts';
import { syntheticImages } from '../tests/support/engine/synthetic.ts';
import type { EpochReport } from '../main/engine/worker/run/epochLoop.ts';
import { trainLoop } from '../main/engine/worker/transfer/loop.ts';
import { BlockOptimizers } from '../main/engine/worker/transfer/optimizers.ts';
import { disposeRunData, prepareRunData } from '../main/engine/worker/transfer/runData.ts';
import { cpuSeconds, median } from './stats.ts';

export const BATCH = 64;

/** The reference CNN of issue 7: conv3×3×32, pool, conv3×3×64, pool, dense128, dense10. */
export const REFERENCE_CNN: ModelConfig = { type: 'cnn', filters: [32, 64], dense: [128], kernelSize: 3, dropout: 0, batchNorm: false };
export const REFERENCE_MLP: ModelConfig = { type: 'mlp', hidden: [256, 128], dropout: 0, batchNorm: false };

export interface GraftTrainResult {
  samplesPerSec: number;
  /** Each counted epoch's samples/s, as the loop itself logged it (`_run/train/samples_per_sec`). */
  epochs: number[];
  /**
   * Samples per CPU-second of this process over the training steps of the counted epochs (the
   * per-epoch evaluation is left out, as PyTorch's reference does no evaluation). On a shared
   * machine, wall time includes waiting for a core; CPU time does not, so this is the steadier
   * figure to compare with PyTorch's own CPU-time figure. It counts every thread of the process,
   * V8's garbage collection and compiler threads included.
   */
  cpuSamplesPerSec: number;
  /** Seconds the loop spent per epoch, training and evaluation (for the logging overhead). */
  epochSeconds: number;
  pointsPerEpoch: number;
  /** Rows of the training set each epoch's shuffled batches were gathered from. */
  trainRows: number;
}

export interface GraftTrainOptions {
  model: ModelConfig;
  strategy: StrategyName;
  steps: number;
  epochs: number;
}

// Validation and test are a small share, so an epoch is mostly training, like a real one.
const HOLDOUT = 0.05;

export async function graftThroughput(o: GraftTrainOptions): Promise<GraftTrainResult> {
  const trainRows = o.steps * BATCH;
  const n = Math.ceil(trainRows / (1 - 2 * HOLDOUT)) + 10;
  const data = prepareRunData(syntheticImages({ n, classes: 10, size: 28 }), { seed: 1, budget: 'all', valFraction: HOLDOUT, testFraction: HOLDOUT });
  const net = buildNet(o.model, data.inputShape, data.numClasses, 1);
  const training: TrainingConfig = { epochs: o.epochs, batchSize: BATCH, optimizer: 'adam', lr: 1e-3, valFraction: HOLDOUT, testFraction: HOLDOUT };
  const optimizers = new BlockOptimizers(net, 'adam');
  const reports: EpochReport[] = [];
  const cpuAtEpoch: number[] = [];
  const cpuAtTrainEnd: number[] = [];
  try {
    await trainLoop({
      net,
      data,
      strategy: strategyNamed(o.strategy),
      strategyOptions: { lrFactor: 0.1, freezeBlocks: 1, lrDecay: 1 / 2.6, probeEpochs: 1, unfreezeEvery: 1 },
      training,
      optimizers,
      seed: 1,
      task: 'target',
      signal: new AbortController().signal,
      hooks: {
        // The last step of an epoch reports progress at a whole number of epochs; evaluation follows.
        onProgress: (fraction) => {
          if (Math.abs(fraction * o.epochs - Math.round(fraction * o.epochs)) < 1e-9) cpuAtTrainEnd.push(cpuSeconds());
        },
        onEpoch: (r) => {
          reports.push(r);
          cpuAtEpoch.push(cpuSeconds());
        },
      },
    });
  } finally {
    optimizers.dispose();
    net.model.dispose();
    disposeRunData(data);
  }
  // The first epoch pays for kernel set-up, weight packing and JIT warm-up: not counted.
  const counted = reports.slice(1);
  const perEpoch = counted.map((r) => r.points.find((p) => p.task === '_run' && p.metric === 'samples_per_sec')?.value ?? Number.NaN);
  const times = counted.map((r) => r.points.find((p) => p.task === '_run' && p.metric === 'epoch_time')?.value ?? Number.NaN);
  // Epoch e trains from the end of epoch e−1's evaluation to its own last step.
  let trainingCpu = 0;
  for (let e = 1; e < reports.length; e++) trainingCpu += (cpuAtTrainEnd[e] ?? Number.NaN) - (cpuAtEpoch[e - 1] ?? Number.NaN);
  return {
    samplesPerSec: median(perEpoch),
    cpuSamplesPerSec: (counted.length * data.train.n) / Math.max(trainingCpu, 1e-9),
    epochs: perEpoch,
    epochSeconds: median(times),
    pointsPerEpoch: reports[0]?.points.length ?? 0,
    trainRows: data.train.n,
  };
}
