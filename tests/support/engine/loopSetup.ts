// A Net, its data and loop options for the engine's unit tests, on synthetic data.
import type { ModelConfig, StrategyName, StrategyOptions, TrainingConfig } from '../../../contract/spec.ts';
import { buildNet } from '../../../main/engine/worker/models/build.ts';
import type { Net } from '../../../main/engine/worker/models/net.ts';
import { strategyNamed } from '../../../main/engine/worker/strategies/index.ts';
import type { EpochReport } from '../../../main/engine/worker/run/epochLoop.ts';
import { trainLoop, type LoopOptions, type LoopResult } from '../../../main/engine/worker/transfer/loop.ts';
import { BlockOptimizers } from '../../../main/engine/worker/transfer/optimizers.ts';
import { disposeRunData, prepareRunData, type RunData } from '../../../main/engine/worker/transfer/runData.ts';
import { syntheticImages } from './synthetic.ts';

export const MLP_BN: ModelConfig = { type: 'mlp', hidden: [16, 8], dropout: 0, batchNorm: true };

export interface Setup {
  net: Net;
  data: RunData;
  optimizers: BlockOptimizers;
  run(overrides?: Partial<LoopOptions>): Promise<{ result: LoopResult; reports: EpochReport[] }>;
  dispose(): void;
}

export function setup(
  strategy: StrategyName,
  opts: { model?: ModelConfig; training?: Partial<TrainingConfig>; options?: Partial<StrategyOptions>; seed?: number } = {},
): Setup {
  const data = prepareRunData(syntheticImages({ n: 240, classes: 4, size: 8 }), { seed: 1, budget: 'all', valFraction: 0.2, testFraction: 0.2 });
  const net = buildNet(opts.model ?? MLP_BN, data.inputShape, data.numClasses, opts.seed ?? 1);
  const training: TrainingConfig = { epochs: 3, batchSize: 16, optimizer: 'adam', lr: 0.01, valFraction: 0.2, testFraction: 0.2, ...opts.training };
  const optimizers = new BlockOptimizers(net, training.optimizer);
  const strategyOptions: StrategyOptions = { lrFactor: 0.1, freezeBlocks: 1, lrDecay: 0.5, probeEpochs: 1, unfreezeEvery: 1, ...opts.options };
  return {
    net,
    data,
    optimizers,
    async run(overrides = {}) {
      const reports: EpochReport[] = [];
      const result = await trainLoop({
        net,
        data,
        strategy: strategyNamed(strategy),
        strategyOptions,
        training,
        optimizers,
        seed: opts.seed ?? 1,
        task: 'target',
        signal: new AbortController().signal,
        hooks: { onEpoch: (r) => void reports.push(r) },
        ...overrides,
      });
      return { result, reports };
    },
    dispose() {
      optimizers.dispose();
      net.model.dispose();
      disposeRunData(data);
    },
  };
}

/** A copy of every weight of a block (trainable and not), by weight name. */
export function snapshot(net: Net, blockName: string): Map<string, Float32Array> {
  const block = net.blocks.find((b) => b.name === blockName);
  if (!block) throw new Error(`no block ${blockName}`);
  const out = new Map<string, Float32Array>();
  for (const layer of block.layers) for (const w of layer.weights) out.set(w.originalName, Float32Array.from(w.read().dataSync()));
  return out;
}

export function sameWeights(a: Map<string, Float32Array>, b: Map<string, Float32Array>): boolean {
  if (a.size !== b.size) return false;
  for (const [name, values] of a) {
    const other = b.get(name);
    if (!other || other.length !== values.length || values.some((v, i) => !Object.is(v, other[i]))) return false;
  }
  return true;
}
