// The multitask experiment spec: data with several tasks, arms of (architecture × loss
// weighting), and the single-task baselines Δm is measured against.
//
// A factory: the multitask kind (kinds/multitask/) hands in the shared model, training and
// budget schemas with the defaults it wants for them.
import { z } from 'zod';
import { gridErrors } from './specChecks.ts';
import type { SpecError } from './specErrors.ts';
import type { ModelConfig, TrainingConfig } from './specParts.ts';

export const ARCHITECTURES = ['hard-sharing', 'soft-sharing', 'cross-stitch', 'mmoe', 'mtan'] as const;
export type ArchitectureName = (typeof ARCHITECTURES)[number];
/** The baseline architecture: one model per task, each the same trunk as the multitask arms. */
export const SINGLE_TASK = 'single-task';
export type ModelArchitecture = ArchitectureName | typeof SINGLE_TASK;

export const WEIGHTINGS = ['equal', 'static', 'uncertainty', 'dwa', 'gradnorm', 'pcgrad', 'mgda', 'rlw', 'gls', 'imtl-l', 'famo', 'db-mtl', 'cagrad', 'nash-mtl', 'aligned-mtl'] as const;
export type WeightingName = (typeof WEIGHTINGS)[number];

export const TASK_TYPES = ['classification', 'regression'] as const;
export type MultitaskTaskType = (typeof TASK_TYPES)[number];

/** Shipped datasets with several tasks, and their tasks in order. */
export const MULTITASK_BUILTINS = {
  penguins: ['species', 'sex', 'body_mass_g'],
  'multi-fashion': ['left', 'right'],
} as const;
export type MultitaskBuiltin = keyof typeof MULTITASK_BUILTINS;

/** Defaults from the papers: GradNorm α (Chen et al. 2018, NYUv2), DWA temperature (Liu et al. 2019). */
export const DEFAULT_GRADNORM_ALPHA = 1.5;
export const DEFAULT_DWA_TEMPERATURE = 2;
/** Soft sharing's L2 penalty strength λ on the squared distance between corresponding tower weights. */
export const DEFAULT_SOFT_SHARING_PENALTY = 0.01;
/** MMoE's number of experts (Ma et al. 2018 use 8 on large data; a few suit Graft's small sets). */
export const DEFAULT_MMOE_EXPERTS = 4;

export interface ArchitectureOptions {
  /** soft-sharing: λ. */
  penalty: number;
  /** mmoe: how many experts; absent = DEFAULT_MMOE_EXPERTS (stored only when the arm sets it). */
  experts?: number | undefined;
}

export type MultitaskDataRef =
  | { builtin: MultitaskBuiltin }
  | { csv: string; features?: string[] | undefined; missing: 'error' | 'drop' };

export interface TaskRef {
  name: string;
  /** Overrides the type inferred from a CSV column; absent = inferred (built-in sets have fixed types). */
  type?: MultitaskTaskType | undefined;
}

export interface WeightingOptions {
  /** static: one weight per task, in task order. */
  weights: number[] | null;
  /** gradnorm: the restoring force α. */
  alpha: number;
  /** dwa: the temperature T. */
  temperature: number;
  /** cagrad: radius c of the ball around the mean gradient; absent = DEFAULT_CAGRAD_C. */
  c?: number | undefined;
  /** db-mtl: momentum β of the gradient average; absent = DEFAULT_DB_MTL_BETA. */
  beta?: number | undefined;
  /** famo: weight decay γ of the task logits; absent = DEFAULT_FAMO_GAMMA. */
  gamma?: number | undefined;
  /** famo: learning rate of the task logits; absent = DEFAULT_FAMO_WEIGHT_LR. */
  weightLr?: number | undefined;
}

/** Defaults from the papers and LibMTL: CAGrad c (Liu et al. 2021), DB-MTL β (Lin et al. 2023), FAMO γ and lr (Liu et al. 2023). */
export const DEFAULT_CAGRAD_C = 0.5;
export const DEFAULT_DB_MTL_BETA = 0.9;
export const DEFAULT_FAMO_GAMMA = 0.001;
export const DEFAULT_FAMO_WEIGHT_LR = 0.025;

export interface MultitaskRunConfig {
  specVersion: number;
  experimentName: string;
  kind: 'multitask';
  role: 'target';
  arm: string;
  architecture: ModelArchitecture;
  weighting: WeightingName;
  weightingOptions: WeightingOptions;
  architectureOptions: ArchitectureOptions;
  seed: number;
  budget: string;
  data: MultitaskDataRef;
  tasks: TaskRef[];
  model: ModelConfig;
  training: TrainingConfig;
  /** Multitask runs transfer from nothing; the scheduler reads this field of every run. */
  source: null;
}

export interface MultitaskRunPlan {
  arm: string;
  seed: number;
  budget: string;
  config: MultitaskRunConfig;
  epochsPlanned: number;
}

/** Task names become series keys "<task>/<split>/<metric>" and pairs "<a>~<b>"; "_" starts run-level series. */
export const TASK_NAME = /^[^/~\s_][^/~\s]*$/;
const taskName = z
  .string()
  .min(1)
  .max(64)
  .regex(TASK_NAME, { message: 'may not contain "/", "~" or spaces, nor start with "_" (rename the column)' });
const path = z.string().min(1).max(4096);
const ARM_NAME = /^[\w.:+-]+$/;

/** What spec.ts hands in: its own schemas, with their defaults. */
export interface SharedSchemas<M extends z.ZodType<ModelConfig>, T extends z.ZodType<TrainingConfig>> {
  version: z.ZodLiteral<number>;
  model: M;
  training: T;
  budget: z.ZodString;
}

export function multitaskSpecSchema<M extends z.ZodType<ModelConfig>, T extends z.ZodType<TrainingConfig>>(shared: SharedSchemas<M, T>) {
  const builtinData = z.object({ builtin: z.enum(['penguins', 'multi-fashion']) }).strict();
  const csvData = z
    .object({
      csv: path,
      /** Feature columns; default every column that is not a task. */
      features: z.array(z.string().min(1)).min(1).max(4096).optional(),
      /** 'error': a missing value in a used column is an error; 'drop': such rows are left out. */
      missing: z.enum(['error', 'drop']).default('error'),
    })
    .strict();
  const task = z.union([taskName, z.object({ name: taskName, type: z.enum(TASK_TYPES).optional() }).strict()]);
  const arm = z
    .object({
      name: z.string().min(1).max(64).regex(ARM_NAME, { message: 'may hold only letters, digits, _ . : + -' }).optional(),
      architecture: z.enum(ARCHITECTURES).default('hard-sharing'),
      weighting: z.enum(WEIGHTINGS),
      /** static: one weight per task, in the order of `tasks`. */
      weights: z.array(z.number().min(0).max(1e6)).min(1).max(16).optional(),
      /** gradnorm: restoring force α (0 = equalize gradient norms only). */
      alpha: z.number().min(0).max(10).optional(),
      /** dwa: temperature T of the softmax over loss ratios. */
      temperature: z.number().positive().max(100).optional(),
      /** cagrad: radius c of the ball around the mean gradient (0 = the mean gradient itself). */
      c: z.number().min(0).max(100).optional(),
      /** db-mtl: momentum β of the per-task gradient average, in [0, 1). */
      beta: z.number().min(0).lt(1).optional(),
      /** famo: weight decay γ of the task logits. */
      gamma: z.number().min(0).max(10).optional(),
      /** famo: learning rate of the task logits. */
      weightLr: z.number().positive().max(10).optional(),
      /** soft-sharing: strength λ of the L2 penalty between corresponding tower weights. */
      penalty: z.number().min(0).max(100).optional(),
      /** mmoe: how many shared experts. */
      experts: z.number().int().min(1).max(16).optional(),
      lr: z.number().positive().max(10).optional(),
      epochs: z.number().int().min(1).max(10_000).optional(),
    })
    .strict();
  return z
    .object({
      version: shared.version,
      name: z.string().min(1).max(200),
      kind: z.literal('multitask'),
      question: z.string().max(2000).optional(),
      data: z.union([builtinData, csvData]),
      /** Default for built-in data: all of its tasks. Required for CSV: the target columns. */
      tasks: z.array(task).min(2).max(16).optional(),
      model: shared.model,
      arms: z.array(arm).min(1).max(64),
      /** One single-task model per task at the same budget and seeds; Δm needs them. */
      singleTaskBaselines: z.boolean().default(true),
      seeds: z.array(z.number().int().min(0).max(2 ** 31 - 1)).min(1).max(100).default([0]),
      budgets: z.array(shared.budget).min(1).max(32).default(['all']),
      training: shared.training,
    })
    .strict();
}

export type MultitaskSpec = z.output<ReturnType<typeof multitaskSpecSchema>> & { model: ModelConfig; training: TrainingConfig };
export type MultitaskArmSpec = MultitaskSpec['arms'][number];

/** An arm's training settings: the experiment's, with the arm's own epochs and learning rate over them. */
export function armTraining(arm: MultitaskArmSpec, training: TrainingConfig): TrainingConfig {
  return { ...training, epochs: arm.epochs ?? training.epochs, lr: arm.lr ?? training.lr };
}

/** An arm's weighting options, with the papers' defaults where the arm leaves one out. */
export function armWeightingOptions(arm: MultitaskArmSpec): WeightingOptions {
  const options: WeightingOptions = { weights: arm.weights ?? null, alpha: arm.alpha ?? DEFAULT_GRADNORM_ALPHA, temperature: arm.temperature ?? DEFAULT_DWA_TEMPERATURE };
  // The newer methods' options are stored only when set, so existing runs' configs keep their keys.
  for (const key of ['c', 'beta', 'gamma', 'weightLr'] as const) if (arm[key] !== undefined) options[key] = arm[key];
  return options;
}

export function armArchitectureOptions(arm: MultitaskArmSpec): ArchitectureOptions {
  return { penalty: arm.penalty ?? DEFAULT_SOFT_SHARING_PENALTY, ...(arm.experts !== undefined ? { experts: arm.experts } : {}) };
}

/** The spec's tasks, resolved: listed ones, or every task of a built-in dataset. */
export function tasksOf(spec: Pick<MultitaskSpec, 'data' | 'tasks'>): TaskRef[] {
  if (spec.tasks) return spec.tasks.map((t) => (typeof t === 'string' ? { name: t } : { name: t.name, type: t.type }));
  if ('builtin' in spec.data) return MULTITASK_BUILTINS[spec.data.builtin].map((name) => ({ name }));
  return [];
}

export function armName(arm: Pick<MultitaskArmSpec, 'name' | 'architecture' | 'weighting'>): string {
  return arm.name ?? `${arm.architecture}+${arm.weighting}`;
}

/** The arm options beyond lr and epochs: each is read by one weighting or architecture only. */
export type MultitaskArmOption = 'weights' | 'alpha' | 'temperature' | 'penalty' | 'c' | 'beta' | 'gamma' | 'weightLr' | 'experts';

/** Which weighting or architecture reads each option (the validator and the form both ask here). */
const OPTION_OWNERS: [MultitaskArmOption, string, (arm: Pick<MultitaskArmSpec, 'architecture' | 'weighting'>) => boolean][] = [
  ['weights', 'weighting "static"', (a) => a.weighting === 'static'],
  ['alpha', 'weighting "gradnorm"', (a) => a.weighting === 'gradnorm'],
  ['temperature', 'weighting "dwa"', (a) => a.weighting === 'dwa'],
  ['penalty', 'architecture "soft-sharing"', (a) => a.architecture === 'soft-sharing'],
  ['c', 'weighting "cagrad"', (a) => a.weighting === 'cagrad'],
  ['beta', 'weighting "db-mtl"', (a) => a.weighting === 'db-mtl'],
  ['gamma', 'weighting "famo"', (a) => a.weighting === 'famo'],
  ['weightLr', 'weighting "famo"', (a) => a.weighting === 'famo'],
  ['experts', 'architecture "mmoe"', (a) => a.architecture === 'mmoe'],
];

/** The options an arm reads beyond lr and epochs, by its weighting and architecture. */
export function armOptions(arm: Pick<MultitaskArmSpec, 'architecture' | 'weighting'>): MultitaskArmOption[] {
  return OPTION_OWNERS.filter(([, , applies]) => applies(arm)).map(([option]) => option);
}

/** Rules across fields: tasks known and unique, static weights one per task, arm names unique. */
export function multitaskErrors(spec: MultitaskSpec): SpecError[] {
  const errors: SpecError[] = [];
  const tasks = tasksOf(spec);
  if ('csv' in spec.data && !spec.tasks) {
    errors.push({ field: 'tasks', message: 'is required for CSV data: list the target columns, one task each (at least 2)' });
  }
  if ('builtin' in spec.data) {
    const known: readonly string[] = MULTITASK_BUILTINS[spec.data.builtin];
    spec.tasks?.forEach((t, i) => {
      const name = typeof t === 'string' ? t : t.name;
      if (!known.includes(name)) errors.push({ field: `tasks[${i}]`, message: `"${name}" is not a task of ${spec.data && 'builtin' in spec.data ? spec.data.builtin : ''}; its tasks: ${known.join(', ')}` });
      if (typeof t !== 'string' && t.type) errors.push({ field: `tasks[${i}].type`, message: 'task types are fixed for built-in data; set them only for CSV columns' });
    });
  }
  const seenTask = new Map<string, number>();
  tasks.forEach((t, i) => {
    const first = seenTask.get(t.name);
    if (first !== undefined) errors.push({ field: `tasks[${i}]`, message: `task "${t.name}" appears twice (also tasks[${first}]); each task is one head` });
    else seenTask.set(t.name, i);
  });
  if ('csv' in spec.data) {
    spec.data.features?.forEach((f, i) => {
      if (seenTask.has(f)) errors.push({ field: `data.features[${i}]`, message: `column "${f}" is a task; a column is either a feature or a task` });
    });
  }
  const seenArm = new Map<string, number>();
  spec.arms.forEach((arm, i) => {
    const name = armName(arm);
    const first = seenArm.get(name);
    if (first !== undefined) {
      errors.push({ field: `arms[${i}].name`, message: `duplicate arm name "${name}" (also arms[${first}]); arm names must be unique — name one of them` });
    } else seenArm.set(name, i);
    if (name === SINGLE_TASK) errors.push({ field: `arms[${i}].name`, message: `"${SINGLE_TASK}" is reserved for the single-task baselines` });
    for (const [field, owner, applies] of OPTION_OWNERS) {
      if (arm[field] !== undefined && !applies(arm)) errors.push({ field: `arms[${i}].${field}`, message: `applies only to ${owner}` });
    }
    if (arm.weighting === 'static') {
      if (!arm.weights) {
        errors.push({ field: `arms[${i}].weights`, message: `is required for weighting "static": one weight per task (${tasks.map((t) => t.name).join(', ')})` });
      } else if (arm.weights.length !== tasks.length) {
        errors.push({
          field: `arms[${i}].weights`,
          message: `has ${arm.weights.length} weight(s) but the experiment has ${tasks.length} tasks (${tasks.map((t) => t.name).join(', ')}); give one weight per task`,
        });
      } else if (arm.weights.every((w) => w === 0)) {
        errors.push({ field: `arms[${i}].weights`, message: 'must not all be 0' });
      }
    }
  });
  errors.push(...gridErrors(spec));
  return errors;
}

/**
 * runs = (single-task baseline + arms) × seeds × budgets. The baseline comes first so its
 * numbers exist as early as possible; it trains one model per task inside one run.
 */
export function expandMultitaskRuns(spec: MultitaskSpec): MultitaskRunPlan[] {
  const tasks = tasksOf(spec);
  const arms: { name: string; architecture: ModelArchitecture; arm: MultitaskArmSpec }[] = [
    ...(spec.singleTaskBaselines ? [{ name: SINGLE_TASK, architecture: SINGLE_TASK as ModelArchitecture, arm: { architecture: 'hard-sharing', weighting: 'equal' } as MultitaskArmSpec }] : []),
    ...spec.arms.map((arm) => ({ name: armName(arm), architecture: arm.architecture as ModelArchitecture, arm })),
  ];
  const runs: MultitaskRunPlan[] = [];
  for (const { name, architecture, arm } of arms) {
    const training = armTraining(arm, spec.training);
    for (const seed of spec.seeds) {
      for (const budget of spec.budgets) {
        const config: MultitaskRunConfig = {
          specVersion: spec.version,
          experimentName: spec.name,
          kind: 'multitask',
          role: 'target',
          arm: name,
          architecture,
          weighting: arm.weighting,
          weightingOptions: armWeightingOptions(arm),
          architectureOptions: armArchitectureOptions(arm),
          seed,
          budget,
          data: spec.data,
          tasks,
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

export function isMultitaskConfig(config: unknown): config is MultitaskRunConfig {
  return typeof config === 'object' && config !== null && (config as { kind?: unknown }).kind === 'multitask';
}
