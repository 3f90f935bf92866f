// One rule for "best", shown the same way everywhere: on a multi-budget experiment stored in a real
// SQLite file, the comparison marks cells once (ArmComparison.best), and the app's summary layout
// (★), the CLI table (★) and the Markdown, HTML and LaTeX reports (bold) mark exactly those cells.
// The seeds are noisy enough that the top mean at one budget is within noise of the runner-up:
// there the old rule (highest mean) would have marked a cell, and this one marks none.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GAIN_COLUMN } from '../analysis/comparison/bestCells.ts';
import { buildSummaryTable, type SummaryTable } from '../analysis/comparison/summaryTable.ts';
import type { ExperimentComparison } from '../contract/compare.ts';
import { openStore } from '../db/open.ts';
import type { MetricPoint } from '../db/series.ts';
import type { RunStore } from '../db/store.ts';
import { printComparison } from '../main/cli/comparisonTable.ts';
import { renderHtml } from '../main/reports/html.ts';
import { renderLatex } from '../main/reports/latex.ts';
import { renderMarkdown } from '../main/reports/markdown.ts';
import { buildReportModel, reportExperiment, type ReportModel } from '../main/reports/model.ts';
import { compareExperimentRow } from '../main/services/compare.ts';
import { tempDir } from './support/seed.ts';

const SEEDS = [1, 2, 3, 4];
/** Test accuracy per arm and budget. */
const LEVEL: Record<string, Record<string, number>> = {
  scratch: { '10/class': 0.5, all: 0.8 },
  'fine-tune': { '10/class': 0.7, all: 0.9 },
  'lp-ft': { '10/class': 0.69, all: 0.84 },
  'linear-probe': { '10/class': 0.6, all: 0.82 },
};
/**
 * Per budget and arm, each seed's deviation from the level. At 10/class, fine-tune − lp-ft per
 * seed is 0.07, −0.05, 0.05, −0.03: a lead of 0.01 in the mean, far inside its noise.
 */
const NOISE: Record<string, Record<string, number[]>> = {
  '10/class': { scratch: [0.01, -0.01, 0.01, -0.01], 'fine-tune': [0.03, -0.03, 0.02, -0.02], 'lp-ft': [-0.03, 0.03, -0.02, 0.02], 'linear-probe': [0.01, -0.01, 0.01, -0.01] },
  all: { scratch: [0.002, -0.002, 0.001, -0.001], 'fine-tune': [0.002, -0.001, 0.001, -0.002], 'lp-ft': [0.001, -0.002, 0.002, -0.001], 'linear-probe': [0.002, -0.002, 0.001, -0.001] },
};

/**
 * Test macro-F1 with little seed noise (0.001·seed shared, plus 0.001·((seed·|arm name|) mod 5) per
 * arm: identical paired differences would have no spread and mark nothing): a clear best at each
 * budget, a different arm at each.
 */
const F1: Record<string, Record<string, number>> = {
  scratch: { '10/class': 0.5, all: 0.9 },
  'fine-tune': { '10/class': 0.6, all: 0.7 },
  'lp-ft': { '10/class': 0.55, all: 0.75 },
  'linear-probe': { '10/class': 0.8, all: 0.6 },
};

function points(arm: string, budget: string, seed: number): MetricPoint[] {
  const acc = (LEVEL[arm]?.[budget] ?? 0) + (NOISE[budget]?.[arm]?.[seed - 1] ?? 0);
  const at = (split: string, metric: string, value: number): MetricPoint => ({ task: 'target', split, metric, epoch: 0, step: 10, time: 1, value });
  return [at('train', 'loss', 1 - acc + 0.01 * seed), at('val', 'accuracy', acc + 0.005 * seed), at('test', 'accuracy', acc), at('test', 'loss', 1.2 - acc), at('test', 'f1', (F1[arm]?.[budget] ?? 0) + 0.001 * seed + 0.001 * ((seed * arm.length) % 5))];
}

let store: RunStore;
let comparison: ExperimentComparison;
let model: ReportModel;

beforeAll(() => {
  store = openStore(join(tempDir('graft-best-'), 'graft.db'));
  const runs = Object.keys(LEVEL).flatMap((arm) =>
    Object.keys(NOISE).flatMap((budget) => SEEDS.map((seed) => ({ arm, seed, budget, config: { strategy: arm, seed, budget }, epochsPlanned: 1 }))),
  );
  const spec = { version: 1, name: 'best marks', kind: 'transfer', seeds: SEEDS, budgets: Object.keys(NOISE) };
  const { experimentId, runIds } = store.createExperiment({ name: 'best marks', kind: 'transfer', specVersion: 1, spec, runs });
  runIds.forEach((runId, i) => {
    const run = runs[i]!;
    store.markRunning(runId, { pid: process.pid, environment: {} });
    store.appendPoints(runId, points(run.arm, run.budget, run.seed));
    store.setEpochsDone(runId, 1);
    store.setRunStatus(runId, 'completed');
  });
  const experiment = reportExperiment(store, experimentId);
  comparison = compareExperimentRow(store, experiment);
  model = buildReportModel(store, experiment, comparison);
});
afterAll(() => store.close());

const cellId = (arm: string, budget: string, column: string) => `${arm} @ ${budget}: ${column}`;

/** The model's marks, limited to the columns a view shows. */
function modelMarks(columns: ReadonlySet<string>): string[] {
  return comparison.arms.flatMap((a) => (a.best ?? []).filter((c) => columns.has(c)).map((c) => cellId(a.name, a.budget, c))).sort();
}

/** The ids of a summary table's columns (metric key or gain), by position. */
function columnIds(table: SummaryTable): (string | null)[] {
  return table.columns.map((c) => (c.kind === 'metric' ? c.key : c.kind === 'gain' ? GAIN_COLUMN : null));
}

/** Marks read back from a rendered table: rows in the summary table's order, `bold` per cell. */
function renderedMarks(table: SummaryTable, rows: boolean[][]): string[] {
  expect(rows).toHaveLength(table.rows.length);
  const ids = columnIds(table);
  return rows.flatMap((cells, r) => cells.flatMap((bold, c) => (bold ? [cellId(table.rows[r]!.arm.name, table.rows[r]!.arm.budget, ids[c] ?? `column ${c}`)] : []))).sort();
}

const allColumns = (table: SummaryTable) => new Set(columnIds(table).filter((id): id is string => id !== null));

describe('best-marking on a multi-budget experiment', () => {
  it('marks per budget, and only beyond noise', () => {
    const marks = modelMarks(new Set([...comparison.arms.flatMap((a) => Object.keys(a.metrics)), GAIN_COLUMN]));
    // At all labels fine-tune leads by 0.06 with noise ±0.004: marked in the primary and gain columns.
    expect(marks).toContain(cellId('fine-tune', 'all', 'target/test/accuracy'));
    expect(marks).toContain(cellId('fine-tune', 'all', GAIN_COLUMN));
    // At 10/class its lead over lp-ft (0.01) is within noise (±0.04): no mark, though a mean is highest.
    expect(marks.filter((m) => m.includes('@ 10/class: target/test/accuracy'))).toEqual([]);
    expect(marks.filter((m) => m.includes(`@ 10/class: ${GAIN_COLUMN}`))).toEqual([]);
    // Within each budget, not across: F1's best at 10/class is marked though scratch at all beats it.
    expect(marks.filter((m) => m.endsWith('target/test/f1'))).toEqual([cellId('linear-probe', '10/class', 'target/test/f1'), cellId('scratch', 'all', 'target/test/f1')]);
  });

  it("the app's summary table (the model SummaryTable.svelte renders) stars exactly the model's cells", () => {
    // What the app receives over the API: the comparison as JSON, rebuilt into the same table.
    const received = JSON.parse(JSON.stringify(comparison)) as ExperimentComparison;
    const table = buildSummaryTable(received);
    const rows = table.rows.map((row) => row.cells.map((cell) => cell.best));
    expect(renderedMarks(table, rows)).toEqual(modelMarks(allColumns(table)));
  });

  it("the CLI table stars exactly the model's cells in the columns it prints", () => {
    const lines: string[] = [];
    printComparison({ out: (t) => lines.push(...t.split('\n')), err: () => {}, isTTY: false }, comparison);
    const header = lines.findIndex((l) => l.startsWith('arm '));
    const rows = lines.slice(header + 2, header + 2 + comparison.arms.length).map((l) => l.split(/\s{2,}/));
    const columns = [comparison.primary!.key, GAIN_COLUMN];
    const starred = rows.flatMap((cells, r) => columns.flatMap((column, c) => (cells[3 + c]?.endsWith(' ★') ? [cellId(comparison.arms[r]!.name, comparison.arms[r]!.budget, column)] : [])));
    expect(starred.sort()).toEqual(modelMarks(new Set(columns)));
    expect(starred.length).toBeGreaterThan(0);
  });

  it("the Markdown report bolds exactly the model's cells", () => {
    const table = buildSummaryTable(comparison);
    const md = renderMarkdown(model, [], 'files').text.split('\n');
    const header = md.findIndex((l) => l.startsWith('| Arm |'));
    const rows = md.slice(header + 2, header + 2 + table.rows.length).map((l) => l.slice(2, -2).split(' | ').map((cell) => cell.startsWith('**')));
    expect(renderedMarks(table, rows)).toEqual(modelMarks(allColumns(table)));
  });

  it("the HTML report bolds exactly the model's cells", () => {
    const table = buildSummaryTable(comparison);
    const html = renderHtml(model, []);
    const body = /<table id="summary-table">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
    const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<td([^>]*)>/g)].map((td) => /class="[^"]*\bbest\b/.test(td[1]!)));
    expect(renderedMarks(table, rows)).toEqual(modelMarks(allColumns(table)));
  });

  it("the LaTeX table bolds exactly the model's cells among its test columns", () => {
    const table = buildSummaryTable(comparison, { splits: ['test'] });
    const tex = renderLatex(model).split('\n');
    const start = tex.indexOf('\\midrule');
    const end = tex.indexOf('\\bottomrule');
    const rows = tex.slice(start + 1, end).filter((l) => l !== '\\midrule').map((l) => l.replace(/ \\\\$/, '').split(' & ').map((cell) => cell.includes('\\textbf{')));
    expect(renderedMarks(table, rows)).toEqual(modelMarks(allColumns(table)));
  });
});
