// Starting an experiment from a spec: validate, expand into runs, store them as queued in one
// transaction, tell subscribers, wake the scheduler. The startExperiment method and the demo
// both come through here.
import { ApiError } from '../../contract/errors.ts';
import { SPEC_VERSION, expandRuns, parseSpec } from '../../contract/spec.ts';
import { preflightMultitask } from '../engine/multitask/preflight.ts';
import type { ServiceContext } from './handlers.ts';

export function startExperiment(ctx: ServiceContext, spec: unknown): { experimentId: number; runIds: number[] } {
  const parsed = parseSpec(spec);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    const detail = parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new ApiError('invalid-payload', `the spec is not valid: ${detail}`, first ? `spec.${first.field}` : 'spec');
  }
  if (parsed.spec.kind === 'multitask') {
    try {
      preflightMultitask(parsed.spec);
    } catch (err) {
      throw new ApiError('invalid-payload', `the spec's data cannot be used: ${err instanceof Error ? err.message : String(err)}`, 'spec.data');
    }
  }
  const runs = expandRuns(parsed.spec);
  const created = ctx.store.createExperiment({
    name: parsed.spec.name,
    kind: parsed.spec.kind,
    specVersion: SPEC_VERSION,
    spec: parsed.spec,
    runs,
  });
  ctx.events.publish({ type: 'experiment-changed', experimentId: created.experimentId });
  ctx.scheduler?.wake();
  return created;
}
