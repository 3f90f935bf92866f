// The datasets Graft ships in data/ (see data/README.md for sources and licenses), loaded by
// name so an experiment spec can say `"data": "fashion-mnist"` and run anywhere.

import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadCsv } from './csv.ts';
import { parseCsv } from './csvParse.ts';
import { DataError } from './errors.ts';
import { readMaybeGzipped } from './files.ts';
import { loadIdxDataset } from './idx.ts';
import { concatDatasets } from './rows.ts';
import type { Dataset } from './types.ts';

export const BUILTIN_NAMES = ['fashion-mnist', 'digits', 'penguins'] as const;
export type BuiltinName = (typeof BUILTIN_NAMES)[number];

export const FASHION_MNIST_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

export interface BuiltinOptions {
  /** The folder holding fashion-mnist/, digits/, penguins/; default the repository's data/. */
  dataDir?: string;
}

/** For listings (CLI, UI): what each shipped dataset holds. */
export const BUILTIN_INFO: Record<BuiltinName, { description: string; rows: number; inputShape: number[]; tasks: string[]; license: string }> = {
  'fashion-mnist': {
    description: 'Fashion-MNIST subset: 28×28 grayscale clothing images; 1,000 train + 200 official-test images per class',
    rows: 12000,
    inputShape: [28, 28, 1],
    tasks: ['label'],
    license: 'MIT (Zalando SE)',
  },
  digits: { description: 'UCI optical handwritten digits, 8×8', rows: 1797, inputShape: [8, 8, 1], tasks: ['digit'], license: 'CC BY 4.0 (Alpaydin & Kaynak)' },
  penguins: {
    description: 'Palmer penguins: island one-hot + 3 measurements; rows with missing values dropped',
    rows: 333,
    inputShape: [6],
    tasks: ['species', 'sex', 'body_mass_g'],
    license: 'CC0 (Horst, Hill & Gorman)',
  },
};

export function defaultDataDir(): string {
  return fileURLToPath(new URL('../../data/', import.meta.url));
}

export async function loadBuiltin(name: BuiltinName, opts: BuiltinOptions = {}): Promise<Dataset> {
  const dir = opts.dataDir ?? defaultDataDir();
  switch (name) {
    case 'fashion-mnist':
      return loadFashionMnist(join(dir, 'fashion-mnist'));
    case 'digits':
      return loadDigits(join(dir, 'digits', 'digits.csv.gz'));
    case 'penguins':
      return loadPenguins(join(dir, 'penguins', 'penguins.csv'));
    default:
      // Names arrive from specs and CLI flags, so check at runtime too.
      throw new DataError(`unknown built-in dataset ${JSON.stringify(name)}; expected one of: ${BUILTIN_NAMES.join(', ')}`, { field: 'name' });
  }
}

/** Train and official test files joined; the test rows are marked so splits keep them as test. */
async function loadFashionMnist(dir: string): Promise<Dataset> {
  const part = (prefix: string) =>
    loadIdxDataset({
      images: join(dir, `${prefix}-images-idx3-ubyte.gz`),
      labels: join(dir, `${prefix}-labels-idx1-ubyte.gz`),
      name: `fashion-mnist/${prefix}`,
      classes: FASHION_MNIST_CLASSES,
    });
  const train = await part('train');
  const test = await part('t10k');
  const ds = concatDatasets([train, test], 'fashion-mnist');
  ds.testRows = Int32Array.from({ length: test.n }, (_, i) => train.n + i);
  ds.notes = [`Fashion-MNIST subset: ${train.n} train rows, ${test.n} official test rows (marked as testRows)`];
  return ds;
}

/** 64 pixel counts 0..16 then the digit, no header; pixels become 0..1 in an 8×8×1 image. */
async function loadDigits(file: string): Promise<Dataset> {
  const table = parseCsv((await readMaybeGzipped(file)).toString('utf8'), file, { header: false });
  if (table.header.length !== 65) throw new DataError(`expected 65 columns (64 pixels and the digit), found ${table.header.length}`, { file });
  const n = table.rows.length;
  const x = new Float32Array(n * 64);
  const y = new Int32Array(n);
  table.rows.forEach((row, r) => {
    row.forEach((cell, j) => {
      const v = Number(cell);
      const max = j < 64 ? 16 : 9;
      if (!Number.isInteger(v) || v < 0 || v > max || cell.trim() === '') {
        throw new DataError(`expected an integer 0..${max} in column ${j + 1}, found ${JSON.stringify(cell)}`, { file, line: table.lines[r]!, column: `col${j + 1}` });
      }
      if (j < 64) x[r * 64 + j] = v / 16;
      else y[r] = v;
    });
  });
  const classes = Array.from({ length: 10 }, (_, i) => String(i));
  return { name: 'digits', n, inputShape: [8, 8, 1], x, tasks: [{ name: 'digit', type: 'classification', classes }], y: { digit: y } };
}

async function loadPenguins(file: string): Promise<Dataset> {
  return loadCsv(file, {
    name: 'penguins',
    targets: ['species', 'sex', 'body_mass_g'],
    // year is left out: it is when a bird was measured, not a property of the bird.
    features: ['island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm'],
    taskTypes: { species: 'classification', sex: 'classification', body_mass_g: 'regression' },
    missing: 'drop',
  });
}
