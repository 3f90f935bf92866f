import { ApiError } from '../../../contract/errors.ts';
import { UsageError, type Command } from '../command.ts';
import { readSpecFile } from '../specFile.ts';
import { resolveSpecPaths } from '../specPaths.ts';
import { trainAndWait } from '../trainAndWait.ts';
import { TRAINING_OPTIONS, TRAINING_USAGE, trainingOptions } from '../trainingOptions.ts';
import type { RunStore } from '../../../db/store.ts';
import { dataNotesLines, runDataNotesLines } from '../dataNotesText.ts';
import { withApp } from '../withApp.ts';

/** Experiments other than `own` with runs queued in the store now, oldest first. */
function otherQueuedExperiments(store: RunStore, own: number): number[] {
  const ids = store.listRuns({ status: ['queued'] }).map((r) => r.experimentId);
  return [...new Set(ids)].filter((id) => id !== own).sort((a, b) => a - b);
}

export const runCommand: Command = {
  name: 'run',
  summary:
    'Run an experiment spec: train every run with progress bars, then print the comparison and what each run\'s data preparation decided. ' +
    'Only this experiment\'s runs are trained; --also-queued also trains the runs of other experiments already queued in the store (and prints their comparisons).',
  usage: `graft run SPEC.json ${TRAINING_USAGE} [--also-queued]`,
  options: { ...TRAINING_OPTIONS, 'also-queued': { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run({ dbPath, io, values, positionals }) {
    const file = positionals[0] ?? '';
    const { spec, notes: absolutePaths } = await resolveSpecPaths(readSpecFile(file), file);
    const options = await trainingOptions(values);
    return withApp(dbPath, async (app) => {
      let started;
      try {
        started = await app.handlers.startExperiment({ spec });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'invalid-payload') throw new UsageError(`${file}: ${error.message.replace(/^the spec is not valid: /, '')}`);
        throw error;
      }
      io.out(`Experiment ${started.experimentId}: ${started.runIds.length} runs queued in ${dbPath}`);
      app.store.addDataNotes(started.experimentId, absolutePaths);
      for (const line of dataNotesLines(app.store.listDataNotes(started.experimentId))) io.out(line);
      const others = values['also-queued'] === true ? otherQueuedExperiments(app.store, started.experimentId) : [];
      if (others.length > 0) io.out(`Also training the queued runs of experiment${others.length > 1 ? 's' : ''} ${others.join(', ')} (--also-queued)`);
      const experimentIds = [started.experimentId, ...others];
      const outcome = await trainAndWait(app, experimentIds, io, options);
      const runs = experimentIds.flatMap((experimentId) => app.store.listRuns({ experimentId }));
      for (const line of runDataNotesLines(runs.map((run) => ({ run, notes: app.store.listRunDataNotes(run.id) })))) io.out(line);
      if (outcome.interrupted) return 130;
      return outcome.allCompleted ? 0 : 1;
    });
  },
};
