import { describe, expect, it } from 'vitest';
import { DataError } from './errors.ts';
import { selectClasses } from './subset.ts';
import { labelledDataset } from '../../tests/support/data/testing.ts';

const labels = [0, 5, 9, 3, 7, 5, 8, 6, 1, 9];
const ds = labelledDataset(labels, 10, { testRows: Int32Array.from([6, 7, 8, 9]) });

describe('selectClasses', () => {
  it('classes 5–9 become labels 0–4, with their names, rows in source order', () => {
    const sub = selectClasses(ds, [5, 6, 7, 8, 9]);
    expect(sub.n).toBe(7);
    expect(Array.from(sub.y.label!)).toEqual([0, 4, 2, 0, 3, 1, 4]);
    expect(sub.tasks[0]!.classes).toEqual(['c5', 'c6', 'c7', 'c8', 'c9']);
    expect(Array.from(sub.x.filter((_, i) => i % 2 === 0))).toEqual([1, 2, 4, 5, 6, 7, 9]);
    // Official test rows are carried over to their new positions.
    expect(Array.from(sub.testRows!)).toEqual([4, 5, 6]);
    expect(sub.notes?.at(-1)).toMatch(/relabelled 5→0, 6→1/);
  });

  it('the order given is the new label order; names work too', () => {
    const sub = selectClasses(ds, ['c9', 'c5']);
    expect(sub.tasks[0]!.classes).toEqual(['c9', 'c5']);
    expect(Array.from(sub.y.label!)).toEqual([1, 0, 1, 0]);
  });

  it('relabel: false keeps original labels and the full class list', () => {
    const sub = selectClasses(ds, [0, 1, 3], { relabel: false });
    expect(Array.from(sub.y.label!)).toEqual([0, 3, 1]);
    expect(sub.tasks[0]!.classes).toHaveLength(10);
  });

  it('unknown or repeated classes are errors that list what exists', () => {
    expect(() => selectClasses(ds, [10])).toThrow(DataError);
    expect(() => selectClasses(ds, ['dog'])).toThrow(/classes: dataset "synthetic" has no class "dog"; expected a label 0..9 or one of: c0, c1/);
    expect(() => selectClasses(ds, [1, 1])).toThrow(/names a class twice/);
  });
});
