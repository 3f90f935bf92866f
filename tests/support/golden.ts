// The golden comparison of the quick demo: `graft compare --json` of its three experiments and
// every text report format, normalised so that only what a refactor must not change remains
// (wall-clock times, timestamps and per-epoch times are taken out). A refactor keeps these
// byte-identical; a change that means to move a number regenerates them on purpose with
// `GRAFT_GOLDEN_UPDATE=1 npx vitest run tests/golden.test.ts` and says why in its commit.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runGraft } from './graftProcess.ts';

export const GOLDEN_DIR = new URL('../golden/quick-demo/', import.meta.url);
export const GOLDEN_EXPERIMENTS = [1, 2, 3] as const;
export const GOLDEN_REPORT_FORMATS = ['md', 'csv', 'tex', 'html'] as const;

const TIME_KEY = /(wall|seconds|time|per_?sec|createdAt|startedAt|finishedAt|generatedAt)/i;
const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g;
const LOCAL_TIME = /\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?/g;

/** JSON with every time-valued field replaced, keys kept in their order. */
export function normaliseJson(text: string): string {
  const scrub = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(scrub);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, TIME_KEY.test(key) && typeof inner !== 'object' ? '<time>' : scrub(inner)]));
    }
    return value;
  };
  return `${JSON.stringify(scrub(JSON.parse(text)), null, 2)}\n`;
}

/** Text reports: timestamps out; in HTML, embedded images out (their data is in the series CSV). */
export function normaliseText(text: string): string {
  return text.replace(/src="data:[^"]*"/g, 'src="<image>"').replace(ISO_TIME, '<time>').replace(LOCAL_TIME, '<time>');
}

/** The series CSV without its wall-time column and without the rows that are times themselves. */
export function normaliseSeriesCsv(text: string): string {
  const lines = text.split('\n');
  const header = (lines[0] ?? '').split(',');
  const timeColumn = header.indexOf('time');
  const metricColumn = header.indexOf('metric');
  return lines
    .filter((line, index) => index === 0 || !/time|_per_sec/.test(line.split(',')[metricColumn] ?? ''))
    .map((line) => line.split(',').filter((_, column) => column !== timeColumn).join(','))
    .join('\n');
}

function graftOk(args: string[], home: string): string {
  const result = runGraft(args, { GRAFT_HOME: home });
  if (result.code !== 0) throw new Error(`graft ${args.join(' ')} exited ${result.code}:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** Runs the quick demo into `home` and returns the normalised golden files, by name. */
export function produceGolden(home: string, outDir: string): Map<string, string> {
  graftOk(['demo', '--quick'], home);
  const files = new Map<string, string>();
  for (const id of GOLDEN_EXPERIMENTS) {
    files.set(`compare-${id}.json`, normaliseJson(graftOk(['compare', String(id), '--json'], home)));
    for (const format of GOLDEN_REPORT_FORMATS) {
      const out = join(outDir, `report-${id}.${format}`);
      graftOk(['report', String(id), '--format', format, '--out', out], home);
      files.set(`report-${id}.${format}`, normaliseText(readFileSync(out, 'utf8')));
    }
    const series = readdirSync(outDir).find((name) => name === `report-${id}-series.csv`);
    if (series) files.set(series, normaliseSeriesCsv(readFileSync(join(outDir, series), 'utf8')));
  }
  return files;
}
