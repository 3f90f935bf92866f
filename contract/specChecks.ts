// Cross-field checks every experiment kind shares: its seeds × budgets grid and its data split.
import type { SpecError } from './specErrors.ts';

export interface GridSpec {
  seeds: readonly number[];
  budgets: readonly string[];
  training: { valFraction: number; testFraction: number };
}

/** A repeated seed or budget would train the same run twice; the split must leave data to train on. */
export function gridErrors(spec: GridSpec): SpecError[] {
  const errors: SpecError[] = [];
  const dupSeed = spec.seeds.findIndex((s, i) => spec.seeds.indexOf(s) !== i);
  if (dupSeed >= 0) errors.push({ field: `seeds[${dupSeed}]`, message: `duplicate seed ${spec.seeds[dupSeed]}` });
  const dupBudget = spec.budgets.findIndex((b, i) => spec.budgets.indexOf(b) !== i);
  if (dupBudget >= 0) errors.push({ field: `budgets[${dupBudget}]`, message: `duplicate budget "${spec.budgets[dupBudget]}"` });
  if (spec.training.valFraction + spec.training.testFraction >= 0.9) {
    errors.push({ field: 'training.testFraction', message: 'valFraction + testFraction must leave at least 10% for training' });
  }
  return errors;
}
