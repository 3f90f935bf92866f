// The building blocks every experiment kind's spec is made of: data references, budgets,
// sources, models, transfer arms and training settings. Pure (shared with the browser), and
// below every kind's module, so the kinds and spec.ts import it and it imports none of them.
import { z } from 'zod';
import { budgetLimitProblem } from './limits.ts';
import { regularizerOptionFields } from './specRegularizers.ts';

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

export const int = z.number().int();
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
    /** A corrupt or unreadable image: skipped and named in the data notes (default), or the folder refused. */
    unreadable: z.enum(['skip', 'refuse']).optional(),
  })
  .strict();
const csvData = z.object({ csv: path, target: z.string().min(1), classes: classList.optional() }).strict();
export const dataRefSchema = z.union([builtinData, idxData, imageFolderData, csvData]);
export type DataRef = z.infer<typeof dataRefSchema>;

/** "50/class", "10%" or "all": labels per class, fraction of the training split, or everything. */
export const BUDGET_PATTERN = /^(all|[1-9]\d*\/class|(100|[1-9]?\d(\.\d+)?)%)$/;
export const budgetSchema = z
  .string()
  .regex(BUDGET_PATTERN, { message: 'must look like "50/class", "10%" or "all"' })
  .refine((text) => budgetLimitProblem(text) === null, { error: (issue) => budgetLimitProblem(String(issue.input)) ?? 'is too large' });

export const lrSchema = z.number().positive().max(10);
export const epochsSchema = int.min(1).max(10_000);

const pretrainSource = z
  .object({
    pretrain: z
      .object({ data: dataRefSchema, epochs: epochsSchema.optional(), lr: lrSchema.optional(), budget: budgetSchema.optional() })
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

export const armSchema = z
  .object({
    name: z.string().min(1).max(64).regex(/^[\w.-]+$/, { message: 'may hold only letters, digits, _ . -' }).optional(),
    strategy: z.enum(STRATEGIES),
    lr: lrSchema.optional(),
    /** Multiplies the training lr for strategies that train a transferred base (fine-tune: 0.1). */
    lrFactor: z.number().positive().max(100).optional(),
    epochs: epochsSchema.optional(),
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

export const trainingSchema = z
  .object({
    epochs: epochsSchema.default(10),
    batchSize: int.min(1).max(4096).default(32),
    optimizer: z.enum(['adam', 'sgd']).default('adam'),
    lr: lrSchema.default(1e-3),
    valFraction: z.number().min(0.01).max(0.5).default(0.15),
    testFraction: z.number().min(0.01).max(0.5).default(0.15),
    patience: int.min(1).max(10_000).optional(),
  })
  .strict();
export type TrainingConfig = z.output<typeof trainingSchema>;

export type ArmSpec = z.output<typeof armSchema>;

