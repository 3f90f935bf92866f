// Where a queued run's source model comes from, and whether it is there yet. A target run whose
// source is the experiment's pretraining waits for the `source` run of its seed; when that run
// failed or was cancelled, the target run fails too, naming it.
import { isAbsolute, resolve } from 'node:path';
import type { RunSummary } from '../../../contract/model.ts';
import type { RunConfig } from '../../../contract/spec.ts';
import type { RunStore } from '../../../db/store.ts';

export type SourceReadiness = { state: 'ready'; path: string | null } | { state: 'waiting' } | { state: 'failed'; error: string };

function modelOf(store: RunStore, run: RunSummary, what: string): SourceReadiness {
  if (run.status === 'completed') {
    const model = store.latestArtifact(run.id, 'model');
    if (!model) return { state: 'failed', error: `${what} (run ${run.id}) completed but saved no model` };
    return { state: 'ready', path: model.path };
  }
  if (run.status === 'failed' || run.status === 'cancelled') {
    return { state: 'failed', error: `${what} (run ${run.id}) ${run.status}${run.error ? `: ${run.error}` : ''}` };
  }
  return { state: 'waiting' };
}

export function sourceReadiness(store: RunStore, run: RunSummary, config: RunConfig): SourceReadiness {
  const source = config.source;
  if (!source) return { state: 'ready', path: null };
  if ('modelPath' in source) return { state: 'ready', path: isAbsolute(source.modelPath) ? source.modelPath : resolve(source.modelPath) };
  if ('run' in source) {
    const other = store.getRun(source.run);
    if (!other) return { state: 'failed', error: `source run ${source.run} does not exist` };
    // A source run in another experiment that is not going to finish here fails this run now.
    const readiness = modelOf(store, other, 'source run');
    return readiness.state === 'waiting' && other.status === 'interrupted'
      ? { state: 'failed', error: `source run ${other.id} is interrupted; resume it first` }
      : readiness;
  }
  const pretrain = store
    .listRuns({ experimentId: run.experimentId })
    .find((r) => r.arm === source.pretrainArm && r.seed === config.seed);
  if (!pretrain) return { state: 'failed', error: `no "${source.pretrainArm}" run for seed ${config.seed} in this experiment` };
  return modelOf(store, pretrain, `pretraining run for seed ${config.seed}`);
}
