import { describe, expect, it } from 'vitest';
import { splitDataset, splitIndices } from './split.ts';
import { interleavedLabels, labelledDataset } from '../../tests/support/data/testing.ts';
import type { Dataset } from './types.ts';

const perClass = [200, 100, 50, 37];
const ds = labelledDataset(interleavedLabels(perClass), 4);

function classCounts(d: Dataset, rows: Int32Array): number[] {
  const counts = new Array<number>(4).fill(0);
  for (const r of rows) counts[d.y.label![r]!]! += 1;
  return counts;
}

describe('splitIndices', () => {
  it('is deterministic: same seed → identical indices; another seed → different ones', () => {
    const a = splitIndices(ds, { seed: 7 });
    expect(splitIndices(ds, { seed: 7 })).toEqual(a);
    expect(splitIndices(ds, { seed: 8 }).test).not.toEqual(a.test);
  });

  it('splits are disjoint, ascending, and cover every row', () => {
    const { train, val, test } = splitIndices(ds, { seed: 1, fractions: { train: 0.6, val: 0.2, test: 0.2 } });
    const all = [...train, ...val, ...test];
    expect(new Set(all).size).toBe(ds.n);
    expect(all.length).toBe(ds.n);
    for (const part of [train, val, test]) expect(Array.from(part)).toEqual(Array.from(part).sort((a, b) => a - b));
  });

  it('is stratified: every class is divided in the requested proportions (±1 row from rounding)', () => {
    const { train, val, test } = splitIndices(ds, { seed: 3, fractions: { train: 0.7, val: 0.1, test: 0.2 } });
    const [tr, va, te] = [classCounts(ds, train), classCounts(ds, val), classCounts(ds, test)];
    perClass.forEach((n, c) => {
      expect(Math.abs(te[c]! - n * 0.2)).toBeLessThanOrEqual(1);
      expect(Math.abs(va[c]! - n * 0.1)).toBeLessThanOrEqual(1);
      expect(tr[c]! + va[c]! + te[c]!).toBe(n);
    });
  });

  it('without stratification the split is still deterministic and complete', () => {
    const { train, val, test } = splitIndices(ds, { seed: 3, stratifyBy: false });
    expect(train.length + val.length + test.length).toBe(ds.n);
    expect(test.length).toBe(Math.round(ds.n * 0.1));
  });

  it("keeps a source's official test rows as the test split and divides the rest train:val", () => {
    const testRows = Int32Array.from({ length: 40 }, (_, i) => 300 + i);
    const withTest = { ...ds, testRows };
    const { train, val, test } = splitIndices(withTest, { seed: 5, fractions: { train: 0.8, val: 0.1, test: 0.1 } });
    expect(Array.from(test)).toEqual(Array.from(testRows));
    expect([...train, ...val].some((r) => r >= 300 && r < 340)).toBe(false);
    expect(train.length + val.length).toBe(ds.n - 40);
    expect(Math.abs(val.length / (ds.n - 40) - 1 / 9)).toBeLessThan(0.02);
    const ignored = splitIndices(withTest, { seed: 5, useTestRows: false });
    expect(Array.from(ignored.test)).not.toEqual(Array.from(testRows));
  });

  it('rejects fractions that do not sum to 1', () => {
    expect(() => splitIndices(ds, { seed: 1, fractions: { train: 0.8, val: 0.3, test: 0.1 } })).toThrow(/fractions: split fractions must .* sum to 1/);
  });

  it('splitDataset returns datasets whose rows are the indexed ones', () => {
    const idx = splitIndices(ds, { seed: 2 });
    const parts = splitDataset(ds, { seed: 2 });
    expect(parts.val.n).toBe(idx.val.length);
    expect(parts.val.name).toBe('synthetic/val');
    expect(Array.from(parts.val.x.filter((_, i) => i % 2 === 0))).toEqual(Array.from(idx.val));
    expect(Array.from(parts.val.y.label!)).toEqual(Array.from(idx.val, (r) => ds.y.label![r]!));
  });
});
