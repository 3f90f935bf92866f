import { describe, expect, it } from 'vitest';
import { standardizeFeatures } from './standardize.ts';
import { labelledDataset } from '../../tests/support/data/testing.ts';
import type { Dataset } from './types.ts';

describe('standardizeFeatures', () => {
  const tabular: Dataset = {
    ...labelledDataset([0, 1, 0, 1], 2),
    x: Float32Array.from([1, 5, 0, 3, 5, 1, 5, 5, 0, 100, 5, 1]), // 4 rows × [num, constant, one-hot]
    inputShape: [3],
    features: [
      { name: 'num', column: 'num', kind: 'numeric' },
      { name: 'const', column: 'const', kind: 'numeric' },
      { name: 'c=a', column: 'c', kind: 'category', level: 'a' },
    ],
  };

  it('uses statistics of the training rows only, applies them to every row', () => {
    const { dataset, stats } = standardizeFeatures(tabular, [0, 1, 2]);
    expect(stats.mean[0]).toBe(3); // mean of 1, 3, 5; the outlier in row 3 is not a train row
    expect(stats.std[0]).toBeCloseTo(Math.sqrt(8 / 3), 5);
    expect(dataset.x[9]).toBeCloseTo((100 - 3) / Math.sqrt(8 / 3), 4);
  });

  it('constant columns keep std 1 (no division by zero); one-hot positions are untouched', () => {
    const { dataset, stats } = standardizeFeatures(tabular, [0, 1, 2]);
    expect(stats.std[1]).toBe(1);
    expect(dataset.x[1]).toBe(0);
    expect([dataset.x[2], dataset.x[5]]).toEqual([0, 1]);
  });

  it('datasets without feature metadata (images) come back unchanged', () => {
    const images = labelledDataset([0, 1], 2);
    expect(standardizeFeatures(images, [0]).dataset).toBe(images);
  });
});
