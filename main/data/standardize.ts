// Standardizing tabular features with statistics of the training rows only: using all rows
// would let validation and test data shape the inputs, a leak that flatters small datasets.

import { exampleSize } from './rows.ts';
import type { Dataset } from './types.ts';

/** Per input position; one-hot and image positions get mean 0, std 1 (left as they are). */
export interface FeatureStats {
  mean: Float32Array;
  std: Float32Array;
}

/** Mean and population std of each numeric feature over `rows`. */
export function featureStats(ds: Dataset, rows: ArrayLike<number>): FeatureStats {
  const size = exampleSize(ds);
  const mean = new Float32Array(size);
  const std = new Float32Array(size).fill(1);
  const numeric = (ds.features ?? []).flatMap((f, j) => (f.kind === 'numeric' ? [j] : []));
  if (rows.length === 0) return { mean, std };
  for (const j of numeric) {
    let sum = 0;
    for (let i = 0; i < rows.length; i++) sum += ds.x[(rows[i] as number) * size + j]!;
    const m = sum / rows.length;
    let sq = 0;
    for (let i = 0; i < rows.length; i++) sq += (ds.x[(rows[i] as number) * size + j]! - m) ** 2;
    const s = Math.sqrt(sq / rows.length);
    mean[j] = m;
    // A constant column carries no information; keep it finite rather than divide by zero.
    std[j] = s > 1e-12 ? s : 1;
  }
  return { mean, std };
}

/** (x − mean) / std per position, for every row. */
export function applyFeatureStats(ds: Dataset, stats: FeatureStats): Dataset {
  const size = exampleSize(ds);
  const x = new Float32Array(ds.x.length);
  for (let i = 0; i < x.length; i++) x[i] = (ds.x[i]! - stats.mean[i % size]!) / stats.std[i % size]!;
  return { ...ds, x };
}

/** Standardizes numeric features of all rows with the statistics of `trainRows`. Datasets without `features` come back unchanged. */
export function standardizeFeatures(ds: Dataset, trainRows: ArrayLike<number>): { dataset: Dataset; stats: FeatureStats } {
  const stats = featureStats(ds, trainRows);
  return { dataset: ds.features === undefined ? ds : applyFeatureStats(ds, stats), stats };
}
