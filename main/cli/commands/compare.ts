import { BOOTSTRAP_MIN_SEEDS } from '../../../analysis/pairedTest.ts';
import { compareExperimentRow } from '../../services/compare.ts';
import type { Command } from '../command.ts';
import { printComparison } from '../comparisonTable.ts';
import { findExperimentOrFail, readingStore, withApp } from '../withApp.ts';

export const compareCommand: Command = {
  name: 'compare',
  summary: 'Compare the arms of an experiment: mean ± std over seeds, transfer gain (or Δm).',
  usage: 'graft compare EXPERIMENT [--json] [--bootstrap]   (EXPERIMENT: id or exact name; --bootstrap: head-to-head verdicts by bootstrap, not the paired t-test, where there are enough seeds for it)',
  options: { json: { type: 'boolean' }, bootstrap: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  run({ dbPath, io, values, positionals }) {
    return withApp(dbPath, (app) => {
      const experiment = findExperimentOrFail(app, positionals[0] ?? '');
      const comparison = compareExperimentRow(app.store, experiment, values.bootstrap ? { verdictMethod: 'bootstrap' } : {});
      const refused = values.bootstrap && (comparison.verdicts ?? []).some((v) => v.method === 'paired-t');
      if (refused) {
        io.err(
          `graft compare: --bootstrap needs at least ${BOOTSTRAP_MIN_SEEDS} paired seeds to be calibrated ` +
            '(below that it names false winners); those verdicts use the paired t-test',
        );
      }
      if (values.json) {
        io.out(JSON.stringify(comparison, null, 2));
        return 0;
      }
      printComparison(io, comparison);
      return 0;
    }, readingStore(dbPath));
  },
};
