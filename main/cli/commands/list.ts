import { stringOption, type Command } from '../command.ts';
import { formatTable } from '../table.ts';
import { readingStore, withApp } from '../withApp.ts';

export const listCommand: Command = {
  name: 'list',
  summary: 'List experiments with their run counts by status.',
  usage: 'graft list [--json] [--search TEXT]',
  options: { json: { type: 'boolean' }, search: { type: 'string' } },
  async run({ dbPath, io, values }) {
    const experiments = await withApp(dbPath, (app) => app.store.listExperiments(stringOption(values, 'search')), readingStore(dbPath));
    if (values.json) {
      io.out(JSON.stringify(experiments, null, 2));
      return 0;
    }
    if (experiments.length === 0) {
      io.out(`No experiments in ${dbPath} yet. Try "graft demo --quick" or "graft run examples/<spec>.json".`);
      return 0;
    }
    io.out(
      formatTable(
        ['id', 'name', 'kind', 'runs', 'done', 'running', 'queued', 'failed', 'created'],
        experiments.map((e) => [
          String(e.id),
          e.name,
          e.kind,
          String(e.runs.total),
          String(e.runs.completed),
          String(e.runs.running),
          String(e.runs.queued),
          String(e.runs.failed + e.runs.interrupted),
          e.createdAt.slice(0, 16).replace('T', ' '),
        ]),
      ),
    );
    return 0;
  },
};
