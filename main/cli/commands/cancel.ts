import { cancelExperiment } from '../../services/cancelExperiment.ts';
import type { Command } from '../command.ts';
import { findExperimentOrFail, withApp } from '../withApp.ts';

export const cancelCommand: Command = {
  name: 'cancel',
  summary: 'Cancel every queued and running run of an experiment (resume them later with the app).',
  usage: 'graft cancel EXPERIMENT [--json]   (EXPERIMENT: id or exact name)',
  options: { json: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  run({ dbPath, io, values, positionals }) {
    return withApp(dbPath, (app) => {
      const experiment = findExperimentOrFail(app, positionals[0] ?? '');
      const result = cancelExperiment(app, experiment.id);
      if (values.json) {
        io.out(JSON.stringify(result, null, 2));
        return 0;
      }
      io.out(
        result.cancelled.length === 0
          ? `Nothing to cancel: no run of "${experiment.name}" is queued or running.`
          : `Cancelled ${result.cancelled.length} run${result.cancelled.length === 1 ? '' : 's'} of "${experiment.name}": ${result.cancelled.map((id) => `#${id}`).join(', ')}.`,
      );
      return 0;
    });
  },
};
