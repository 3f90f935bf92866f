// Expanding a spec into runs, each with the fully resolved config its worker trains with:
// every default filled in, arm overrides applied, so a stored run says exactly what it did.
import { SOURCE_ARM, type ArmSpec, type DataRef, type ModelConfig, type StrategyName, type TrainingConfig } from '../../specParts.ts';
import type { TransferSpec } from './spec.ts';
import { REGULARIZER_OPTIONS } from '../../specRegularizers.ts';

export interface StrategyOptions {
  /** Multiplier on `lr` for transferred blocks (the new head trains at `lr`). */
  lrFactor: number;
  /** partial-freeze: blocks from the bottom that stay frozen. */
  freezeBlocks: number;
  /** discriminative-lr: lr multiplier per block going down from the head. */
  lrDecay: number;
  /** lp-ft: epochs of linear probing before fine-tuning. */
  probeEpochs: number;
  /** gradual-unfreeze: epochs per stage; null = epochs / number of blocks, at least 1. */
  unfreezeEvery: number | null;
  /** l2-sp: α on the distance to the source weights, β on the new head; set only when the arm gives them. */
  alpha?: number | undefined;
  beta?: number | undefined;
  /** lwf: weight λ of the distillation loss and its temperature. */
  lambda?: number | undefined;
  temperature?: number | undefined;
  /** bss: strength η and how many of the smallest singular values k. */
  eta?: number | undefined;
  k?: number | undefined;
}

/**
 * Where a target run's base comes from. `pretrainArm` names the pretraining run of the same
 * experiment and seed (the scheduler waits for it and hands its final model to the worker).
 */
export type SourceRef = { pretrainArm: string } | { run: number } | { modelPath: string };

export interface RunConfig {
  specVersion: number;
  experimentName: string;
  /** 'source' runs pretrain the base that the experiment's 'target' runs transfer from. */
  role: 'source' | 'target';
  arm: string;
  strategy: StrategyName;
  seed: number;
  budget: string;
  /** Task name used for the metric series. */
  task: string;
  data: DataRef;
  model: ModelConfig;
  source: SourceRef | null;
  training: TrainingConfig;
  strategyOptions: StrategyOptions;
}

export interface RunPlan {
  arm: string;
  seed: number;
  budget: string;
  config: RunConfig;
  /** Epochs the run will train unless stopped early (for progress bars). */
  epochsPlanned: number;
}

const DEFAULT_LR_FACTOR: Record<StrategyName, number> = {
  scratch: 1,
  'feature-extraction': 1,
  'fine-tune': 0.1,
  'partial-freeze': 0.1,
  'gradual-unfreeze': 0.1,
  'discriminative-lr': 1,
  'lp-ft': 0.1,
  // The regularizers are fine-tuning plus a penalty: the same base lr keeps them comparable to it.
  'l2-sp': 0.1,
  lwf: 0.1,
  bss: 0.1,
};

/** ULMFiT's factor: each block down trains at 1/2.6 of the one above. */
export const DEFAULT_LR_DECAY = 1 / 2.6;

function strategyOptions(arm: ArmSpec, epochs: number): StrategyOptions {
  const options: StrategyOptions = {
    lrFactor: arm.lrFactor ?? DEFAULT_LR_FACTOR[arm.strategy],
    freezeBlocks: arm.freezeBlocks ?? 1,
    lrDecay: arm.lrDecay ?? DEFAULT_LR_DECAY,
    probeEpochs: Math.min(arm.probeEpochs ?? Math.max(1, Math.floor(epochs / 2)), epochs),
    unfreezeEvery: arm.unfreezeEvery ?? null,
  };
  // Stored only when set, so the configs of the other strategies keep exactly their keys.
  for (const key of REGULARIZER_OPTIONS) if (arm[key] !== undefined) options[key] = arm[key];
  return options;
}

/**
 * runs = arms × seeds × budgets, plus — when the source is a pretraining recipe — one
 * `source` run per seed (budget of the recipe, default "all"), listed first, which the target
 * runs of that seed wait for.
 */
export function expandTransferRuns(spec: TransferSpec): RunPlan[] {
  const runs: RunPlan[] = [];
  const base = { specVersion: spec.version, experimentName: spec.name, model: spec.model };
  const pretrain = spec.source && 'pretrain' in spec.source ? spec.source.pretrain : null;
  if (pretrain) {
    for (const seed of spec.seeds) {
      const training = { ...spec.training, epochs: pretrain.epochs ?? spec.training.epochs, lr: pretrain.lr ?? spec.training.lr };
      const budget = pretrain.budget ?? 'all';
      const config: RunConfig = {
        ...base,
        role: 'source',
        arm: SOURCE_ARM,
        strategy: 'scratch',
        seed,
        budget,
        task: 'source',
        data: pretrain.data,
        source: null,
        training,
        strategyOptions: strategyOptions({ strategy: 'scratch' }, training.epochs),
      };
      runs.push({ arm: SOURCE_ARM, seed, budget, config, epochsPlanned: training.epochs });
    }
  }
  const source: SourceRef | null = !spec.source
    ? null
    : 'pretrain' in spec.source
      ? { pretrainArm: SOURCE_ARM }
      : 'run' in spec.source
        ? { run: spec.source.run }
        : { modelPath: spec.source.modelPath };
  for (const arm of spec.arms) {
    const name = arm.name ?? arm.strategy;
    const training = { ...spec.training, epochs: arm.epochs ?? spec.training.epochs, lr: arm.lr ?? spec.training.lr };
    for (const seed of spec.seeds) {
      for (const budget of spec.budgets) {
        const config: RunConfig = {
          ...base,
          role: 'target',
          arm: name,
          strategy: arm.strategy,
          seed,
          budget,
          task: 'target',
          data: spec.target,
          source: arm.strategy === 'scratch' ? null : source,
          training,
          strategyOptions: strategyOptions(arm, training.epochs),
        };
        runs.push({ arm: name, seed, budget, config, epochsPlanned: training.epochs });
      }
    }
  }
  return runs;
}
