// The Markdown report: the same sections as HTML, charts as PNG files in a folder beside it
// (OUT.md + OUT-files/curve-1.png), linked relatively so the pair can move together.
// Every user-provided string goes through escapeMarkdown (raw HTML, pipes, emphasis).
import { directionWord } from '../../analysis/format.ts';
import type { RenderedChart } from './charts/render.ts';
import { escapeMarkdown as e } from './escape.ts';
import type { ReportModel } from './model.ts';
import { configDiffTable, dataNotesTable, environmentTable, reportTitle, runsTable, specText, subtitle, type TextTable } from './sections.ts';
import { buildSummaryTable } from '../../analysis/comparison/summaryTable.ts';

export interface MarkdownReport {
  text: string;
  /** Relative to the Markdown file. */
  images: { path: string; png: Buffer }[];
}

function table(header: readonly string[], rows: readonly string[][], align?: readonly ('left' | 'right')[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const rule = header.map((_, i) => (align?.[i] === 'right' ? '---:' : '---'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}

function textTable(t: TextTable): string {
  return table(t.header.map((h) => e(h)), t.rows.map((row) => row.map((cell) => e(cell))));
}

/** A code fence longer than any backtick run inside, so the spec cannot close it early. */
function fenced(text: string, info: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${text}\n${fence}`;
}

function summary(model: ReportModel): string {
  const primary = model.comparison.primary;
  if (!primary || model.comparison.arms.length === 0) return 'No completed runs to compare yet.';
  const t = buildSummaryTable(model.comparison);
  const rows = t.rows.map(({ cells }) =>
    cells.map((cell) => {
      const text = e(cell.text);
      const bold = cell.best ? `**${text}**` : text;
      return cell.negative ? `${bold} ▼ negative transfer` : bold;
    }),
  );
  const align = t.columns.map((c) => (c.kind === 'arm' || c.kind === 'budget' ? 'left' : 'right'));
  return [
    `Primary metric: **${e(primary.key)}** (${directionWord(primary.direction)}).`,
    '',
    table(t.columns.map((c) => e(c.label)), rows, align),
    '',
    ...(t.verdicts.length > 0 ? ['**Verdicts**', '', ...t.verdicts.map((v) => `- ${e(v)}`), ''] : []),
    ...t.notes.map((n) => `- ${e(n)}`),
  ].join('\n');
}

/** `imageDir` is the folder name beside the Markdown file, e.g. "report-files". */
export function renderMarkdown(model: ReportModel, charts: readonly RenderedChart[], imageDir: string): MarkdownReport {
  const images = charts.map(({ spec, png }) => ({ path: `${imageDir}/${spec.id}.png`, png, spec }));
  const figures = images.map(
    ({ path, spec }) => `![${e(spec.title)}](${path.split('/').map(encodeURIComponent).join('/')})\n\n*${e(spec.caption)}*`,
  );
  const sections = [
    `# ${e(reportTitle(model))}`,
    `*${e(subtitle(model))}*`,
    '## Question',
    model.question ? e(model.question, { block: true }) : '*The spec states no question.*',
    '### Spec',
    fenced(specText(model), 'json'),
    '## Data',
    model.dataNotes.length > 0 ? textTable(dataNotesTable(model)) : '*No data notes were recorded.*',
    '## Environment',
    textTable(environmentTable(model)),
    '## Summary',
    summary(model),
    ...(figures.length > 0 ? ['## Charts', ...figures] : []),
    '## Config diff',
    model.configDiff.length > 0 ? textTable(configDiffTable(model)) : 'Every run used the same config.',
    '## Runs',
    textTable(runsTable(model)),
  ];
  return { text: `${sections.join('\n\n')}\n`, images: images.map(({ path, png }) => ({ path, png })) };
}
