// Checks a multitask spec's data before anything is stored: a user's CSV is read and every task
// resolved (columns exist, types consistent, regression targets finite), so a bad file is an
// error naming the file, line and column at submit time instead of a queue of failed runs.
// Synchronous because starting an experiment is one synchronous transaction; the shipped
// datasets are known good and not read here.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { MultitaskSpec } from '../../../contract/specMultitask.ts';
import { tasksOf } from '../../../contract/specMultitask.ts';
import { tableToDataset } from '../../data/csv.ts';
import { parseCsv } from '../../data/csvParse.ts';
import { DataError, messageOf } from '../../data/errors.ts';
import { isGzip } from '../../data/files.ts';
import { checkTasks, csvOptionsOf } from './datasets.ts';

function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DataError(code === 'ENOENT' ? 'file not found' : `cannot read file: ${messageOf(err)}`, { file });
  }
  try {
    return (isGzip(bytes) ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch (err) {
    throw new DataError(`corrupt or truncated gzip data: ${messageOf(err)}`, { file });
  }
}

/** Throws a DataError naming what is wrong; returns quietly when the data can be trained on. */
export function preflightMultitask(spec: MultitaskSpec): void {
  const ref = spec.data;
  if (!('csv' in ref)) return;
  const tasks = tasksOf(spec);
  checkTasks(tableToDataset(parseCsv(readText(ref.csv), ref.csv), csvOptionsOf(ref, tasks)), tasks, ref.csv);
}
