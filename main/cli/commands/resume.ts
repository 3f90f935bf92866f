// `graft resume`: interrupted (or cancelled) runs continue from their last checkpoint in this
// process, through the same resume path as the API's resumeRun, with progress bars and the
// comparison at the end, as `graft run` prints them.
import type { RunSummary } from '../../../contract/model.ts';
import type { GraftApp } from '../../app.ts';
import { UsageError, type Command } from '../command.ts';
import { TRAINING_OPTIONS, TRAINING_USAGE, trainingOptions } from '../trainingOptions.ts';
import { trainAndWait } from '../trainAndWait.ts';
import { findExperimentOrFail, withApp } from '../withApp.ts';

const RUN_REF = /^(?:run:|#)(\d+)$/;

/** The runs a reference names: one run ("run:12" or "#12"), or an experiment's stopped runs. */
function runsToResume(app: GraftApp, ref: string): { experimentId: number; runs: RunSummary[]; what: string } {
  const runRef = RUN_REF.exec(ref);
  if (runRef) {
    const run = app.store.getRun(Number(runRef[1]));
    if (!run) throw new UsageError(`no run ${runRef[1]} in ${app.dbPath}`);
    if (run.status !== 'interrupted' && run.status !== 'cancelled' && run.status !== 'failed') {
      throw new UsageError(`run ${run.id} is ${run.status}; only interrupted, cancelled or failed runs can be resumed`);
    }
    return { experimentId: run.experimentId, runs: [run], what: `run ${run.id}` };
  }
  const experiment = findExperimentOrFail(app, ref);
  // Failed runs are left alone unless named one by one: most failed for a reason resuming will not fix.
  const runs = app.store.listRuns({ experimentId: experiment.id, status: ['interrupted', 'cancelled'] });
  return { experimentId: experiment.id, runs, what: `experiment ${experiment.id} (${experiment.name})` };
}

export const resumeCommand: Command = {
  name: 'resume',
  summary: 'Resume interrupted or cancelled runs from their last checkpoint and wait for them.',
  usage: `graft resume EXPERIMENT|run:ID ${TRAINING_USAGE}   (EXPERIMENT: id or exact name; run:ID or #ID: one run, failed ones too)`,
  options: TRAINING_OPTIONS,
  positionals: { min: 1, max: 1 },
  async run({ dbPath, io, values, positionals }) {
    const options = await trainingOptions(values);
    return withApp(dbPath, async (app) => {
      const { experimentId, runs, what } = runsToResume(app, positionals[0] ?? '');
      if (runs.length === 0) {
        io.out(`Nothing to resume in ${what}: no run is interrupted or cancelled.`);
        return 0;
      }
      for (const run of runs) await app.handlers.resumeRun({ runId: run.id });
      io.out(`Resuming ${runs.length} run${runs.length === 1 ? '' : 's'} of ${what}: ${runs.map((r) => `#${r.id} from epoch ${r.epochsDone}`).join(', ')}`);
      const outcome = await trainAndWait(app, [experimentId], io, options);
      if (outcome.interrupted) return 130;
      return outcome.allCompleted ? 0 : 1;
    });
  },
};
