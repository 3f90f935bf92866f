// Tabular datasets from CSV: chosen feature columns become the input vector, one or more
// target columns become tasks. Types are inferred per column and can be overridden; every
// error names the file, the line and the column, because a CSV is the input users most often
// get subtly wrong (a stray "n/a", a unit in a number, a shifted column).
//
// Features: numeric columns are kept as raw numbers and flagged in `features`, so the engine
// standardizes them with statistics of the training rows only (`standardizeFeatures`) — doing
// it here would leak validation and test rows into the statistics. Text columns are one-hot
// encoded over their levels in code-point order.

import { DataError } from './errors.ts';
import { readMaybeGzipped } from './files.ts';
import { parseCsv, type CsvTable } from './csvParse.ts';
import type { Dataset, FeatureDef, TaskDef, TaskType } from './types.ts';

export type FeatureKind = FeatureDef['kind'];

export interface CsvOptions {
  /** Target columns, one task each, named after the column. */
  targets: string[];
  /** Feature columns; default every column that is not a target. */
  features?: string[];
  /** Overrides of the inferred task types. */
  taskTypes?: Record<string, TaskType>;
  /** Overrides of the inferred feature kinds, e.g. { year: 'category' }. */
  featureKinds?: Record<string, FeatureKind>;
  /** 'error' (default): a missing value in a used column is an error; 'drop': such rows are dropped and listed in notes. */
  missing?: 'error' | 'drop';
  /** Values that mean "missing" (compared after trimming). Default "", NA, N/A, NaN, nan, null. */
  missingTokens?: string[];
  /** A numeric target whose values are all integers with at most this many levels is classification. Default 20. */
  maxClassLevels?: number;
  /** false when the first line is data; columns are then named col1, col2, …. Default true. */
  header?: boolean;
  /** Default: the file path. */
  name?: string;
}

export const DEFAULT_MISSING_TOKENS = ['', 'NA', 'N/A', 'NaN', 'nan', 'null'];
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Reads a CSV file (gzipped or not) into a dataset. */
export async function loadCsv(file: string, opts: CsvOptions): Promise<Dataset> {
  const bytes = await readMaybeGzipped(file);
  return tableToDataset(parseCsv(bytes.toString('utf8'), file, { header: opts.header }), opts);
}

interface Column {
  name: string;
  index: number;
  role: 'target' | 'feature';
}

export function tableToDataset(table: CsvTable, opts: CsvOptions): Dataset {
  const { file } = table;
  const columns = resolveColumns(table, opts);
  const missingTokens = new Set(opts.missingTokens ?? DEFAULT_MISSING_TOKENS);
  const notes: string[] = [];

  // Rows with a missing value in any used column: an error, or dropped.
  const kept: number[] = [];
  const droppedLines: number[] = [];
  table.rows.forEach((row, r) => {
    const gap = columns.find((col) => missingTokens.has((row[col.index] ?? '').trim()));
    if (gap === undefined) kept.push(r);
    else if (opts.missing === 'drop') droppedLines.push(table.lines[r]!);
    else throw missingError(table, r, gap);
  });
  if (droppedLines.length > 0) notes.push(`dropped ${droppedLines.length} rows with missing values (lines ${droppedLines.join(', ')})`);
  if (kept.length === 0) throw new DataError('no rows left: every row has a missing value in a used column', { file });

  const values = (col: Column) => kept.map((r) => (table.rows[r]![col.index] ?? '').trim());
  const lineOf = (k: number) => table.lines[kept[k]!]!;

  const tasks: TaskDef[] = [];
  const y: Dataset['y'] = {};
  for (const col of columns.filter((c) => c.role === 'target')) {
    const vals = values(col);
    const override = opts.taskTypes?.[col.name];
    const kind = valueKind(vals, col, file, lineOf, override === undefined ? undefined : override === 'regression' ? 'number' : 'text');
    const levels = kind === 'number' ? distinctNumbers(vals) : null;
    const inferred: TaskType =
      kind === 'text' || (levels !== null && levels.every(Number.isInteger) && levels.length <= (opts.maxClassLevels ?? 20)) ? 'classification' : 'regression';
    const type = override ?? inferred;
    if (type === 'regression') {
      y[col.name] = Float32Array.from(vals, Number);
      tasks.push({ name: col.name, type });
    } else {
      const { names, index } = encodeLevels(vals, kind === 'number');
      y[col.name] = Int32Array.from(vals, (v) => index(v));
      tasks.push({ name: col.name, type, classes: names });
    }
    if (override === undefined) notes.push(`task "${col.name}" inferred ${type}${type === 'classification' ? ` (${tasks.at(-1)!.classes!.length} classes)` : ''}`);
  }

  const features: FeatureDef[] = [];
  const encoders: { width: number; write: (k: number, out: Float32Array, at: number) => void }[] = [];
  for (const col of columns.filter((c) => c.role === 'feature')) {
    const vals = values(col);
    const override = opts.featureKinds?.[col.name];
    const kind = valueKind(vals, col, file, lineOf, override === undefined ? undefined : override === 'numeric' ? 'number' : 'text');
    if ((override ?? (kind === 'number' ? 'numeric' : 'category')) === 'numeric') {
      const nums = Float32Array.from(vals, Number);
      encoders.push({ width: 1, write: (k, out, at) => (out[at] = nums[k]!) });
      features.push({ name: col.name, column: col.name, kind: 'numeric' });
    } else {
      const { names, index } = encodeLevels(vals, kind === 'number');
      const codes = Int32Array.from(vals, (v) => index(v));
      encoders.push({ width: names.length, write: (k, out, at) => (out[at + codes[k]!] = 1) });
      for (const level of names) features.push({ name: `${col.name}=${level}`, column: col.name, kind: 'category', level });
    }
  }

  const width = features.length;
  const x = new Float32Array(kept.length * width);
  for (let k = 0; k < kept.length; k++) {
    let at = k * width;
    for (const enc of encoders) {
      enc.write(k, x, at);
      at += enc.width;
    }
  }
  return { name: opts.name ?? file, n: kept.length, inputShape: [width], x, tasks, y, features, notes };
}

function resolveColumns(table: CsvTable, opts: CsvOptions): Column[] {
  const { file, header } = table;
  const find = (name: string, role: Column['role']): Column => {
    const index = header.indexOf(name);
    if (index < 0) {
      throw new DataError(`no column "${name}" (${role}); columns found: ${header.join(', ')}`, { file, column: name, field: role === 'target' ? 'targets' : 'features' });
    }
    return { name, index, role };
  };
  if (opts.targets.length === 0) throw new DataError('name at least one target column', { file, field: 'targets' });
  const targets = opts.targets.map((t) => find(t, 'target'));
  const featureNames = opts.features ?? header.filter((h) => !opts.targets.includes(h));
  const both = featureNames.find((f) => opts.targets.includes(f));
  if (both !== undefined) throw new DataError(`column "${both}" is both a feature and a target`, { file, column: both, field: 'features' });
  if (featureNames.length === 0) throw new DataError('no feature columns: every column is a target', { file, field: 'features' });
  const features = featureNames.map((f) => find(f, 'feature'));
  for (const name of Object.keys(opts.taskTypes ?? {})) {
    if (!opts.targets.includes(name)) throw new DataError(`taskTypes names "${name}", which is not a target column`, { file, column: name, field: 'taskTypes' });
  }
  for (const name of Object.keys(opts.featureKinds ?? {})) {
    if (!featureNames.includes(name)) throw new DataError(`featureKinds names "${name}", which is not a feature column`, { file, column: name, field: 'featureKinds' });
  }
  return [...targets, ...features];
}

/**
 * 'number' when every value is a decimal number, else 'text'. A column declared numeric
 * (regression target, numeric feature) must hold only numbers. An undeclared column mixing
 * numbers and text is an error (usually a typo or a unit left in a number); declared
 * categorical, numbers are just more level names.
 */
function valueKind(vals: string[], col: Column, file: string, lineOf: (k: number) => number, declared: 'number' | 'text' | undefined): 'number' | 'text' {
  let numbers = 0;
  for (const v of vals) if (NUMBER.test(v)) numbers++;
  if (numbers === vals.length) return 'number';
  if (declared === 'number') {
    const k = vals.findIndex((v) => !NUMBER.test(v));
    const role = col.role === 'target' ? 'regression target' : 'numeric feature';
    throw new DataError(`${role} "${col.name}" must be a number; found ${JSON.stringify(vals[k])}`, { file, line: lineOf(k), column: col.name });
  }
  if (numbers === 0 || declared === 'text') return 'text';
  // The minority kind is the likely mistake; report its first occurrence.
  const offendingIsText = numbers >= vals.length - numbers;
  const k = vals.findIndex((v) => NUMBER.test(v) !== offendingIsText);
  const value = vals[k]!;
  throw new DataError(
    `column "${col.name}" mixes numbers and text: ${numbers} of ${vals.length} values are numbers, but this line has ${JSON.stringify(value)}; ` +
      `expected all ${offendingIsText ? 'numbers' : 'text'}${col.role === 'target' ? ' (set its task type to classification to treat every value as a class name)' : ''}`,
    { file, line: lineOf(k), column: col.name },
  );
}

function missingError(table: CsvTable, r: number, col: Column): DataError {
  const value = (table.rows[r]![col.index] ?? '').trim();
  return new DataError(
    `missing value ${value === '' ? '(empty)' : JSON.stringify(value)} in ${col.role} column "${col.name}"; expected a value on every row, or load with missing: 'drop'`,
    { file: table.file, line: table.lines[r]!, column: col.name },
  );
}

function distinctNumbers(vals: string[]): number[] {
  return [...new Set(vals.map(Number))].sort((a, b) => a - b);
}

/** Level names in a stable order (numeric order for numbers, code-point order for text) and a value → index map. */
function encodeLevels(vals: string[], numeric: boolean): { names: string[]; index: (v: string) => number } {
  if (numeric) {
    const levels = distinctNumbers(vals);
    const at = new Map(levels.map((l, i) => [l, i]));
    return { names: levels.map(String), index: (v) => at.get(Number(v))! };
  }
  const levels = [...new Set(vals)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const at = new Map(levels.map((l, i) => [l, i]));
  return { names: levels, index: (v) => at.get(v)! };
}
