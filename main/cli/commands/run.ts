import { ApiError } from '../../../contract/errors.ts';
import { UsageError, type Command } from '../command.ts';
import { readSpecFile } from '../specFile.ts';
import { resolveSpecPaths } from '../specPaths.ts';
import { trainAndWait } from '../trainAndWait.ts';
import { TRAINING_OPTIONS, TRAINING_USAGE, trainingOptions } from '../trainingOptions.ts';
import { dataNotesLines } from '../dataNotesText.ts';
import { withApp } from '../withApp.ts';

export const runCommand: Command = {
  name: 'run',
  summary: 'Run an experiment spec: train every run with progress bars, then print the comparison.',
  usage: `graft run SPEC.json ${TRAINING_USAGE}`,
  options: TRAINING_OPTIONS,
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
      const outcome = await trainAndWait(app, [started.experimentId], io, options);
      if (outcome.interrupted) return 130;
      return outcome.allCompleted ? 0 : 1;
    });
  },
};
