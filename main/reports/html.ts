// The HTML report: one self-contained file that opens offline and shows the same content as the
// app. Charts are PNG data: URLs, the styles one <style> element allowed by its hash; the CSP
// forbids everything else (scripts, network, forms), so even a string that slipped through
// escaping could not run or load anything. Every user-provided string goes through escapeHtml.
import { createHash } from 'node:crypto';
import { directionWord } from '../../analysis/format.ts';
import type { RenderedChart } from './charts/render.ts';
import { CHART_HEIGHT, CHART_WIDTH } from './charts/render.ts';
import { escapeHtml as e } from './escape.ts';
import type { ReportModel } from './model.ts';
import { configDiffTable, dataNotesTable, environmentTable, reportTitle, runsTable, specText, subtitle, type TextTable } from './sections.ts';
import { buildSummaryTable, type SummaryCell, type SummaryColumn } from '../../analysis/comparison/summaryTable.ts';

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1d1d1f; margin: 0; background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.meta, .notes, figcaption { color: #555; font-size: 12.5px; }
table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e4e4e4; text-align: left; vertical-align: top; overflow-wrap: break-word; }
.wide { overflow-x: auto; }
td.key { white-space: nowrap; }
th { background: #f4f4f6; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.best { font-weight: 700; }
td.negative { color: #b00020; }
.mark { font-size: 11px; margin-left: 4px; }
tr.status-failed td, tr.status-interrupted td { background: #fff3f3; }
pre { background: #f6f6f8; padding: 12px; overflow: auto; font-size: 12px; max-height: 480px; }
figure { margin: 16px 0; break-inside: avoid; }
figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
@media print { main { max-width: none; padding: 0; } pre { max-height: none; } tr { break-inside: avoid; } }
`;

const styleHash = createHash('sha256').update(STYLE).digest('base64');
/** Nothing may load or run: images only from data: URLs, styles only the one above. */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; img-src data:; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'`;

function textTable(id: string, table: TextTable, rowClass?: (row: string[]) => string): string {
  const head = `<thead><tr>${table.header.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>`;
  const body = table.rows
    .map((row) => `<tr${rowClass ? ` class="${e(rowClass(row))}"` : ''}>${row.map((cell) => `<td>${e(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table id="${id}">${head}<tbody>\n${body}\n</tbody></table>`;
}

/** The numbers behind a cell as data- attributes, so a reader (or a test) gets them exactly. */
function dataAttributes(column: SummaryColumn, cell: SummaryCell): string {
  if (column.kind === 'metric' && cell.metric) {
    const m = cell.metric;
    return ` data-key="${e(column.key)}" data-mean="${m.mean}" data-std="${m.std}" data-n="${m.n}"`;
  }
  if (column.kind === 'deltaM' && cell.deltaM !== undefined) return ` data-delta-m="${cell.deltaM}"`;
  if ((column.kind === 'gain' || column.kind === 'vsBaseline') && cell.gain) {
    return ` data-gain-abs="${cell.gain.abs}" data-gain-rel="${cell.gain.rel}" data-negative="${cell.gain.negative}"`;
  }
  return '';
}

function summaryCell(column: SummaryColumn, cell: SummaryCell): string {
  const numeric = column.kind !== 'arm' && column.kind !== 'budget';
  const classes = [numeric ? 'num' : 'key', cell.best ? 'best' : '', cell.negative ? 'negative' : ''].filter(Boolean).join(' ');
  const text = cell.best ? `<strong>${e(cell.text)}</strong>` : e(cell.text);
  const mark = cell.negative ? '<span class="mark">▼ negative transfer</span>' : '';
  return `<td${classes ? ` class="${classes}"` : ''}${dataAttributes(column, cell)}>${text}${mark}</td>`;
}

function summarySection(model: ReportModel): string {
  const { comparison } = model;
  const primary = comparison.primary;
  if (!primary || comparison.arms.length === 0) {
    return '<section id="summary"><h2>Summary</h2><p>No completed runs to compare yet.</p></section>';
  }
  const table = buildSummaryTable(comparison);
  const head = `<thead><tr>${table.columns.map((c) => `<th>${e(c.label)}</th>`).join('')}</tr></thead>`;
  const rows = table.rows.map(
    ({ arm, cells }) =>
      `<tr data-arm="${e(arm.name)}" data-budget="${e(arm.budget)}">${cells.map((cell, i) => summaryCell(table.columns[i] ?? { kind: 'arm', label: '' }, cell)).join('')}</tr>`,
  );
  return `<section id="summary"><h2>Summary</h2>
<p>Primary metric: <strong>${e(primary.key)}</strong> (${e(directionWord(primary.direction))}).</p>
<div class="wide"><table id="summary-table">${head}<tbody>
${rows.join('\n')}
</tbody></table></div>
${table.verdicts.length > 0 ? `<h3>Verdicts</h3><ul id="verdicts">${table.verdicts.map((v) => `<li>${e(v)}</li>`).join('')}</ul>` : ''}
<ul class="notes">${table.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul></section>`;
}

function chartsSection(charts: readonly RenderedChart[]): string {
  if (charts.length === 0) return '';
  const figures = charts.map(
    ({ spec, png }) =>
      `<figure id="${e(spec.id)}"><img src="data:image/png;base64,${png.toString('base64')}" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" alt="${e(spec.title)}"><figcaption>${e(spec.caption)}</figcaption></figure>`,
  );
  return `<section id="charts"><h2>Charts</h2>\n${figures.join('\n')}\n</section>`;
}

export function renderHtml(model: ReportModel, charts: readonly RenderedChart[]): string {
  const question = model.question ? `<p class="question">${e(model.question)}</p>` : '<p class="meta">The spec states no question.</p>';
  const config = model.configDiff.length > 0 ? textTable('config-table', configDiffTable(model)) : '<p>Every run used the same config.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Graft ${e(model.graftVersion)}">
<title>${e(reportTitle(model))} · Graft report</title>
<style>${STYLE}</style>
</head>
<body><main>
<header><h1>${e(reportTitle(model))}</h1><p class="meta">${e(subtitle(model))}</p></header>
<section id="question"><h2>Question</h2>${question}<h3>Spec</h3><pre>${e(specText(model))}</pre></section>
<section id="data"><h2>Data</h2>${model.dataNotes.length > 0 ? textTable('data-notes-table', dataNotesTable(model)) : '<p class="meta">No data notes were recorded.</p>'}</section>
<section id="environment"><h2>Environment</h2>${textTable('environment-table', environmentTable(model))}</section>
${summarySection(model)}
${chartsSection(charts)}
<section id="config"><h2>Config diff</h2><p class="meta">Config fields that differ between the runs, with the arms that used each value.</p>${config}</section>
<section id="runs"><h2>Runs</h2>${textTable('runs-table', runsTable(model), (row) => `status-${row[4] ?? ''}`)}</section>
</main></body>
</html>
`;
}
