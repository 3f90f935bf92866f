// The API contract's implementation, as a plain map from method name to function
// (Beekeeper-style). Transports call these only through dispatch(), which has already
// validated the request, so handlers trust their input types.
import { rm } from 'node:fs/promises';
import type { MethodName, ParsedRequest, Response } from '../../contract/api.ts';
import { ApiError } from '../../contract/errors.ts';
import { expandRuns, parseSpec } from '../../contract/spec.ts';
import { compareExperiment } from './compare.ts';
import { cancelExperiment, cancelOneRun } from './cancelExperiment.ts';
import { compareRuns } from './compareRuns.ts';
import { listDatasets } from './datasets.ts';
import { startDemo } from './demo.ts';
import { exportReport } from './exportReport.ts';
import { startExperiment } from './startExperiment.ts';
import type { ServiceContext } from './context.ts';

// ServiceContext and RunScheduler live in context.ts, below every service that takes them.
export type { RunScheduler, ServiceContext } from './context.ts';

export type Handlers = {
  [M in MethodName]: (request: ParsedRequest<M>) => Promise<Response<M>> | Response<M>;
};

function mustFindRun(ctx: ServiceContext, runId: number) {
  const run = ctx.store.getRun(runId);
  if (!run) throw new ApiError('not-found', `run ${runId} does not exist`, 'runId');
  return run;
}

export function createHandlers(ctx: ServiceContext): Handlers {
  const { store, events } = ctx;
  return {
    listExperiments: ({ search }) => store.listExperiments(search),

    getExperiment: ({ id }) => {
      const experiment = store.getExperiment(id);
      if (!experiment) throw new ApiError('not-found', `experiment ${id} does not exist`, 'id');
      return { experiment, runs: store.listRuns({ experimentId: id }), dataNotes: store.listDataNotes(id) };
    },

    listRuns: (filter) => store.listRuns(filter),

    // Min/max downsampling happens in the store, from each series' stored overview.
    readSeries: ({ runIds, task, split, metric, maxPoints }) => store.readSeries(runIds, { task, split, metric }, { maxPoints }),

    validateSpec: ({ spec }) => {
      const parsed = parseSpec(spec);
      if (!parsed.ok) return { ok: false, errors: parsed.errors, runCount: null };
      return { ok: true, errors: [], runCount: expandRuns(parsed.spec).length };
    },

    startExperiment: ({ spec }) => startExperiment(ctx, spec),

    cancelRun: ({ runId }) => {
      const run = mustFindRun(ctx, runId);
      if (run.status !== 'queued' && run.status !== 'running') {
        throw new ApiError('conflict', `run ${runId} is ${run.status}; only queued or running runs can be cancelled`, 'runId');
      }
      return { runId, status: cancelOneRun(ctx, runId, run.experimentId) };
    },

    cancelExperiment: ({ id }) => cancelExperiment(ctx, id),

    readRunLog: ({ runId }) => {
      mustFindRun(ctx, runId);
      return { runId, lines: store.readRunLog(runId) };
    },

    readRunDataNotes: ({ runId }) => {
      mustFindRun(ctx, runId);
      return { runId, notes: store.listRunDataNotes(runId) };
    },

    resumeRun: ({ runId }) => {
      const run = mustFindRun(ctx, runId);
      if (run.status !== 'interrupted' && run.status !== 'failed' && run.status !== 'cancelled') {
        throw new ApiError('conflict', `run ${runId} is ${run.status}; only interrupted, failed or cancelled runs can be resumed`, 'runId');
      }
      store.requeueRun(runId);
      events.publish({ type: 'run-status', runId, experimentId: run.experimentId, status: 'queued', error: null });
      ctx.scheduler?.wake();
      return { runId, status: 'queued' as const };
    },

    setRunTags: ({ runId, tags }) => {
      mustFindRun(ctx, runId);
      const unique = [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0))];
      return { runId, tags: store.setTags(runId, unique) };
    },

    setRunNote: ({ runId, note }) => {
      mustFindRun(ctx, runId);
      store.setNote(runId, note);
      return { runId, note };
    },

    deleteExperiment: async ({ id }) => {
      if (!store.getExperiment(id)) throw new ApiError('not-found', `experiment ${id} does not exist`, 'id');
      for (const run of store.listRuns({ experimentId: id, status: ['queued', 'running'] })) {
        ctx.scheduler?.cancel(run.id);
      }
      const { deletedRuns, artifactPaths } = store.deleteExperiment(id);
      // Rows go first, in one transaction; files after. A crash in between leaves stray
      // files, never rows pointing at missing files.
      await Promise.all(artifactPaths.map((p) => rm(p, { recursive: true, force: true })));
      events.publish({ type: 'experiment-changed', experimentId: id });
      return { id, deletedRuns };
    },

    getEnvironment: () => ctx.environment(),

    compareExperiment: ({ id }) => compareExperiment(store, id),

    compareRuns: ({ runIds }) => compareRuns(store, runIds),

    listDatasets: () => listDatasets(),

    startDemo: ({ quick }) => startDemo(ctx, quick),

    exportReport: ({ experimentId, format }) => exportReport(store, experimentId, format),
  };
}
