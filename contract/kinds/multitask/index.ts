// The multitask kind on the pure side: does one model for several tasks beat a model per task?
// Its spec, checks and run expansion are in contract/specMultitask.ts; this module gives them
// the shared schemas (with the multitask defaults: a small MLP) and presents them as a SpecKind.
import { z } from 'zod';
import { budgetSchema, modelSchema, SPEC_VERSION, trainingSchema } from '../../specParts.ts';
import { expandMultitaskRuns, multitaskErrors, multitaskSpecSchema, type MultitaskRunPlan, type MultitaskSpec } from '../../specMultitask.ts';
import type { SpecKind } from '../types.ts';

export const multitaskSchema = multitaskSpecSchema({
  version: z.literal(SPEC_VERSION),
  model: modelSchema.default({ type: 'mlp', hidden: [64, 32], dropout: 0, batchNorm: false }),
  training: trainingSchema.default({ epochs: 10, batchSize: 32, optimizer: 'adam', lr: 1e-3, valFraction: 0.15, testFraction: 0.15 }),
  budget: budgetSchema,
});

export const multitaskKind = {
  kind: 'multitask',
  schema: multitaskSchema,
  crossFieldErrors: multitaskErrors,
  expandRuns: expandMultitaskRuns,
} satisfies SpecKind<MultitaskSpec, MultitaskRunPlan>;
