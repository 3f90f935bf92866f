// The head-to-head experiment spec: one target task (the yardstick), one or more related source
// tasks, and arms of both approaches — transfer arms pretrain on the source task and transfer
// to the target; multitask arms train the target jointly with the source tasks as auxiliary
// tasks. Every arm is scored on the same target test rows, at the best validation epoch of the
// task named `target`, which every arm logs under that name.
//
// Like specMultitask.ts, a factory: the head-to-head kind (kinds/head-to-head/) hands in the
// shared schemas and both approaches' arm schemas.
import { z } from 'zod';
import { gridErrors } from './specChecks.ts';
import { regularizerOptionErrors } from './specRegularizers.ts';
import type { SpecError } from './specErrors.ts';
import type { TransferSpec } from './kinds/transfer/spec.ts';
import type { ArmSpec, DataRef, ModelConfig, TrainingConfig } from './specParts.ts';
import {
  armArchitectureOptions,
  armTraining,
  armWeightingOptions,
  TASK_NAME,
  type ArchitectureName,
  type MultitaskArmSpec,
  type WeightingName,
  type WeightingOptions,
} from './specMultitask.ts';

/** The yardstick's task name in every arm's series; source tasks may not take it. */
export const TARGET_TASK = 'target';
/** Default name of the one source task; "source1", "source2", … when there are several. */
export const SOURCE_TASK = 'source';
export const SCRATCH = 'scratch';

export interface HeadToHeadSchemas<M extends z.ZodType<ModelConfig>, T extends z.ZodType<TrainingConfig>> {
  version: z.ZodLiteral<number>;
  model: M;
  training: T;
  budget: z.ZodString;
  dataRef: z.ZodType<DataRef>;
  /** spec.ts's transfer arm ({strategy, …}). */
  transferArm: z.ZodType<ArmSpec>;
  /** specMultitask.ts's arm ({architecture, weighting, …}). */
  multitaskArm: z.ZodType<MultitaskArmSpec>;
}

export function headToHeadSpecSchema<M extends z.ZodType<ModelConfig>, T extends z.ZodType<TrainingConfig>>(s: HeadToHeadSchemas<M, T>) {
  const source = z
    .object({
      /** The task's name in the multitask arms' series; default "source" (or "source<i>"). */
      name: z.string().min(1).max(64).regex(TASK_NAME, { message: 'may not contain "/", "~" or spaces, nor start with "_"' }).optional(),
      data: s.dataRef,
      /** Labels of the source task: plenty by default, that is the premise of the question. */
      budget: s.budget.default('all'),
      /** Pretraining epochs of the transfer arms (default training.epochs). */
      epochs: z.number().int().min(1).max(10_000).optional(),
      /** Pretraining lr of the transfer arms (default training.lr). */
      lr: z.number().positive().max(10).optional(),
    })
    .strict();
  return z
    .object({
      version: s.version,
      name: z.string().min(1).max(200),
      kind: z.literal('head-to-head'),
      question: z.string().max(2000).optional(),
      target: s.dataRef,
      sources: z.array(source).min(1).max(8),
      model: s.model,
      arms: z.array(z.union([s.transferArm, s.multitaskArm])).min(2).max(64),
      seeds: z.array(z.number().int().min(0).max(2 ** 31 - 1)).min(1).max(100).default([0]),
      /** Label budgets of the target task; the sources keep their own. */
      budgets: z.array(s.budget).min(1).max(32).default(['all']),
      training: s.training,
    })
    .strict();
}

export type HeadToHeadSpec = z.output<ReturnType<typeof headToHeadSpecSchema>> & { model: ModelConfig; training: TrainingConfig };
type AnyArm = ArmSpec | MultitaskArmSpec;

export function isTransferArm(arm: AnyArm): arm is ArmSpec {
  return 'strategy' in arm;
}

export function headToHeadArmName(arm: AnyArm): string {
  if (isTransferArm(arm)) return arm.name ?? arm.strategy;
  return arm.name ?? `${arm.architecture}+${arm.weighting}`;
}

export function sourceTaskNames(spec: { sources: readonly Pick<HeadToHeadSpec['sources'][number], 'name'>[] }): string[] {
  return spec.sources.map((src, i) => src.name ?? (spec.sources.length === 1 ? SOURCE_TASK : `${SOURCE_TASK}${i + 1}`));
}

/**
 * Before the schema: an arm is told apart by its fields, and a zod union can only say "invalid
 * input" when both or neither kind of field is there — so say which, and where.
 */
export function headToHeadArmShapeErrors(input: Record<string, unknown>): SpecError[] {
  const arms = input['arms'];
  if (!Array.isArray(arms)) return [];
  const errors: SpecError[] = [];
  arms.forEach((arm: unknown, i) => {
    if (typeof arm !== 'object' || arm === null) return;
    const has = (k: string) => k in arm;
    const transfer = has('strategy');
    const multitask = has('architecture') || has('weighting');
    if (transfer && multitask) {
      errors.push({ field: `arms[${i}]`, message: 'is either a transfer arm (strategy) or a multitask arm (architecture + weighting), not both' });
    } else if (!transfer && !multitask) {
      errors.push({ field: `arms[${i}]`, message: 'needs "strategy" (a transfer arm, or "scratch") or "weighting" (a multitask arm)' });
    }
  });
  return errors;
}

/** Rules across fields: scratch present, names unique, transfer needs one source, shapes of static weights. */
export function headToHeadErrors(spec: HeadToHeadSpec): SpecError[] {
  const errors: SpecError[] = [];
  const tasks = [TARGET_TASK, ...sourceTaskNames(spec)];
  sourceTaskNames(spec).forEach((name, i) => {
    const first = tasks.indexOf(name);
    if (first !== i + 1) {
      const what = first === 0 ? `"${TARGET_TASK}" is the target task's name` : `source task "${name}" appears twice`;
      errors.push({ field: `sources[${i}].name`, message: `${what}; name each source task differently` });
    }
  });
  const seen = new Map<string, number>();
  let scratch = false;
  spec.arms.forEach((arm, i) => {
    const name = headToHeadArmName(arm);
    const first = seen.get(name);
    if (first !== undefined) errors.push({ field: `arms[${i}].name`, message: `duplicate arm name "${name}" (also arms[${first}]); name one of them` });
    else seen.set(name, i);
    if (name === SOURCE_TASK) errors.push({ field: `arms[${i}].name`, message: `"${SOURCE_TASK}" is reserved for the pretraining runs` });
    if (isTransferArm(arm)) {
      errors.push(...regularizerOptionErrors([arm], i));
      if (arm.strategy === SCRATCH) scratch = true;
      else if (spec.sources.length !== 1) {
        errors.push({
          field: `arms[${i}].strategy`,
          message: `transfer arms pretrain on one source task, and this spec has ${spec.sources.length}; keep one source, or compare with multitask arms only`,
        });
      }
    } else if (arm.weighting === 'static') {
      if (!arm.weights || arm.weights.length !== tasks.length) {
        errors.push({
          field: `arms[${i}].weights`,
          message: `weighting "static" needs one weight per task (${tasks.join(', ')}): ${tasks.length} weight(s)${arm.weights ? `; got ${arm.weights.length}` : ''}`,
        });
      }
    }
  });
  if (!scratch) errors.push({ field: 'arms', message: 'must include the target-only baseline {"strategy": "scratch"}: every arm is measured against it' });
  if (!spec.arms.some((a) => !isTransferArm(a) || a.strategy !== SCRATCH)) {
    errors.push({ field: 'arms', message: 'needs at least one transfer or multitask arm besides scratch' });
  }
  errors.push(...gridErrors(spec));
  return errors;
}

/** A related task as a multitask arm trains it: its data, and its own label budget. */
export interface JointSource {
  name: string;
  data: DataRef;
  budget: string;
}

/**
 * A head-to-head multitask run: the target task and the source tasks trained jointly in one
 * model. Every example carries the label of one task only, so each task's loss is taken over
 * the examples that have its label. `budget` is the target's.
 */
export interface JointRunConfig {
  specVersion: number;
  experimentName: string;
  kind: 'joint';
  role: 'target';
  arm: string;
  architecture: ArchitectureName;
  weighting: WeightingName;
  weightingOptions: WeightingOptions;
  architectureOptions: { penalty: number };
  seed: number;
  budget: string;
  target: DataRef;
  sources: JointSource[];
  model: ModelConfig;
  training: TrainingConfig;
  /** Joint runs transfer from nothing; the scheduler reads this field of every run. */
  source: null;
}

export interface JointRunPlan {
  arm: string;
  seed: number;
  budget: string;
  config: JointRunConfig;
  epochsPlanned: number;
}

export function isJointConfig(config: unknown): config is JointRunConfig {
  return typeof config === 'object' && config !== null && (config as { kind?: unknown }).kind === 'joint';
}

/**
 * The transfer half as a transfer spec (scratch and the transfer arms, pretraining on the one
 * source), so it expands exactly as a transfer experiment would: one `source` run per seed.
 */
export function transferPartOf(spec: HeadToHeadSpec): TransferSpec {
  const arms = spec.arms.filter(isTransferArm);
  const src = spec.sources[0];
  const transfers = arms.some((a) => a.strategy !== SCRATCH);
  const pretrain = src
    ? { data: src.data, budget: src.budget, ...(src.epochs !== undefined ? { epochs: src.epochs } : {}), ...(src.lr !== undefined ? { lr: src.lr } : {}) }
    : null;
  return {
    version: spec.version,
    name: spec.name,
    kind: 'transfer',
    target: spec.target,
    ...(transfers && pretrain ? { source: { pretrain } } : {}),
    model: spec.model,
    arms,
    seeds: spec.seeds,
    budgets: spec.budgets,
    training: spec.training,
  } as TransferSpec;
}

/** The multitask half: (multitask arms) × seeds × target budgets. */
export function expandJointRuns(spec: HeadToHeadSpec): JointRunPlan[] {
  const names = sourceTaskNames(spec);
  const sources: JointSource[] = spec.sources.map((s, i) => ({ name: names[i] as string, data: s.data, budget: s.budget }));
  const runs: JointRunPlan[] = [];
  for (const arm of spec.arms) {
    if (isTransferArm(arm)) continue;
    const name = headToHeadArmName(arm);
    const training = armTraining(arm, spec.training);
    for (const seed of spec.seeds) {
      for (const budget of spec.budgets) {
        const config: JointRunConfig = {
          specVersion: spec.version,
          experimentName: spec.name,
          kind: 'joint',
          role: 'target',
          arm: name,
          architecture: arm.architecture,
          weighting: arm.weighting,
          weightingOptions: armWeightingOptions(arm),
          architectureOptions: armArchitectureOptions(arm),
          seed,
          budget,
          target: spec.target,
          sources,
          model: spec.model,
          training,
          source: null,
        };
        runs.push({ arm: name, seed, budget, config, epochsPlanned: training.epochs });
      }
    }
  }
  return runs;
}

