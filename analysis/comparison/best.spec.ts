// The best-marking rule against hand-computed intervals: marked only when the 95% interval of
// (best − runner-up) lies above 0, paired by seed where the two share seeds, Welch's otherwise.
import { describe, expect, it } from 'vitest';
import type { ArmComparison } from '../../contract/compare.ts';
import type { ArmGroup } from './arms.ts';
import { bestCandidate, differenceInterval } from './best.ts';
import { markBest } from './bestCells.ts';

const seeds = (values: Record<number, number>) => new Map(Object.entries(values).map(([s, v]) => [Number(s), v]));
const mean = (values: Record<number, number>) => Object.values(values).reduce((a, b) => a + b, 0) / Object.values(values).length;
const candidate = (values: Record<number, number>) => ({ score: mean(values), seeds: seeds(values) });

describe('differenceInterval', () => {
  it('pairs by seed: differences 0.02, 0.03, 0.04 → 0.03 ± t₀.₉₇₅(2)·0.01/√3', () => {
    // sd of the differences 0.01, se = 0.01/√3 = 0.00577350; t₀.₉₇₅(2) = 4.302653 → half-width 0.0248414.
    const interval = differenceInterval(seeds({ 1: 0.8, 2: 0.82, 3: 0.84 }), seeds({ 1: 0.78, 2: 0.79, 3: 0.8 }));
    expect(interval?.method).toBe('paired-t');
    expect(interval?.n).toBe(3);
    expect(interval?.low).toBeCloseTo(0.0051586, 6);
    expect(interval?.high).toBeCloseTo(0.0548414, 6);
  });

  it("uses Welch's interval when the arms share no seeds", () => {
    // means 0.85 and 0.35, each sd 0.0707107 over 2 seeds: se = √(0.0025 + 0.0025) = 0.0707107,
    // Welch df = 0.005² / (0.0025²/1 + 0.0025²/1) = 2 → half-width 4.302653 · 0.0707107 = 0.304247.
    const interval = differenceInterval(seeds({ 1: 0.9, 2: 0.8 }), seeds({ 3: 0.3, 4: 0.4 }));
    expect(interval?.method).toBe('welch-t');
    expect(interval?.low).toBeCloseTo(0.5 - 0.304247, 5);
    expect(interval?.high).toBeCloseTo(0.5 + 0.304247, 5);
  });

  it('has no interval from one seed a side', () => {
    expect(differenceInterval(seeds({ 1: 0.9 }), seeds({ 2: 0.1 }))).toBeNull();
  });

  it('has no interval (so marks nothing) when there is no spread to measure the noise', () => {
    // Every paired difference 0.1: a point "interval" would claim certainty from two seeds.
    const a = seeds({ 1: 0.9, 2: 0.8 });
    const b = seeds({ 1: 0.8, 2: 0.7 });
    expect(differenceInterval(a, b)).toBeNull();
    expect(bestCandidate([{ score: 0.85, seeds: a }, { score: 0.75, seeds: b }])).toBeNull();
    // Unpaired, both sides constant.
    expect(differenceInterval(seeds({ 1: 1, 2: 1 }), seeds({ 3: 0.5, 4: 0.5 }))).toBeNull();
  });
});

describe('bestCandidate', () => {
  it('marks the leader whose lead over the runner-up is beyond noise', () => {
    const runnerUp = candidate({ 1: 0.78, 2: 0.79, 3: 0.8 });
    const last = candidate({ 1: 0.5, 2: 0.5, 3: 0.6 });
    expect(bestCandidate([last, candidate({ 1: 0.8, 2: 0.82, 3: 0.84 }), runnerUp])).toBe(1);
  });

  it('marks nothing when the interval holds 0, though the mean is higher', () => {
    // differences −0.01, 0.09, 0.00: mean 0.0267, sd 0.0551, half-width 4.302653 · 0.0551/√3 = 0.137 > 0.0267.
    expect(bestCandidate([candidate({ 1: 0.8, 2: 0.86, 3: 0.8 }), candidate({ 1: 0.81, 2: 0.77, 3: 0.8 })])).toBeNull();
    // Unpaired: 0.85 vs 0.55 over two seeds each, half-width 0.304 > 0.30.
    expect(bestCandidate([candidate({ 1: 0.9, 2: 0.8 }), candidate({ 3: 0.5, 4: 0.6 })])).toBeNull();
  });

  it('marks nothing for a tie at the top, a lone arm, or single seeds', () => {
    const a = candidate({ 1: 0.9, 2: 0.91, 3: 0.92 });
    expect(bestCandidate([a, { ...a }, candidate({ 1: 0.1, 2: 0.1, 3: 0.2 })])).toBeNull();
    expect(bestCandidate([a])).toBeNull();
    expect(bestCandidate([candidate({ 1: 0.9 }), candidate({ 1: 0.1 })])).toBeNull();
  });
});

describe('markBest', () => {
  const group = (name: string, budget: string, values: Record<string, number[]>): ArmGroup => ({
    name,
    budget,
    strategy: name,
    runs: [],
    values: new Map([1, 2, 3].map((seed, i) => [seed, new Map(Object.entries(values).map(([k, v]) => [k, v[i]!]))])),
  });
  const arm = (g: ArmGroup): ArmComparison => {
    const keys = [...new Set([...g.values.values()].flatMap((v) => [...v.keys()]))];
    const metrics = Object.fromEntries(keys.map((k) => [k, { mean: mean(Object.fromEntries([...g.values].map(([s, v]) => [s, v.get(k)!]))), std: 0, n: 3 }]));
    return { name: g.name, budget: g.budget, strategy: g.name, baseline: false, runs: 3, seeds: [1, 2, 3], metrics, transferGain: null };
  };

  it('decides within each budget, by the metric direction', () => {
    const groups = [
      group('a', '10/class', { 't/test/loss': [0.5, 0.52, 0.54], 't/test/accuracy': [0.7, 0.71, 0.72] }),
      // b's accuracy differs from a's by 0.1, 0.09, 0.105 (not all equal: identical paired
      // differences would have no spread and mark nothing).
      group('b', '10/class', { 't/test/loss': [0.6, 0.62, 0.65], 't/test/accuracy': [0.6, 0.62, 0.615] }),
      // At 'all', b wins accuracy everywhere; a's lower loss is within noise of b's.
      group('a', 'all', { 't/test/loss': [0.3, 0.4, 0.2], 't/test/accuracy': [0.8, 0.81, 0.82] }),
      group('b', 'all', { 't/test/loss': [0.35, 0.3, 0.3], 't/test/accuracy': [0.9, 0.92, 0.91] }),
    ];
    const marked = markBest(groups.map(arm), groups, null).map((a) => a.best);
    expect(marked).toEqual([['t/test/accuracy', 't/test/loss'], [], [], ['t/test/accuracy']]);
  });
});
