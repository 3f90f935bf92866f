// The experiment kinds, pure side: one line per kind. Adding a kind is a folder beside these
// and one line here (plus one in each other runtime's registry: main/engine's preflight, the
// worker's trainers, the renderer's forms).
import { z } from 'zod';
import type { JointRunPlan } from '../specHeadToHead.ts';
import type { MultitaskRunPlan } from '../specMultitask.ts';
import type { SpecError } from '../specErrors.ts';
import { headToHeadKind } from './head-to-head/index.ts';
import { multitaskKind } from './multitask/index.ts';
import type { RunPlan } from './transfer/runs.ts';
import { transferKind } from './transfer/index.ts';
import type { SpecKind } from './types.ts';

export const SPEC_KINDS = [transferKind, multitaskKind, headToHeadKind] as const;

/** The kinds' schemas as a tuple, so the union keeps each member's type. */
type SchemasOf<T extends readonly unknown[]> = { -readonly [I in keyof T]: T[I] extends { schema: infer S } ? S : never };
export const specSchema = z.discriminatedUnion('kind', SPEC_KINDS.map((k) => k.schema) as unknown as SchemasOf<typeof SPEC_KINDS>);
export type ExperimentSpec = z.output<typeof specSchema>;
export type AnyRunPlan = RunPlan | MultitaskRunPlan | JointRunPlan;

/** The kind named `name`, seen through the interface every kind implements. */
export function specKindNamed(name: unknown): SpecKind<ExperimentSpec, AnyRunPlan> | undefined {
  // Each kind's methods take its own spec; seen as SpecKind<ExperimentSpec>, a method is only
  // ever called with a spec whose `kind` picked that very kind (parseSpec, expandRuns).
  const kinds: readonly SpecKind<ExperimentSpec, AnyRunPlan>[] = SPEC_KINDS;
  return kinds.find((k) => k.kind === name);
}

export type { SpecError };
