import { compareExperiment } from '../../services/compare.ts';
import { openApp } from '../../app.ts';
import { UsageError, type Command } from '../command.ts';
import { formatTable } from '../table.ts';
import { formatGain, formatMeanStd } from '../../../analysis/format.ts';

export const compareCommand: Command = {
  name: 'compare',
  summary: 'Compare the arms of an experiment: mean ± std over seeds, transfer gain (or Δm).',
  usage: 'graft compare EXPERIMENT [--json]   (EXPERIMENT: id or exact name)',
  options: { json: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run({ dbPath, io, values, positionals }) {
    const app = openApp(dbPath);
    try {
      const ref = positionals[0] ?? '';
      const experiment = app.store.findExperiment(ref);
      if (!experiment) throw new UsageError(`no experiment "${ref}" in ${dbPath} (see "graft list")`);
      const comparison = compareExperiment(app.store, experiment.id);
      if (values.json) {
        io.out(JSON.stringify(comparison, null, 2));
        return 0;
      }
      io.out(`${comparison.experiment.name} (${comparison.experiment.kind}, id ${comparison.experiment.id})`);
      const primary = comparison.primary;
      if (!primary || comparison.arms.length === 0) {
        io.out('No completed runs to compare yet.');
        return 0;
      }
      io.out(`Primary metric: ${primary.key} (${primary.direction === 'max' ? 'higher' : 'lower'} is better)\n`);
      io.out(
        formatTable(
          ['arm', 'budget', 'seeds', primary.key, 'gain vs scratch', ''],
          comparison.arms.map((arm) => {
            const m = arm.metrics[primary.key];
            return [
              arm.name,
              arm.budget,
              String(arm.runs),
              m ? formatMeanStd(m, primary.metric) : '—',
              arm.baseline ? 'baseline' : arm.transferGain ? formatGain(arm.transferGain, primary.metric) : '—',
              arm.transferGain?.negative ? 'NEGATIVE TRANSFER' : '',
            ];
          }),
        ),
      );
      io.out('');
      for (const line of comparison.conventions) io.out(`· ${line}`);
      return 0;
    } finally {
      app.close();
    }
  },
};
