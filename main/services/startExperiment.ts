// Starting an experiment from a spec: validate, check its files and source, expand into runs,
// store them as queued in one transaction, tell subscribers, wake the scheduler. The
// startExperiment method, `graft run` and the demo all come through here.
import { ApiError } from '../../contract/errors.ts';
import { SPEC_VERSION, expandRuns, parseSpec } from '../../contract/spec.ts';
import { collectDataNotes } from '../engine/mainThread/dataNotes.ts';
import { preflightSpec } from '../engine/mainThread/preflight.ts';
import { loadDataRef, loadingEachFileOnce } from '../engine/worker/transfer/loadData.ts';
import type { ServiceContext } from './context.ts';

export async function startExperiment(ctx: ServiceContext, spec: unknown): Promise<{ experimentId: number; runIds: number[] }> {
  const parsed = parseSpec(spec);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    const detail = parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new ApiError('invalid-payload', `the spec is not valid: ${detail}`, first ? `spec.${first.field}` : 'spec');
  }
  // One loader for the preflight and the data notes: each file is read once per submit.
  const load = loadingEachFileOnce(loadDataRef);
  const problems = await preflightSpec(parsed.spec, load);
  // A source run is checked here, in the store: only a kind whose spec has a `source` names one.
  const source = 'source' in parsed.spec ? parsed.spec.source : undefined;
  if (source && 'run' in source) {
    const run = ctx.store.getRun(source.run);
    if (!run) problems.push({ field: 'source.run', message: `run ${source.run} does not exist` });
    else if (run.status !== 'completed') problems.push({ field: 'source.run', message: `run ${source.run} is ${run.status}; a source run must have completed` });
    else if (!ctx.store.latestArtifact(source.run, 'model')) problems.push({ field: 'source.run', message: `run ${source.run} saved no model to transfer from` });
  }
  if (problems.length > 0) {
    const detail = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    throw new ApiError('invalid-payload', `the spec's data cannot be used: ${detail}`, `spec.${problems[0]?.field ?? ''}`);
  }
  const runs = expandRuns(parsed.spec);
  const notes = await collectDataNotes(parsed.spec, load);
  const valid = parsed.spec;
  const created = ctx.store.withTransaction(() => {
    const experiment = ctx.store.createExperiment({ name: valid.name, kind: valid.kind, specVersion: SPEC_VERSION, spec: valid, runs });
    ctx.store.addDataNotes(experiment.experimentId, notes);
    return experiment;
  });
  ctx.events.publish({ type: 'experiment-changed', experimentId: created.experimentId });
  ctx.scheduler?.wake();
  return created;
}
