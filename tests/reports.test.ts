// Reports end to end, from a store seeded through the repository: each format's content checked
// against the comparison service and the store, the user strings escaped, the CLI's exit codes.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatGain, formatMeanStd } from '../analysis/format.ts';
import type { ExperimentComparison } from '../contract/compare.ts';
import { openStore } from '../db/open.ts';
import type { RunStore } from '../db/store.ts';
import { produceReport } from '../main/reports/export.ts';
import { reportExperiment } from '../main/reports/model.ts';
import { writeReportFiles } from '../main/reports/files.ts';
import type { ReportFormat } from '../main/reports/formats.ts';
import { seedReportStore, TEX_BREAKER, XSS, type SeededReport } from '../main/reports/testing.ts';
import type { Responses } from '../contract/api.ts';
import { openApp } from '../main/app.ts';
import { compareExperiment } from '../main/services/compare.ts';
import { dispatch } from '../main/services/dispatch.ts';
import { runGraft } from './support/graftProcess.ts';
import { readPdf } from './support/pdf.ts';
import { tempDir } from './support/seed.ts';

let seeded: SeededReport;
let store: RunStore;
let comparison: ExperimentComparison;

beforeAll(() => {
  seeded = seedReportStore();
  store = openStore(seeded.dbPath);
  comparison = compareExperiment(store, seeded.experimentId);
});
afterAll(() => store.close());

async function exported(format: ReportFormat, fileName: string): Promise<{ dir: string; path: string; written: string[] }> {
  const dir = tempDir('graft-report-out-');
  const output = await produceReport(store, reportExperiment(store, seeded.experimentId), comparison, format, fileName);
  const written = writeReportFiles(dir, output);
  return { dir, path: join(dir, fileName), written };
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (html: string) => html.replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m);
const textOf = (html: string) => decode(html.replace(/<[^>]*>/g, ''));
const attributes = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], decode(m[2] ?? '')]));

/** Rows of the table with this id: each cell's attributes and text (a regex parser is enough for our own output). */
function tableRows(html: string, id: string): { attrs: Record<string, string>; cells: { attrs: Record<string, string>; html: string; text: string }[] }[] {
  const table = new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr([^>]*)>([\s\S]*?)<\/tr>/g)].map((row) => ({
    attrs: attributes(row[1] ?? ''),
    cells: [...(row[2] ?? '').matchAll(/<t[hd]([^>]*)>([\s\S]*?)<\/t[hd]>/g)].map((cell) => ({ attrs: attributes(cell[1] ?? ''), html: cell[2] ?? '', text: textOf(cell[2] ?? '') })),
  }));
}

/** RFC 4180, as the CSV report writes it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('HTML report', () => {
  it('shows the comparison\'s numbers, marks best and negative transfer, and escapes every user string', async () => {
    const { path } = await exported('html', 'report.html');
    const html = readFileSync(path, 'utf8');

    const [header, ...rows] = tableRows(html, 'summary-table');
    expect(header?.cells.map((c) => c.text).slice(0, 5)).toEqual(['Arm', 'Budget', 'Seeds', 'target test accuracy', 'Gain vs scratch (target test accuracy)']);
    expect(rows).toHaveLength(comparison.arms.length);
    let metricCells = 0;
    for (const row of rows) {
      const arm = comparison.arms.find((a) => a.name === row.attrs['data-arm'] && a.budget === row.attrs['data-budget']);
      expect(arm, row.attrs['data-arm']).toBeDefined();
      if (!arm) continue;
      expect(row.cells[0]?.text).toBe(arm.name);
      for (const cell of row.cells) {
        const key = cell.attrs['data-key'];
        if (key) {
          const summary = arm.metrics[key];
          expect(summary, key).toBeDefined();
          if (!summary) continue;
          expect(Number(cell.attrs['data-mean'])).toBe(summary.mean);
          expect(Number(cell.attrs['data-std'])).toBe(summary.std);
          expect(Number(cell.attrs['data-n'])).toBe(summary.n);
          expect(cell.text).toBe(formatMeanStd(summary, key.split('/')[2] ?? ''));
          metricCells++;
        }
        if (cell.attrs['data-gain-abs'] !== undefined) {
          expect(Number(cell.attrs['data-gain-abs'])).toBe(arm.transferGain?.abs);
          expect(cell.text.startsWith(formatGain(arm.transferGain ?? { abs: 0, rel: 0 }, 'accuracy'))).toBe(true);
          expect(cell.attrs.class?.includes('negative')).toBe(arm.transferGain?.negative);
          expect(cell.text.includes('negative transfer')).toBe(arm.transferGain?.negative);
        }
      }
      // Best test accuracy within each budget is the fine-tune arm, in bold.
      expect(row.cells[3]?.html.startsWith('<strong>')).toBe(arm.name === 'fine-tune');
    }
    expect(metricCells).toBe(comparison.arms.reduce((n, a) => n + Object.keys(a.metrics).length, 0));
    expect(rows.filter((r) => r.cells.some((c) => c.attrs.class?.includes('negative'))).map((r) => r.attrs['data-arm'])).toEqual([XSS, XSS]);
    for (const convention of comparison.conventions) expect(decode(html)).toContain(convention);

    // Escaping: the strings are there as text, never as markup.
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(decode(html)).toContain(TEX_BREAKER);
    const runs = tableRows(html, 'runs-table');
    expect(runs.slice(1).map((r) => r.cells[1]?.text)).toContain(XSS);
    const failed = runs.find((r) => r.cells[0]?.text === String(seeded.failedRunId));
    expect(failed?.cells[4]?.text).toBe('failed');
    expect(failed?.cells[8]?.text).toBe(`diverged: ${XSS} ${TEX_BREAKER}`);
    expect(runs.find((r) => r.cells[0]?.text === String(seeded.queuedRunId))?.cells[4]?.text).toBe('queued');
    expect(tableRows(html, 'environment-table').map((r) => r.cells.map((c) => c.text))).toContainEqual(['Backend', 'wasm (24 runs); cpu (1 run)']);
    expect(tableRows(html, 'config-table').map((r) => r.cells[0]?.text)).toEqual(expect.arrayContaining(['strategy', 'training.lr']));
  });

  it('is self-contained: charts as data: PNGs, no script, nothing from the network, a strict CSP', async () => {
    const { path } = await exported('html', 'report.html');
    const html = readFileSync(path, 'utf8');
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script|<link|<iframe|@import|url\(/i);
    const images = [...html.matchAll(/<img ([^>]*)>/g)].map((m) => attributes(m[1] ?? ''));
    expect(images.map((i) => i.alt)).toEqual([
      'Label efficiency · target test accuracy',
      ...['train accuracy', 'val accuracy', 'test accuracy', 'train loss', 'val loss', 'test loss'].map((t) => `target · ${t}`),
    ]);
    for (const image of images) {
      expect(image.src?.startsWith('data:image/png;base64,')).toBe(true);
      expect([...Buffer.from(image.src?.slice(22) ?? '', 'base64').subarray(0, 4)]).toEqual([137, 80, 78, 71]);
    }
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'sha256-[A-Za-z0-9+/=]+'; base-uri 'none'; form-action 'none'">/);
  });
});

describe('Markdown report', () => {
  it('links its charts relatively to PNG files beside it, and escapes user strings and pipes', async () => {
    const { dir, path, written } = await exported('md', 'my report.md');
    const md = readFileSync(path, 'utf8');
    const links = [...md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1] ?? '');
    expect(links).toHaveLength(7);
    for (const link of links) {
      expect(link).toMatch(/^my%20report-files\/[\w-]+\.png$/);
      const file = join(dir, decodeURIComponent(link));
      expect([...readFileSync(file).subarray(0, 4)]).toEqual([137, 80, 78, 71]);
    }
    expect(written.slice(1).sort()).toEqual(readdirSync(join(dir, 'my report-files')).map((f) => join(dir, 'my report-files', f)).sort());
    // The spec sits in a code fence, where text is shown as is; everywhere else no raw HTML.
    const fences = [...md.matchAll(/^(`{3,})json\n[\s\S]*?\n\1$/gm)];
    expect(fences).toHaveLength(1);
    expect(md.replace(fences[0]?.[0] ?? '', '')).not.toContain('<img');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(md).toContain('50% &amp; \\$x\\_1\\$ \\#1');
    // Every row of every table has as many unescaped pipes as its header: the note's "|" did not split a cell.
    for (const table of md.split(/\n\n/).filter((block) => block.startsWith('| '))) {
      const counts = table.trimEnd().split('\n').map((line) => line.replace(/\\\|/g, '').split('|').length);
      expect(new Set(counts).size, table.slice(0, 80)).toBe(1);
    }
    expect(md).toContain('note \\| with pipes');
  });
});

describe('CSV report', () => {
  it('writes the summary with the comparison\'s numbers at full precision', async () => {
    const { path } = await exported('csv', 'results.csv');
    const [header = [], ...rows] = parseCsv(readFileSync(path, 'utf8'));
    expect(header.slice(0, 6)).toEqual(['arm', 'budget', 'strategy', 'baseline', 'runs', 'seeds']);
    expect(rows).toHaveLength(comparison.arms.length);
    for (const [i, arm] of comparison.arms.entries()) {
      const row = Object.fromEntries(header.map((h, c) => [h, rows[i]?.[c] ?? '']));
      expect(row.arm).toBe(arm.name);
      expect(row.budget).toBe(arm.budget);
      for (const [key, summary] of Object.entries(arm.metrics)) {
        expect(Number(row[`${key} mean`])).toBe(summary.mean);
        expect(Number(row[`${key} std`])).toBe(summary.std);
      }
      expect(row.gain_abs === '' ? null : Number(row.gain_abs)).toBe(arm.transferGain?.abs ?? null);
      expect(row.negative_transfer).toBe(arm.transferGain ? String(arm.transferGain.negative) : '');
    }
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining([XSS, TEX_BREAKER]));
  });

  it('writes every point of every series beside it, row for row as the store holds them', async () => {
    const { dir } = await exported('csv', 'results.csv');
    const [header, ...rows] = parseCsv(readFileSync(join(dir, 'results-series.csv'), 'utf8'));
    expect(header).toEqual(['run', 'arm', 'seed', 'budget', 'task', 'split', 'metric', 'epoch', 'step', 'time', 'value']);
    const runs = store.listRuns({ experimentId: seeded.experimentId });
    const byId = new Map(runs.map((r) => [r.id, r]));
    const expected = store.readSeries(runs.map((r) => r.id)).flatMap((s) =>
      s.value.map((value, i) => {
        const run = byId.get(s.runId);
        return [s.runId, run?.arm, run?.seed, run?.budget, s.task, s.split, s.metric, s.epoch[i], s.step[i], s.time[i], value].map(String);
      }),
    );
    expect(rows.length).toBe(expected.length);
    expect(rows).toEqual(expected);
    // Full resolution: the per-step train loss keeps all its steps.
    expect(rows.filter((r) => r[0] === String(runs[0]?.id) && r[6] === 'loss' && r[5] === 'train')).toHaveLength(40);
  });
});

describe('LaTeX report', () => {
  it('is a booktabs table with escaped specials, balanced braces and the best per column in bold', async () => {
    const { path } = await exported('tex', 'table.tex');
    const tex = readFileSync(path, 'utf8');
    expect(tex).toContain('\\toprule');
    expect(tex).toContain('\\bottomrule');
    const body = tex.replace(/\\[{}]/g, '');
    let depth = 0;
    for (const c of body) {
      depth += c === '{' ? 1 : c === '}' ? -1 : 0;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
    expect(tex).toContain('50\\% \\& \\$x\\_1\\$ \\#1');
    expect(tex).toContain('\\textless{}img src=x onerror=alert(1)\\textgreater{}');
    // Outside math, no unescaped special character: every & separates a column, every row has the same count.
    const rows = tex.split('\n').filter((line) => line.endsWith('\\\\'));
    const columns = /\\begin\{tabular\}\{(\w+)\}/.exec(tex)?.[1]?.length ?? 0;
    expect(rows).toHaveLength(comparison.arms.length + 1);
    for (const row of rows) expect(row.replace(/\\&/g, '').split('&').length).toBe(columns);
    expect(tex.replace(/\\[%$#_&]/g, '').replace(/\$\\pm\$|\$-\$|\$\^\\dagger\$|\$\\pm\$/g, '').split('\n').filter((l) => !l.startsWith('%')).join('\n')).not.toMatch(/[%#_]|(?<!\\)\$/);
    for (const budget of ['50/class', 'all']) {
      const row = rows.find((r) => r.startsWith(`fine-tune & ${budget} &`));
      const summary = comparison.arms.find((a) => a.name === 'fine-tune' && a.budget === budget)?.metrics['target/test/accuracy'];
      expect(summary).toBeDefined();
      if (summary) expect(row).toContain(`\\textbf{${formatMeanStd(summary, 'accuracy').replace('%', '\\%').replace(' ± ', ' $\\pm$ ')}}`);
    }
    expect(rows.filter((r) => r.includes('$^\\dagger$'))).toHaveLength(2);
  });
});

describe('graft report (CLI)', () => {
  it('writes a paginated PDF whose first page renders', async () => {
    const dir = tempDir('graft-report-pdf-');
    const out = join(dir, 'report.pdf');
    const result = runGraft(['report', seeded.experimentName, '--format', 'pdf', '--out', out, '--db', seeded.dbPath]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(out);
    const pdf = await readPdf(out);
    try {
      expect(pdf.pages).toBeGreaterThanOrEqual(3);
      const png = await pdf.renderPng(1, 60);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.length).toBeGreaterThan(10_000);
      // The text layer carries the numbers and the escaped-nowhere user strings as text.
      const text = await pdf.text(1, 2);
      expect(text).toContain(XSS);
      expect(text).toContain(formatMeanStd(comparison.arms[0]?.metrics['target/test/accuracy'] ?? { mean: 0, std: 0, n: 0 }, 'accuracy'));
    } finally {
      await pdf.close();
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('takes the format from --out and writes the series CSV beside the summary', () => {
    const dir = tempDir('graft-report-csv-');
    const result = runGraft(['report', String(seeded.experimentId), '--out', join(dir, 'out.csv'), '--db', seeded.dbPath]);
    expect(result.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['out-series.csv', 'out.csv']);
  });

  it('exits 2 with usage on an unknown format, and with a clear message on a missing folder', () => {
    const dir = tempDir('graft-report-bad-');
    const format = runGraft(['report', '1', '--format', 'docx', '--out', join(dir, 'r.docx'), '--db', seeded.dbPath]);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format must be one of html, pdf, md, csv, tex; got "docx"/);
    expect(format.stderr).toMatch(/Usage: graft report/);
    const missing = join(dir, 'no', 'such', 'folder', 'r.html');
    const folder = runGraft(['report', '1', '--format', 'html', '--out', missing, '--db', seeded.dbPath]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain(`the folder ${dirname(resolve(missing))} does not exist`);
    expect(existsSync(dirname(missing))).toBe(false);
    const unknown = runGraft(['report', 'no such experiment', '--format', 'md', '--out', join(dir, 'r.md'), '--db', seeded.dbPath]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no experiment "no such experiment"/);
    expect(readdirSync(dir)).toEqual([]);
    const help = runGraft(['report', '--help']);
    expect(help.stdout).toMatch(/PATH-without-extension-series\.csv/);
  });

  it('leaves an existing report untouched when the export fails', () => {
    const dir = tempDir('graft-report-keep-');
    const out = join(dir, 'report.html');
    writeFileSync(out, 'previous report');
    const result = runGraft(['report', 'no such experiment', '--format', 'html', '--out', out, '--db', seeded.dbPath]);
    expect(result.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous report');
  });
});

describe('exportReport (API)', () => {
  it('returns the files as base64 named after the experiment, and validates the format', async () => {
    const app = openApp(seeded.dbPath);
    try {
      const reply = await dispatch(app.handlers, 'exportReport', { experimentId: seeded.experimentId, format: 'csv' });
      expect(reply.ok).toBe(true);
      const result = (reply as { ok: true; result: Responses['exportReport'] }).result;
      expect(result.fileName).toBe('report-img-src-x-onerror-alert-1-50-x-1-1-report.csv');
      expect(result.mimeType).toBe('text/csv');
      expect(Buffer.from(result.base64, 'base64').toString('utf8').split('\r\n')[0]).toMatch(/^arm,budget,strategy/);
      expect(result.attachments.map((a) => a.fileName)).toEqual(['report-img-src-x-onerror-alert-1-50-x-1-1-report-series.csv']);
      const bad = await dispatch(app.handlers, 'exportReport', { experimentId: seeded.experimentId, format: 'docx' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
      const missing = await dispatch(app.handlers, 'exportReport', { experimentId: 999_999, format: 'tex' });
      expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    } finally {
      app.close();
    }
  });
});
