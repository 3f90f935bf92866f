import { describe, expect, it } from 'vitest';
import { applyBudget, formatBudget, parseBudget } from './budget.ts';
import { splitIndices } from './split.ts';
import { interleavedLabels, labelledDataset } from '../../tests/support/data/testing.ts';

const ds = labelledDataset(interleavedLabels([300, 120, 80]), 3);
const { train } = splitIndices(ds, { seed: 11 });

function countPerClass(rows: Int32Array): number[] {
  const counts = [0, 0, 0];
  for (const r of rows) counts[ds.y.label![r]!]! += 1;
  return counts;
}

describe('parseBudget / formatBudget', () => {
  it('parses the three forms and formats them back', () => {
    expect(parseBudget('50/class')).toEqual({ perClass: 50 });
    expect(parseBudget(' 10 / Class ')).toEqual({ perClass: 10 });
    expect(parseBudget('10%')).toEqual({ fraction: 0.1 });
    expect(parseBudget('2.5%')).toEqual({ fraction: 0.025 });
    expect(parseBudget('ALL')).toBe('all');
    for (const text of ['50/class', '10%', '2.5%', '7%', '100%', 'all']) expect(formatBudget(parseBudget(text))).toBe(text);
  });

  it('rejects anything else, saying which forms are accepted', () => {
    for (const bad of ['', '50', 'fifty/class', '0/class', '0%', '150%', '-5%', '1.5/class']) {
      expect(() => parseBudget(bad)).toThrow(/budget: /);
    }
    expect(() => parseBudget('50 per class')).toThrow(/expected "N\/class" \(e\.g\. "50\/class"\), "P%" \(e\.g\. "10%"\) or "all"/);
  });
});

describe('applyBudget', () => {
  it('takes exactly N per class from the train split only', () => {
    const result = applyBudget(ds, train, { perClass: 20 }, { seed: 1 });
    expect(countPerClass(result.rows)).toEqual([20, 20, 20]);
    expect(result).toMatchObject({ count: 60, perClass: [20, 20, 20], shortClasses: [], budget: '20/class' });
    const trainSet = new Set(train);
    for (const r of result.rows) expect(trainSet.has(r)).toBe(true);
  });

  it('is deterministic by seed', () => {
    const a = applyBudget(ds, train, { perClass: 10 }, { seed: 4 }).rows;
    expect(applyBudget(ds, train, { perClass: 10 }, { seed: 4 }).rows).toEqual(a);
    expect(applyBudget(ds, train, { perClass: 10 }, { seed: 5 }).rows).not.toEqual(a);
    // The order the train rows are given in does not matter.
    expect(applyBudget(ds, Int32Array.from(train).reverse(), { perClass: 10 }, { seed: 4 }).rows).toEqual(a);
  });

  it('is nested: a budget with no more rows per class than another selects a subset of it (same seed)', () => {
    const results = ['1/class', '10/class', '50/class', '5%', '25%', 'all'].map((b) => applyBudget(ds, train, parseBudget(b), { seed: 9 }));
    let pairs = 0;
    for (const small of results) {
      for (const large of results) {
        if (!small.perClass!.every((n, c) => n <= large.perClass![c]!)) continue;
        const rows = new Set(large.rows);
        expect(Array.from(small.rows).every((r) => rows.has(r))).toBe(true);
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThanOrEqual(15); // the perClass chain, the fraction chain, and comparable mixed pairs
  });

  it('a budget larger than a class takes all of it and reports the actual count', () => {
    const available = countPerClass(train);
    const result = applyBudget(ds, train, { perClass: 100 }, { seed: 1 });
    expect(result.perClass).toEqual([100, available[1], available[2]]);
    expect(result.count).toBe(100 + available[1]! + available[2]!);
    expect(result.shortClasses).toEqual(['c1', 'c2']);
  });

  it('a fraction is taken per class, keeping the class balance', () => {
    const available = countPerClass(train);
    const result = applyBudget(ds, train, { fraction: 0.1 }, { seed: 1 });
    expect(result.perClass).toEqual(available.map((n) => Math.round(n * 0.1)));
    expect(applyBudget(ds, train, 'all', { seed: 1 }).rows).toEqual(Int32Array.from(train));
  });

  it('regression-only data: fractions work over all rows, per-class budgets are an error', () => {
    const reg = { ...ds, tasks: [{ name: 'v', type: 'regression' as const }], y: { v: new Float32Array(ds.n) } };
    expect(applyBudget(reg, train, { fraction: 0.5 }, { seed: 1 }).count).toBe(Math.round(train.length / 2));
    expect(() => applyBudget(reg, train, { perClass: 5 }, { seed: 1 })).toThrow(/needs a classification task/);
  });
});
