// Run configs for the engine's tests, made the way users make them: a spec, expanded.
import { expandRuns, parseSpec, type RunPlan } from '../../../contract/spec.ts';

export function plansOf(spec: Record<string, unknown>): RunPlan[] {
  const parsed = parseSpec({ version: 1, kind: 'transfer', name: 'test', ...spec });
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  if (parsed.spec.kind !== 'transfer') throw new Error('plansOf makes transfer specs only');
  return expandRuns(parsed.spec);
}

/** Digits 0–4 → 5–9 with a small MLP: trains in seconds on the cpu backend. */
export function digitsPlans(arms: Record<string, unknown>[], extra: Record<string, unknown> = {}): RunPlan[] {
  return plansOf({
    target: { builtin: 'digits', classes: [5, 6, 7, 8, 9] },
    source: { pretrain: { data: { builtin: 'digits', classes: [0, 1, 2, 3, 4] }, epochs: 3 } },
    model: { type: 'mlp', hidden: [32, 16] },
    arms,
    seeds: [1],
    budgets: ['20/class'],
    training: { epochs: 3, batchSize: 16, lr: 0.01 },
    ...extra,
  });
}
