// `graft report`: an experiment's comparison exported as HTML, PDF, Markdown, CSV or LaTeX,
// rendered entirely in Node (the CLI runs where Electron cannot).
import { basename, dirname, resolve } from 'node:path';
import { produceReport } from '../../reports/export.ts';
import { folderProblem, writeReportFiles } from '../../reports/files.ts';
import { FORMAT_INFO, REPORT_FORMATS, formatOfFileName, isReportFormat, suggestedFileName, type ReportFormat } from '../../reports/formats.ts';
import { compareExperimentRow } from '../../services/compare.ts';
import { UsageError, stringOption, type Command } from '../command.ts';
import { findExperimentOrFail, readingStore, withApp } from '../withApp.ts';

const FORMAT_HELP = REPORT_FORMATS.map((f) => `    ${f.padEnd(4)}  ${FORMAT_INFO[f].label}`).join('\n');

export const reportCommand: Command = {
  name: 'report',
  summary: 'Export an experiment\'s comparison as an HTML, PDF, Markdown, CSV or LaTeX report.',
  usage: [
    'graft report EXPERIMENT --format html|pdf|md|csv|tex [--out PATH]   (EXPERIMENT: id or exact name)',
    '',
    '  --format F  one of:',
    FORMAT_HELP,
    '              (default: from the --out extension)',
    '  --out PATH  the report file (default: ./<experiment-name>-report.<ext>); its folder must exist.',
    '              md also writes PATH-without-extension-files/*.png (the charts, linked relatively);',
    '              csv writes PATH (the summary: one row per arm and budget) and',
    '              PATH-without-extension-series.csv (every metric point of every run, long format:',
    '              run,arm,seed,budget,task,split,metric,epoch,step,time,value; never downsampled).',
    '  Files are written whole or not at all (temporary file, then rename); an existing file is replaced.',
  ].join('\n'),
  options: { format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' } },
  positionals: { min: 1, max: 1 },
  async run({ dbPath, io, values, positionals }) {
    const out = stringOption(values, 'out');
    const formatText = stringOption(values, 'format') ?? (out ? formatOfFileName(out) : undefined);
    if (formatText === undefined) throw new UsageError('--format is required (html, pdf, md, csv or tex) when --out does not end in one of those extensions');
    if (!isReportFormat(formatText)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}; got "${formatText}"`);
    const format: ReportFormat = formatText;
    if (out !== undefined && (out === '' || out.endsWith('/') || out.endsWith('\\'))) throw new UsageError(`--out must name a file; got "${out}"`);

    return withApp(dbPath, async (app) => {
      const experiment = findExperimentOrFail(app, positionals[0] ?? '');
      const path = resolve(out ?? suggestedFileName(experiment.name, format));
      const folder = dirname(path);
      const problem = folderProblem(folder);
      if (problem) throw new UsageError(`cannot write ${path}: ${problem}`);
      const output = await produceReport(app.store, experiment, compareExperimentRow(app.store, experiment), format, basename(path));
      const written = writeReportFiles(folder, output);
      io.out(`Wrote the ${format} report of "${experiment.name}":`);
      for (const file of written) io.out(`  ${file}`);
      return 0;
    }, readingStore(dbPath));
  },
};
