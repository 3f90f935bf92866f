// The transfer kind on the pure side: its spec (spec.ts) and its run expansion (runs.ts).
import type { SpecKind } from '../types.ts';
import { expandTransferRuns, type RunPlan } from './runs.ts';
import { transferErrors, transferSpecSchema, type TransferSpec } from './spec.ts';

export const transferKind = {
  kind: 'transfer',
  schema: transferSpecSchema,
  crossFieldErrors: transferErrors,
  expandRuns: expandTransferRuns,
} satisfies SpecKind<TransferSpec, RunPlan>;
