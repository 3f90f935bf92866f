// The experiment spec: one versioned JSON document per question. Validated here (shared with
// the browser, so no Node imports), expanded into runs = arms × seeds × budgets, each with the
// fully resolved config its worker trains with.
//
// `kind` is a discriminated union: 'transfer', 'multitask' (specMultitask.ts) and 'head-to-head'
// (specHeadToHead.ts), each an object schema in `kindSchemas`.
import { z } from 'zod';
import { gridErrors } from './specChecks.ts';
import { flatten, type SpecError } from './specErrors.ts';
import { headToHeadArmShapeErrors, headToHeadErrors, headToHeadSpecSchema, type HeadToHeadSpec } from './specHeadToHead.ts';
import { multitaskErrors, multitaskSpecSchema, type MultitaskSpec } from './specMultitask.ts';
import { regularizerOptionErrors, regularizerOptionFields } from './specRegularizers.ts';

export const SPEC_VERSION = 1;

export const BUILTIN_DATASETS = ['fashion-mnist', 'digits', 'penguins'] as const;
export const STRATEGIES = [
  'scratch',
  'feature-extraction',
  'fine-tune',
  'partial-freeze',
  'gradual-unfreeze',
  'discriminative-lr',
  'lp-ft',
  'l2-sp',
  'lwf',
  'bss',
] as const;
export type StrategyName = (typeof STRATEGIES)[number];

/** The arm name that pretraining runs get; reserved when the source is a pretraining recipe. */
export const SOURCE_ARM = 'source';

const int = z.number().int();
const classList = z.array(int.min(0)).min(1).max(1000);
const path = z.string().min(1).max(4096);

const builtinData = z.object({ builtin: z.enum(BUILTIN_DATASETS), classes: classList.optional() }).strict();
const idxData = z
  .object({ idx: z.object({ images: path, labels: path }).strict(), classes: classList.optional() })
  .strict();
const imageFolderData = z
  .object({
    imageFolder: path,
    inputShape: z.tuple([int.min(1).max(1024), int.min(1).max(1024), int.min(1).max(4)]),
    classes: classList.optional(),
  })
  .strict();
const csvData = z.object({ csv: path, target: z.string().min(1), classes: classList.optional() }).strict();
export const dataRefSchema = z.union([builtinData, idxData, imageFolderData, csvData]);
export type DataRef = z.infer<typeof dataRefSchema>;

/** "50/class", "10%" or "all": labels per class, fraction of the training split, or everything. */
export const BUDGET_PATTERN = /^(all|[1-9]\d*\/class|(100|[1-9]?\d(\.\d+)?)%)$/;
const budget = z.string().regex(BUDGET_PATTERN, { message: 'must look like "50/class", "10%" or "all"' });

const lr = z.number().positive().max(10);
const epochs = int.min(1).max(10_000);

const pretrainSource = z
  .object({
    pretrain: z
      .object({ data: dataRefSchema, epochs: epochs.optional(), lr: lr.optional(), budget: budget.optional() })
      .strict(),
  })
  .strict();
const runSource = z.object({ run: int.positive() }).strict();
const modelPathSource = z.object({ modelPath: path }).strict();
export const sourceSchema = z.union([pretrainSource, runSource, modelPathSource]);
export type SourceSpec = z.infer<typeof sourceSchema>;

const modelCommon = {
  dropout: z.number().min(0).max(0.9).default(0),
  batchNorm: z.boolean().default(false),
};
const cnnModel = z
  .object({
    type: z.literal('cnn'),
    filters: z.array(int.min(1).max(1024)).min(1).max(8).default([32, 64]),
    dense: z.array(int.min(1).max(8192)).max(8).default([128]),
    kernelSize: int.min(1).max(11).default(3),
    ...modelCommon,
  })
  .strict();
const mlpModel = z
  .object({ type: z.literal('mlp'), hidden: z.array(int.min(1).max(8192)).max(8).default([256, 128]), ...modelCommon })
  .strict();
export const modelSchema = z.discriminatedUnion('type', [cnnModel, mlpModel]);
export type ModelConfig = z.output<typeof modelSchema>;

const armSchema = z
  .object({
    name: z.string().min(1).max(64).regex(/^[\w.-]+$/, { message: 'may hold only letters, digits, _ . -' }).optional(),
    strategy: z.enum(STRATEGIES),
    lr: lr.optional(),
    /** Multiplies the training lr for strategies that train a transferred base (fine-tune: 0.1). */
    lrFactor: z.number().positive().max(100).optional(),
    epochs: epochs.optional(),
    /** partial-freeze: how many blocks from the bottom stay frozen. */
    freezeBlocks: int.min(0).max(64).optional(),
    /** discriminative-lr: lr multiplier per block going down from the head (ULMFiT: 1/2.6). */
    lrDecay: z.number().positive().max(1).optional(),
    /** lp-ft: epochs of linear probing before fine-tuning. */
    probeEpochs: int.min(0).max(10_000).optional(),
    /** gradual-unfreeze: epochs per stage before the next block down is unfrozen. */
    unfreezeEvery: int.min(1).max(10_000).optional(),
    ...regularizerOptionFields,
  })
  .strict();

const trainingSchema = z
  .object({
    epochs: epochs.default(10),
    batchSize: int.min(1).max(4096).default(32),
    optimizer: z.enum(['adam', 'sgd']).default('adam'),
    lr: lr.default(1e-3),
    valFraction: z.number().min(0.01).max(0.5).default(0.15),
    testFraction: z.number().min(0.01).max(0.5).default(0.15),
    patience: int.min(1).max(10_000).optional(),
  })
  .strict();
export type TrainingConfig = z.output<typeof trainingSchema>;

const transferSpec = z
  .object({
    version: z.literal(SPEC_VERSION),
    name: z.string().min(1).max(200),
    kind: z.literal('transfer'),
    question: z.string().max(2000).optional(),
    target: dataRefSchema,
    source: sourceSchema.optional(),
    model: modelSchema.default({ type: 'cnn', filters: [32, 64], dense: [128], kernelSize: 3, dropout: 0, batchNorm: false }),
    arms: z.array(armSchema).min(1).max(64),
    seeds: z.array(int.min(0).max(2 ** 31 - 1)).min(1).max(100).default([0]),
    budgets: z.array(budget).min(1).max(32).default(['all']),
    training: trainingSchema.default({ epochs: 10, batchSize: 32, optimizer: 'adam', lr: 1e-3, valFraction: 0.15, testFraction: 0.15 }),
  })
  .strict();

const multitaskSpec = multitaskSpecSchema({
  version: z.literal(SPEC_VERSION),
  model: modelSchema.default({ type: 'mlp', hidden: [64, 32], dropout: 0, batchNorm: false }),
  training: trainingSchema.default({ epochs: 10, batchSize: 32, optimizer: 'adam', lr: 1e-3, valFraction: 0.15, testFraction: 0.15 }),
  budget,
});

const headToHeadSpec = headToHeadSpecSchema({
  version: z.literal(SPEC_VERSION),
  model: modelSchema.default({ type: 'cnn', filters: [32, 64], dense: [128], kernelSize: 3, dropout: 0, batchNorm: false }),
  training: trainingSchema.default({ epochs: 10, batchSize: 32, optimizer: 'adam', lr: 1e-3, valFraction: 0.15, testFraction: 0.15 }),
  budget,
  dataRef: dataRefSchema,
  transferArm: armSchema,
  multitaskArm: multitaskSpec.shape.arms.element,
});

const kindSchemas = [transferSpec, multitaskSpec, headToHeadSpec] as const;
export const specSchema = z.discriminatedUnion('kind', kindSchemas);
export type ExperimentSpec = z.output<typeof specSchema>;
export type TransferSpec = z.output<typeof transferSpec>;
export type ArmSpec = z.output<typeof armSchema>;

export type { SpecError };
export type ParsedSpec = { ok: true; spec: ExperimentSpec } | { ok: false; errors: SpecError[] };

/** Kinds named in the design whose issues have not landed yet (none at the moment). */
const NOT_YET: Record<string, string> = {};

/** Rules that span fields, which the schema alone cannot say. */
function crossFieldErrors(spec: TransferSpec): SpecError[] {
  const errors: SpecError[] = [];
  const seen = new Map<string, number>();
  spec.arms.forEach((arm, i) => {
    const name = arm.name ?? arm.strategy;
    const first = seen.get(name);
    if (first !== undefined) {
      errors.push({
        field: `arms[${i}].name`,
        message: `duplicate arm name "${name}" (also arms[${first}]); arm names must be unique — name one of them`,
      });
    } else seen.set(name, i);
    if (spec.source && 'pretrain' in spec.source && name === SOURCE_ARM) {
      errors.push({ field: `arms[${i}].name`, message: `"${SOURCE_ARM}" is reserved for the pretraining runs` });
    }
    if (arm.strategy !== 'scratch' && !spec.source) {
      errors.push({ field: 'source', message: `is required: arm "${name}" (${arm.strategy}) transfers from a source model` });
    }
  });
  errors.push(...regularizerOptionErrors(spec.arms));
  errors.push(...gridErrors(spec));
  return errors;
}

export function parseSpec(input: unknown): ParsedSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '(spec)', message: `must be a JSON object; got ${typeof input}` }] };
  }
  const record = input as Record<string, unknown>;
  const kind = record['kind'];
  if (typeof kind === 'string' && NOT_YET[kind]) {
    return { ok: false, errors: [{ field: 'kind', message: `${NOT_YET[kind]}; use "transfer"` }] };
  }
  if (record['version'] !== undefined && record['version'] !== SPEC_VERSION) {
    return {
      ok: false,
      errors: [{ field: 'version', message: `must be ${SPEC_VERSION}; got ${JSON.stringify(record['version'])}` }],
    };
  }
  const armShapes = kind === 'head-to-head' ? headToHeadArmShapeErrors(record) : [];
  if (armShapes.length > 0) return { ok: false, errors: armShapes };
  const parsed = specSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: flatten(parsed.error.issues) };
  const errors =
    parsed.data.kind === 'multitask'
      ? multitaskErrors(parsed.data)
      : parsed.data.kind === 'head-to-head'
        ? headToHeadErrors(parsed.data)
        : crossFieldErrors(parsed.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, spec: parsed.data };
}

export { expandRuns } from './specRuns.ts';
export type { RunConfig, RunPlan, StrategyOptions, SourceRef } from './specRuns.ts';
export type { MultitaskSpec, HeadToHeadSpec };
export type { JointRunConfig, JointRunPlan } from './specHeadToHead.ts';
export type { MultitaskRunConfig, MultitaskRunPlan } from './specMultitask.ts';
