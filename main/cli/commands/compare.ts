import { compareExperimentRow } from '../../services/compare.ts';
import type { Command } from '../command.ts';
import { printComparison } from '../comparisonTable.ts';
import { findExperimentOrFail, readingStore, withApp } from '../withApp.ts';

export const compareCommand: Command = {
  name: 'compare',
  summary: 'Compare the arms of an experiment: mean ± std over seeds, transfer gain (or Δm).',
  usage: 'graft compare EXPERIMENT [--json] [--bootstrap]   (EXPERIMENT: id or exact name; --bootstrap: head-to-head verdicts by bootstrap, not the paired t-test)',
  options: { json: { type: 'boolean' }, bootstrap: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  run({ dbPath, io, values, positionals }) {
    return withApp(dbPath, (app) => {
      const experiment = findExperimentOrFail(app, positionals[0] ?? '');
      const comparison = compareExperimentRow(app.store, experiment, values.bootstrap ? { verdictMethod: 'bootstrap' } : {});
      if (values.json) {
        io.out(JSON.stringify(comparison, null, 2));
        return 0;
      }
      printComparison(io, comparison);
      return 0;
    }, readingStore(dbPath));
  },
};
