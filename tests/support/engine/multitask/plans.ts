// Multitask run configs for tests, made the way users make them: a spec, parsed and expanded.
import { expandRuns, parseSpec } from '../../../../contract/spec.ts';
import type { MultitaskRunPlan } from '../../../../contract/specMultitask.ts';

export function multitaskPlans(spec: Record<string, unknown>): MultitaskRunPlan[] {
  const parsed = parseSpec({ version: 1, kind: 'multitask', name: 'test', ...spec });
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  if (parsed.spec.kind !== 'multitask') throw new Error('expected a multitask spec');
  return expandRuns(parsed.spec);
}

/** Penguins with a small MLP: every task kind, trains in well under a second per run. */
export const PENGUINS_QUICK = {
  data: { builtin: 'penguins' },
  model: { type: 'mlp', hidden: [16] },
  seeds: [1],
  training: { epochs: 3, batchSize: 32, lr: 0.01 },
};
