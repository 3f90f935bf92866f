import { describe, expect, it } from 'vitest';
import { quantileOfSorted, standardError, summarize, tQuantile975 } from './stats.ts';
import {
  logGamma,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedP,
} from './studentT.ts';

describe('summarize', () => {
  it('gives mean and sample std (n − 1)', () => {
    // Deviations from 5: −3 −1 −1 −1 0 0 2 4; squares sum to 32; 32 / 7 = 4.5714…; √ = 2.13809.
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s).toMatchObject({ n: 8, dropped: 0, mean: 5, min: 2, max: 9 });
    expect(s.std).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it('gives std 0 for one value and NaN for none', () => {
    expect(summarize([3])).toEqual({ n: 1, dropped: 0, mean: 3, std: 0, min: 3, max: 3 });
    const empty = summarize([]);
    expect(empty.n).toBe(0);
    expect(empty.dropped).toBe(0);
    for (const v of [empty.mean, empty.std, empty.min, empty.max]) expect(v).toBeNaN();
  });

  it('drops non-finite values and counts them', () => {
    const s = summarize([1, Number.NaN, 3, Number.POSITIVE_INFINITY]);
    expect(s).toMatchObject({ n: 2, dropped: 2, mean: 2, min: 1, max: 3 });
    expect(s.std).toBeCloseTo(Math.SQRT2, 12);
    const allBad = summarize([Number.NaN, Number.NEGATIVE_INFINITY]);
    expect(allBad.n).toBe(0);
    expect(allBad.dropped).toBe(2);
    expect(allBad.mean).toBeNaN();
  });

  it('keeps its precision when values share many leading digits', () => {
    const s = summarize([1e9 + 1, 1e9 + 2, 1e9 + 3]);
    expect(s.mean).toBe(1e9 + 2);
    expect(s.std).toBeCloseTo(1, 9);
  });

  it('standard error is std / √n', () => {
    expect(standardError(summarize([1, 2, 3, 4, 5]))).toBeCloseTo(Math.sqrt(2.5) / Math.sqrt(5), 12);
    expect(standardError(summarize([7]))).toBe(0);
    expect(standardError(summarize([]))).toBeNaN();
  });
});

describe('tQuantile975', () => {
  // Reference values: standard t tables (and R's qt(0.975, df)).
  it.each([
    [1, 12.7062047361747],
    [2, 4.30265272974946],
    [3, 3.18244630528371],
    [4, 2.77644510519779],
    [5, 2.57058183563631],
    [9, 2.26215716279820],
    [30, 2.04227245630124],
    [100, 1.98397151852355],
    [1000, 1.96233908082641],
  ])('df = %d → %f', (df, expected) => {
    expect(tQuantile975(df)).toBeCloseTo(expected, 10);
  });

  it('tends to the normal 1.959964 for large df', () => {
    expect(tQuantile975(1e6)).toBeCloseTo(1.959966357, 8); // z + (z³ + z) / (4·df)
    expect(tQuantile975(1e9)).toBeCloseTo(1.959963986912, 11); // z + 2.372e-9
    expect(tQuantile975(Number.POSITIVE_INFINITY)).toBeCloseTo(1.95996398454005, 11);
  });

  it('is NaN outside its domain', () => {
    expect(tQuantile975(0)).toBeNaN();
    expect(tQuantile975(-3)).toBeNaN();
    expect(tQuantile975(Number.NaN)).toBeNaN();
  });
});

describe('Student t', () => {
  it('matches the closed forms for df = 1 (Cauchy) and df = 2 at any p', () => {
    for (const p of [0.6, 0.9, 0.995, 0.05]) {
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 9);
      expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 10);
    }
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(1, 7)).toBeNaN();
  });

  it('CDF: Cauchy cdf(1) = 3/4; df = 2 cdf(1) = 1/2 + 1/(2√3)', () => {
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12);
    expect(studentTCdf(1, 2)).toBeCloseTo(0.5 + 1 / (2 * Math.sqrt(3)), 12);
    expect(studentTCdf(-1, 2)).toBeCloseTo(0.5 - 1 / (2 * Math.sqrt(3)), 12);
  });

  it('two-sided p for t = √18, df = 4 (closed form: 1 − (3/4)·√(18/5.5)·(48/66))', () => {
    const expected = 1 - 0.75 * Math.sqrt(18 / 5.5) * (48 / 66);
    expect(expected).toBeCloseTo(0.0132356, 6);
    expect(studentTTwoSidedP(Math.sqrt(18), 4)).toBeCloseTo(expected, 12);
    expect(studentTTwoSidedP(0, 4)).toBe(1);
    expect(studentTTwoSidedP(Number.POSITIVE_INFINITY, 4)).toBe(0);
  });

  it('incomplete beta: I_0.3(2, 3) = Σ_{j=2..4} C(4,j) 0.3^j 0.7^(4−j) = 0.3483', () => {
    expect(regularizedIncompleteBeta(0.3, 2, 3)).toBeCloseTo(0.3483, 12);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(regularizedIncompleteBeta(0.5, -1, 3)).toBeNaN();
  });

  it('log gamma: Γ(5) = 24, Γ(1/2) = √π', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(0.25)).toBeCloseTo(Math.log(3.625609908221908), 12);
  });
});

describe('quantileOfSorted', () => {
  it('interpolates linearly between order statistics (type 7)', () => {
    expect(quantileOfSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12); // position 0.75
    expect(quantileOfSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileOfSorted([5], 0.975)).toBe(5);
    expect(quantileOfSorted([], 0.5)).toBeNaN();
  });
});
