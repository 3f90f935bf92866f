// The LaTeX report: a booktabs table of the summary, ready to paste into a paper. Test-split
// metrics only (what papers report), mean ± std over seeds, best per column in bold, negative
// transfer daggered. Needs only the summary, never the runs' series. Every string, user-provided or formatted by Graft, goes through escapeLatex.
import { escapeLatex as e } from './escape.ts';
import type { SummaryModel } from './model.ts';
import { slugOf } from './formats.ts';
import { BEST_RULE } from '../../analysis/comparison/bestCells.ts';
import { buildSummaryTable, type SummaryCell } from '../../analysis/comparison/summaryTable.ts';

function cell(c: SummaryCell): string {
  const text = e(c.text);
  const bold = c.best ? `\\textbf{${text}}` : text;
  return c.negative ? `${bold}$^\\dagger$` : bold;
}

export function renderLatex(model: SummaryModel): string {
  const { comparison } = model;
  const hasTest = comparison.arms.some((a) => Object.keys(a.metrics).some((k) => k.split('/')[1] === 'test'));
  const table = buildSummaryTable(comparison, { splits: hasTest ? ['test'] : undefined });
  const spec = table.columns.map((c) => (c.kind === 'arm' || c.kind === 'budget' ? 'l' : 'r')).join('');
  const seeds = [...new Set(comparison.arms.map((a) => a.runs))].join('/');
  const hasNegative = table.rows.some((r) => r.cells.some((c) => c.negative));
  const caption = [
    `${e(comparison.experiment.name)}: mean $\\pm$ sample std over ${e(seeds || '0')} seeds.`,
    comparison.primary ? `Test values at the epoch with the best validation ${e(comparison.primary.metric)}.` : '',
    table.columns.some((c) => c.kind === 'gain') ? 'Gain = arm $-$ scratch at the same label budget, positive = better.' : '',
    `Bold: ${e(BEST_RULE)}`,
    hasNegative ? '$^\\dagger$Negative transfer: worse than scratch by more than the standard error of the difference.' : '',
  ].filter(Boolean);
  const rows = table.rows.flatMap(({ arm, cells }, i) => [
    ...(i > 0 && table.rows[i - 1]?.arm.budget !== arm.budget ? ['\\midrule'] : []),
    `${cells.map(cell).join(' & ')} \\\\`,
  ]);
  return [
    `% Summary of Graft experiment ${comparison.experiment.id}, generated ${model.generatedAt} by Graft ${model.graftVersion}.`,
    '% Needs \\usepackage{booktabs} in the preamble.',
    '\\begin{table}[t]',
    '\\centering',
    `\\caption{${caption.join(' ')}}`,
    `\\label{tab:graft-${slugOf(comparison.experiment.name)}}`,
    `\\begin{tabular}{${spec}}`,
    '\\toprule',
    `${table.columns.map((c) => e(c.label)).join(' & ')} \\\\`,
    '\\midrule',
    ...(rows.length > 0 ? rows : [`\\multicolumn{${table.columns.length}}{l}{No completed runs to compare yet.} \\\\`]),
    '\\bottomrule',
    '\\end{tabular}',
    '\\end{table}',
    // Head-to-head: the verdicts as the comparison words them, ready to paste below the table.
    ...(table.verdicts.length > 0
      ? ['', '% Verdicts (paired by seed; a winner is named only when the 95% CI excludes 0):', '\\begin{itemize}', ...table.verdicts.map((v) => `  \\item ${e(v)}`), '\\end{itemize}']
      : []),
    '',
  ].join('\n');
}
