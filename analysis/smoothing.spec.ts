import { describe, expect, it } from 'vitest';
import { ema } from './smoothing.ts';

describe('ema (TensorBoard debiased)', () => {
  it('matches a hand computation with weight 0.5', () => {
    // last: 0.5, 1.25, 2.125; debias: 1 − 0.5^k = 0.5, 0.75, 0.875 → 1, 1.6667, 2.428571.
    const out = ema([1, 2, 3], 0.5);
    expect(out[0]).toBeCloseTo(1, 12);
    expect(out[1]).toBeCloseTo(1.25 / 0.75, 12);
    expect(out[2]).toBeCloseTo(2.125 / 0.875, 12);
  });

  it('starts at the first value (the point of debiasing)', () => {
    expect(ema([10, 10.5], 0.9)[0]).toBeCloseTo(10, 12);
  });

  it('passes non-finite values through without disturbing the average', () => {
    const out = ema([1, Number.NaN, 2], 0.5);
    expect(out[0]).toBeCloseTo(1, 12);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(1.25 / 0.75, 12); // as if the NaN were not there
  });

  it('returns raw values for weight 0 and a constant series unchanged', () => {
    expect(ema([3, 1, 2], 0)).toEqual([3, 1, 2]);
    expect(ema([0.1, 0.1, 0.1], 0.9)).toEqual([0.1, 0.1, 0.1]);
    expect(ema([], 0.6)).toEqual([]);
  });

  it('clamps the weight to [0, 0.999] so it never divides by zero', () => {
    const out = ema([1, 2, 3], 1);
    expect(out.every(Number.isFinite)).toBe(true);
    expect(out[0]).toBeCloseTo(1, 9);
    expect(ema([1, 2], -1)).toEqual([1, 2]);
    expect(ema([1, 2], Number.NaN)).toEqual([1, 2]);
  });

  it('does not modify its input', () => {
    const values = [1, 2, 3];
    ema(values, 0.6);
    expect(values).toEqual([1, 2, 3]);
  });
});
