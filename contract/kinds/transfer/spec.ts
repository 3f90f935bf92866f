// The transfer experiment spec: does a source model help a target task? Arms are transfer
// strategies (scratch among them); the source is a pretraining recipe, an earlier run or a model file.
import { z } from 'zod';
import { gridErrors } from '../../specChecks.ts';
import type { SpecError } from '../../specErrors.ts';
import { regularizerOptionErrors } from '../../specRegularizers.ts';
import { armSchema, budgetSchema, dataRefSchema, int, modelSchema, SOURCE_ARM, sourceSchema, SPEC_VERSION, trainingSchema } from '../../specParts.ts';

export const transferSpecSchema = z
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
    budgets: z.array(budgetSchema).min(1).max(32).default(['all']),
    training: trainingSchema.default({ epochs: 10, batchSize: 32, optimizer: 'adam', lr: 1e-3, valFraction: 0.15, testFraction: 0.15 }),
  })
  .strict();
export type TransferSpec = z.output<typeof transferSpecSchema>;

/** Rules that span fields, which the schema alone cannot say. */
export function transferErrors(spec: TransferSpec): SpecError[] {
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

