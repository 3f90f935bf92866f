// The run trainers, worker side: one line per kind, each the training entry its folder exports.
// A stored run config arrives as JSON, and the first trainer that accepts it trains it. A
// head-to-head experiment's runs are transfer runs (trained by the transfer kind's entry) and
// joint runs (its own).
import { jointTrainer } from './headToHead/runner.ts';
import { multitaskTrainer } from './multitask/runner.ts';
import type { RunTrainer } from './run/lifecycle.ts';
import { transferTrainer } from './transfer/runner.ts';

const TRAINERS: readonly RunTrainer<unknown>[] = [multitaskTrainer, jointTrainer, transferTrainer];

export function trainerFor(config: unknown): RunTrainer<unknown> {
  const trainer = TRAINERS.find((t) => t.accepts(config));
  if (!trainer) throw new Error(`no trainer takes this run config (kind ${JSON.stringify((config as { kind?: unknown } | null)?.kind)})`);
  return trainer;
}
