// The options of the fine-tuning regularizers (issue 18): L2-SP, LwF and BSS. Each option is
// read by one strategy; this file says which (the validator and the form both ask here), the
// schema fields, and the papers' defaults.
import { z } from 'zod';
import type { SpecError } from './specErrors.ts';

export const REGULARIZER_OPTIONS = ['alpha', 'beta', 'lambda', 'temperature', 'eta', 'k'] as const;
export type RegularizerOption = (typeof REGULARIZER_OPTIONS)[number];

/** Which strategy reads each option. */
export const REGULARIZER_OPTION_OWNER: Record<RegularizerOption, 'l2-sp' | 'lwf' | 'bss'> = {
  alpha: 'l2-sp',
  beta: 'l2-sp',
  lambda: 'lwf',
  temperature: 'lwf',
  eta: 'bss',
  k: 'bss',
};

/** L2-SP α, β (Li et al. 2018); LwF λ = 1 and T = 2 (Li & Hoiem 2017); BSS η and k = 1 (Chen et al. 2019). */
export const DEFAULT_L2_SP_ALPHA = 0.1;
export const DEFAULT_L2_SP_BETA = 0.01;
export const DEFAULT_LWF_LAMBDA = 1;
export const DEFAULT_LWF_TEMPERATURE = 2;
export const DEFAULT_BSS_ETA = 0.001;
export const DEFAULT_BSS_K = 1;

/** Spread into the transfer arm's schema. */
export const regularizerOptionFields = {
  /** l2-sp: strength α of the squared distance from the source weights. */
  alpha: z.number().min(0).max(100).optional(),
  /** l2-sp: strength β of plain weight decay on the new head. */
  beta: z.number().min(0).max(100).optional(),
  /** lwf: weight λ of the distillation loss against the source head's outputs. */
  lambda: z.number().min(0).max(100).optional(),
  /** lwf: softmax temperature of the distillation. */
  temperature: z.number().positive().max(100).optional(),
  /** bss: strength η of the penalty on the smallest squared singular values of the features. */
  eta: z.number().min(0).max(100).optional(),
  /** bss: how many of the smallest singular values to penalize. */
  k: z.number().int().min(1).max(64).optional(),
};

/** An option on an arm whose strategy does not read it. */
export function regularizerOptionErrors(arms: readonly ({ strategy: string } & Partial<Record<RegularizerOption, number | undefined>>)[], offset = 0): SpecError[] {
  const errors: SpecError[] = [];
  arms.forEach((arm, i) => {
    for (const option of REGULARIZER_OPTIONS) {
      const owner = REGULARIZER_OPTION_OWNER[option];
      if (arm[option] !== undefined && arm.strategy !== owner) errors.push({ field: `arms[${i + offset}].${option}`, message: `applies only to strategy "${owner}"` });
    }
  });
  return errors;
}
