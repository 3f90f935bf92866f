import { describe, expect, it } from 'vitest';
import { namesWinner, pairedDifference, verdictSentence, type PairedDifference } from './pairedTest.ts';

/** Two arms whose per-seed differences a − b are `diffs`, seeds 1..n. */
function arms(diffs: number[]): [Map<number, number>, Map<number, number>] {
  const a = new Map<number, number>();
  const b = new Map<number, number>();
  diffs.forEach((d, i) => {
    b.set(i + 1, 10 + i);
    a.set(i + 1, 10 + i + d);
  });
  return [a, b];
}

describe('pairedDifference: paired t (n ≥ 5)', () => {
  it('matches the hand computation for diffs [1, 2, 3, 4, 5]', () => {
    // mean 3; sd = √(10/4) = 1.58114; se = sd/√5 = 0.707107; t = 3/0.707107 = 4.24264; df 4;
    // t₀.₉₇₅(4) = 2.776445 → CI 3 ± 1.963243 = [1.036757, 4.963243];
    // p = 1 − (3/4)·√(18/5.5)·(48/66) = 0.0132356 (closed-form t cdf for df = 4).
    const d = pairedDifference(...arms([1, 2, 3, 4, 5]));
    expect(d.method).toBe('paired-t');
    expect(d.n).toBe(5);
    expect(d.meanDiff).toBeCloseTo(3, 12);
    expect(d.ci95[0]).toBeCloseTo(1.036757, 6);
    expect(d.ci95[1]).toBeCloseTo(4.963243, 6);
    expect(d.pValue).toBeCloseTo(0.0132356, 7);
    expect(d.seeds).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives no interval and no p when every difference is the same (#16: it used to give a point and p = 0)', () => {
    for (const same of [[2, 2, 2, 2, 2], [0, 0, 0, 0, 0], [0.5, 0.5]]) {
      for (const method of ['paired-t', 'bootstrap', 'auto'] as const) {
        const d = pairedDifference(...arms(same), { method });
        expect(d.method).toBe('insufficient');
        expect(d.zeroSpread).toBe(true);
        expect(d.meanDiff).toBe(same[0]);
        expect(d.ci95[0]).toBeNaN();
        expect(d.pValue).toBeNaN();
        expect(namesWinner(d)).toBe(false);
      }
    }
    const sentence = verdictSentence({ budgetLabel: '', aName: 'A', bName: 'B', diff: pairedDifference(...arms([0.5, 0.5])), unit: 'points' });
    expect(sentence).toBe('No winner between A and B with 2 seeds: every paired difference is the same, so there is no spread to measure the noise');
  });

  it('pairs only seeds present and finite in both arms, in any Map order', () => {
    const a = new Map([[5, 1], [3, 2], [9, 7], [1, Number.NaN], [2, 3], [4, 4], [6, 5]]);
    const b = new Map([[3, 0], [5, 0], [1, 0], [2, 0], [4, 0], [6, 0], [8, 0]]);
    const d = pairedDifference(a, b);
    expect(d.seeds).toEqual([2, 3, 4, 5, 6]);
    expect(d.n).toBe(5);
    expect(d.meanDiff).toBeCloseTo(3, 12); // diffs 3, 2, 4, 1, 5
  });

  it('can be forced at small n: diffs [1, 2, 3] → 2 ± 4.302653 · 0.57735', () => {
    const d = pairedDifference(...arms([1, 2, 3]), { method: 'paired-t' });
    expect(d.method).toBe('paired-t');
    expect(d.ci95[0]).toBeCloseTo(2 - 4.30265273 / Math.sqrt(3), 6);
    expect(d.ci95[1]).toBeCloseTo(2 + 4.30265273 / Math.sqrt(3), 6);
  });
});

describe('pairedDifference: bootstrap forced at small n (uncalibrated there; comparisons do not offer it)', () => {
  it('for diffs [1, 3] resamples means 1, 2, 3 (¼, ½, ¼): CI [1, 3], p at its floor', () => {
    expect(pairedDifference(...arms([1, 3])).method).toBe('paired-t'); // 'auto' below BOOTSTRAP_MIN_SEEDS
    const d = pairedDifference(...arms([1, 3]), { method: 'bootstrap' });
    expect(d.method).toBe('bootstrap');
    expect(d.meanDiff).toBe(2);
    expect(d.ci95).toEqual([1, 3]);
    expect(d.pValue).toBeCloseTo(2 / 10_001, 12); // no resampled mean ≤ 0
  });

  it('includes 0 when the seeds disagree in sign', () => {
    const d = pairedDifference(...arms([-1, 0.5, 1.5]), { method: 'bootstrap' });
    expect(d.ci95[0]).toBeLessThan(0);
    expect(d.ci95[1]).toBeGreaterThan(0);
    expect(d.pValue).toBeGreaterThan(0.05);
  });

  it('is deterministic; another PRNG seed keeps the CI within the differences', () => {
    const input = arms([0.3, -0.1, 0.7, 0.2]);
    const first = pairedDifference(...input, { method: 'bootstrap' });
    expect(pairedDifference(...input, { method: 'bootstrap' })).toEqual(first);
    const other = pairedDifference(...input, { method: 'bootstrap', seed: 1 });
    expect(other.meanDiff).toBe(first.meanDiff);
    expect(other.ci95[0]).toBeGreaterThanOrEqual(-0.1);
    expect(other.ci95[1]).toBeLessThanOrEqual(0.7);
  });
});

describe('pairedDifference: too few seeds', () => {
  it('is insufficient below 2 paired seeds', () => {
    const one = pairedDifference(...arms([0.4]));
    expect(one.method).toBe('insufficient');
    expect(one.n).toBe(1);
    expect(one.meanDiff).toBeCloseTo(0.4, 12);
    expect(one.ci95[0]).toBeNaN();
    expect(one.pValue).toBeNaN();
    const none = pairedDifference(new Map(), new Map());
    expect(none.n).toBe(0);
    expect(none.meanDiff).toBeNaN();
  });
});

describe('verdictSentence', () => {
  const diff = (meanDiff: number, ci95: [number, number], n: number): PairedDifference => ({
    meanDiff,
    ci95,
    n,
    pValue: 0.01,
    method: n >= 5 ? 'paired-t' : n >= 2 ? 'bootstrap' : 'insufficient',
    seeds: [],
  });
  const base = { budgetLabel: '50 labels per class', aName: 'fine-tune', bName: 'hard-sharing + uncertainty', unit: 'points' } as const;

  it('names the winner when the CI excludes 0', () => {
    expect(verdictSentence({ ...base, diff: diff(0.031, [0.012, 0.05], 5) })).toBe(
      'At 50 labels per class, fine-tune beats hard-sharing + uncertainty by 3.1 points (95% CI 1.2 to 5.0, 5 seeds)',
    );
  });

  it('names B when B is better, with the margin in its favour', () => {
    expect(verdictSentence({ ...base, diff: diff(-0.031, [-0.05, -0.012], 5) })).toBe(
      'At 50 labels per class, hard-sharing + uncertainty beats fine-tune by 3.1 points (95% CI 1.2 to 5.0, 5 seeds)',
    );
  });

  it('says no difference is detectable when the CI contains 0', () => {
    expect(verdictSentence({ ...base, aName: 'X', bName: 'Y', diff: diff(0.005, [-0.01, 0.02], 3) })).toBe(
      'At 50 labels per class, no difference detectable between X and Y with 3 seeds (95% CI \u22121.0 to 2.0)',
    );
  });

  it('uses the metric direction and raw units', () => {
    // MAE, lower is better: a − b = −0.5 means A is 0.5 better.
    const sentence = verdictSentence({
      budgetLabel: 'all labels',
      aName: 'A',
      bName: 'B',
      diff: diff(-0.5, [-0.8, -0.2], 6),
      metricLabel: 'MAE',
      unit: 'raw',
      direction: 'min',
      digits: 2,
    });
    expect(sentence).toBe('At all labels, A beats B on MAE by 0.50 (95% CI 0.20 to 0.80, 6 seeds)');
  });

  it('says when there are too few seeds, and reads well without a budget', () => {
    expect(verdictSentence({ ...base, aName: 'X', bName: 'Y', budgetLabel: '10%', diff: diff(0.1, [Number.NaN, Number.NaN], 1) })).toBe(
      'At 10%, too few seeds to compare X and Y: 1 paired seed, at least 2 needed',
    );
    expect(verdictSentence({ ...base, aName: 'X', bName: 'Y', budgetLabel: '', diff: diff(0, [-0.0001, 0.01], 2) })).toBe(
      'No difference detectable between X and Y with 2 seeds (95% CI 0.0 to 1.0)',
    );
  });

  it('names no winner when the Holm-adjusted p is 0.05 or more, even if the raw CI excludes 0, and gives it', () => {
    expect(verdictSentence({ ...base, diff: diff(0.031, [0.012, 0.05], 5), pAdjusted: 0.06 })).toBe(
      'At 50 labels per class, no difference detectable between fine-tune and hard-sharing + uncertainty with 5 seeds (95% CI 1.2 to 5.0, Holm-adjusted p = 0.060)',
    );
    expect(verdictSentence({ ...base, diff: diff(0.031, [0.012, 0.05], 5), pAdjusted: 0.0004 })).toBe(
      'At 50 labels per class, fine-tune beats hard-sharing + uncertainty by 3.1 points (95% CI 1.2 to 5.0, 5 seeds, Holm-adjusted p ≤ 0.001)',
    );
    expect(namesWinner(diff(0.031, [0.012, 0.05], 5), 0.049)).toBe(true);
    expect(namesWinner(diff(0.031, [0.012, 0.05], 5), 0.05)).toBe(false);
  });
});
