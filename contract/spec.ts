// The experiment spec: one versioned JSON document per question. Validated here (shared with
// the browser, so no Node imports), expanded into runs = arms × seeds × budgets, each with the
// fully resolved config its worker trains with.
//
// `kind` is a discriminated union over the experiment kinds of contract/kinds/registry.ts;
// each kind's module holds its schema, its cross-field rules and its run expansion, and this
// file looks the kind up there — it knows no kind by name.
import { specKindNamed, specSchema, type AnyRunPlan, type ExperimentSpec } from './kinds/registry.ts';
import type { TransferSpec } from './kinds/transfer/spec.ts';
import type { RunPlan } from './kinds/transfer/runs.ts';
import { inputLimitProblem } from './limits.ts';
import { flatten, type SpecError } from './specErrors.ts';
import type { HeadToHeadSpec, JointRunPlan } from './specHeadToHead.ts';
import type { MultitaskRunPlan, MultitaskSpec } from './specMultitask.ts';
import { SPEC_VERSION } from './specParts.ts';

export * from './specParts.ts';
export { specSchema };
export type { ExperimentSpec };
export type { TransferSpec };

export type { SpecError };
export type ParsedSpec = { ok: true; spec: ExperimentSpec } | { ok: false; errors: SpecError[] };

/** Kinds named in the design whose issues have not landed yet (none at the moment). */
const NOT_YET: Record<string, string> = {};

export function parseSpec(input: unknown): ParsedSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '(spec)', message: `must be a JSON object; got ${typeof input}` }] };
  }
  const tooBig = inputLimitProblem(input);
  if (tooBig) return { ok: false, errors: [{ field: '(spec)', message: tooBig }] };
  const record = input as Record<string, unknown>;
  const kind = record['kind'];
  if (typeof kind === 'string' && NOT_YET[kind]) {
    return { ok: false, errors: [{ field: 'kind', message: `${NOT_YET[kind]}; use "transfer"` }] };
  }
  if (record['version'] !== undefined && record['version'] !== SPEC_VERSION) {
    return {
      ok: false,
      errors: [{ field: 'version', message: `must be ${SPEC_VERSION}; got ${JSON.stringify(record['version'])}` }],
    };
  }
  const shapes = specKindNamed(kind)?.shapeErrors?.(record) ?? [];
  if (shapes.length > 0) return { ok: false, errors: shapes };
  const parsed = specSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: flatten(parsed.error.issues) };
  const errors = kindOf(parsed.data).crossFieldErrors(parsed.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, spec: parsed.data };
}

function kindOf(spec: ExperimentSpec): NonNullable<ReturnType<typeof specKindNamed>> {
  const found = specKindNamed(spec.kind);
  // The schema admits only registered kinds, so a parsed spec always finds its own.
  if (!found) throw new Error(`no experiment kind "${spec.kind}" is registered`);
  return found;
}

/** The spec's runs, each with the fully resolved config its worker trains with (its kind decides how). */
export function expandRuns(spec: TransferSpec): RunPlan[];
export function expandRuns(spec: MultitaskSpec): MultitaskRunPlan[];
export function expandRuns(spec: HeadToHeadSpec): (RunPlan | JointRunPlan)[];
export function expandRuns(spec: ExperimentSpec): AnyRunPlan[];
export function expandRuns(spec: ExperimentSpec): AnyRunPlan[] {
  return kindOf(spec).expandRuns(spec);
}

export type { RunConfig, RunPlan, StrategyOptions, SourceRef } from './kinds/transfer/runs.ts';
export type { MultitaskSpec, HeadToHeadSpec };
export type { JointRunConfig, JointRunPlan } from './specHeadToHead.ts';
export type { MultitaskRunConfig, MultitaskRunPlan } from './specMultitask.ts';
