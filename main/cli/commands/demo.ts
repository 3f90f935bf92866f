import { intOption, stringOption, type Command } from '../command.ts';
import { checkBackend } from '../backendOption.ts';
import { trainAndWait } from '../trainAndWait.ts';
import { withApp } from '../withApp.ts';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Run the bundled demo experiments (transfer, multi-task, head-to-head) into the store.',
  usage: 'graft demo [--quick] [--backend NAME] [--concurrency N]',
  options: { quick: { type: 'boolean' }, backend: { type: 'string' }, concurrency: { type: 'string' } },
  async run({ dbPath, io, values }) {
    const backend = await checkBackend(stringOption(values, 'backend'));
    const concurrency = intOption(values, 'concurrency', { min: 1, max: 64 });
    return withApp(dbPath, async (app) => {
      const { experimentIds } = await app.handlers.startDemo({ quick: values.quick === true });
      io.out(`Demo: ${experimentIds.length} experiments queued in ${dbPath}`);
      const outcome = await trainAndWait(app, experimentIds, io, { backend, ...(concurrency ? { concurrency } : {}) });
      if (outcome.interrupted) return 130;
      if (outcome.allCompleted) io.out('Open them with "npm start" (or "graft serve"), or compare with "graft compare <id>".');
      return outcome.allCompleted ? 0 : 1;
    });
  },
};
