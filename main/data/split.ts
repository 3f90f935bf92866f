// Deterministic train/val/test splits. The same dataset and seed always give the same rows,
// so every arm and budget of an experiment is scored on the same validation and test rows.

import { DataError } from './errors.ts';
import { deriveSeed, mulberry32, shuffleInPlace } from './random.ts';
import { classCount, classLabels, classificationTask, complementRows, rowsByClass, takeRows } from './rows.ts';
import type { Dataset } from './types.ts';

export interface SplitFractions {
  train: number;
  val: number;
  test: number;
}

export const DEFAULT_FRACTIONS: SplitFractions = { train: 0.8, val: 0.1, test: 0.1 };

export interface SplitOptions {
  seed: number;
  /** Must sum to 1. Default 0.8 / 0.1 / 0.1. */
  fractions?: SplitFractions;
  /**
   * Classification task whose class proportions every split keeps; default the first
   * classification task; false for a plain random split (regression-only data always is).
   */
  stratifyBy?: string | false;
  /**
   * When the dataset has official test rows (`testRows`), they are the test split and the
   * other rows are divided train:val in proportion (fractions.test is ignored). Default true.
   */
  useTestRows?: boolean;
}

/** Row indices of each split, ascending, disjoint. */
export interface SplitIndices {
  train: Int32Array;
  val: Int32Array;
  test: Int32Array;
}

export function splitIndices(ds: Dataset, opts: SplitOptions): SplitIndices {
  const fractions = checkFractions(opts.fractions ?? DEFAULT_FRACTIONS);
  const rng = mulberry32(deriveSeed(opts.seed, 'split'));
  const fixedTest = opts.useTestRows !== false && ds.testRows !== undefined ? ds.testRows : null;
  const pool = fixedTest === null ? allRows(ds.n) : complementRows(ds.n, fixedTest);
  const share =
    fixedTest === null
      ? fractions
      : { train: fractions.train / (fractions.train + fractions.val), val: fractions.val / (fractions.train + fractions.val), test: 0 };

  const task = opts.stratifyBy === false ? null : classificationTask(ds, opts.stratifyBy);
  // Stratify by dividing each class separately, in class order, from one stream.
  const groups = task === null ? [Array.from(pool)] : rowsByClass(classLabels(ds, task), classCount(ds, task), pool);
  const train: number[] = [];
  const val: number[] = [];
  const test: number[] = [];
  for (const group of groups) {
    const rows = shuffleInPlace(group, rng);
    const nTest = Math.round(rows.length * share.test);
    const nVal = Math.min(Math.round(rows.length * share.val), rows.length - nTest);
    test.push(...rows.slice(0, nTest));
    val.push(...rows.slice(nTest, nTest + nVal));
    train.push(...rows.slice(nTest + nVal));
  }
  return {
    train: sortedRows(train),
    val: sortedRows(val),
    test: fixedTest === null ? sortedRows(test) : Int32Array.from(fixedTest).sort(),
  };
}

/** The three splits as datasets, named "<name>/train" etc. */
export function splitDataset(ds: Dataset, opts: SplitOptions): { train: Dataset; val: Dataset; test: Dataset } {
  const idx = splitIndices(ds, opts);
  return {
    train: takeRows(ds, idx.train, `${ds.name}/train`),
    val: takeRows(ds, idx.val, `${ds.name}/val`),
    test: takeRows(ds, idx.test, `${ds.name}/test`),
  };
}

function checkFractions(f: SplitFractions): SplitFractions {
  const parts = [f.train, f.val, f.test];
  if (parts.some((p) => !Number.isFinite(p) || p < 0) || f.train <= 0 || Math.abs(f.train + f.val + f.test - 1) > 1e-9) {
    throw new DataError(
      `split fractions must be non-negative, train > 0, and sum to 1; got train ${f.train}, val ${f.val}, test ${f.test}`,
      { field: 'fractions' },
    );
  }
  return f;
}

function allRows(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

function sortedRows(rows: number[]): Int32Array {
  return Int32Array.from(rows).sort();
}
