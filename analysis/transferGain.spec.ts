import { describe, expect, it } from 'vitest';
import { transferGain } from './transferGain.ts';

describe('transferGain', () => {
  it('gives absolute and relative gain with the noise of the difference', () => {
    // arm: mean 0.82, sd 0.02; scratch: mean 0.80, sd 0.02; n = 3 each.
    // abs = 0.02; rel = 0.02 / 0.80 = 0.025; noise = √(0.0004/3 + 0.0004/3) = 0.016330.
    const g = transferGain([0.8, 0.82, 0.84], [0.78, 0.8, 0.82], 'max');
    expect(g?.abs).toBeCloseTo(0.02, 12);
    expect(g?.rel).toBeCloseTo(0.025, 12);
    expect(g?.noise).toBeCloseTo(Math.sqrt(0.0008 / 3), 12);
    expect(g).toMatchObject({ negative: false, nArm: 3, nScratch: 3 });
  });

  it('flags negative transfer only beyond the noise', () => {
    // abs = 0.72 − 0.80 = −0.08, well past 0.0163.
    expect(transferGain([0.7, 0.72, 0.74], [0.78, 0.8, 0.82], 'max')?.negative).toBe(true);
    // abs = 0.79 − 0.80 = −0.01, inside 0.0163: a loss the seeds can explain.
    const small = transferGain([0.77, 0.79, 0.81], [0.78, 0.8, 0.82], 'max');
    expect(small?.abs).toBeCloseTo(-0.01, 12);
    expect(small?.negative).toBe(false);
  });

  it('flips the sign for lower-is-better metrics so positive means better', () => {
    // MAE: arm mean 10 (sd 1), scratch 12 (sd 0). abs = −(10 − 12) = 2; rel = 2/12;
    // noise = √(1/3 + 0) = 0.57735.
    const g = transferGain([9, 10, 11], [12, 12, 12], 'min');
    expect(g?.abs).toBe(2);
    expect(g?.rel).toBeCloseTo(1 / 6, 12);
    expect(g?.noise).toBeCloseTo(Math.sqrt(1 / 3), 12);
    expect(g?.negative).toBe(false);
    expect(transferGain([14, 14], [12, 12], 'min')?.negative).toBe(true);
  });

  it('with a single seed on a side has no noise estimate, and claims no negative transfer', () => {
    const g = transferGain([0.79], [0.8], 'max');
    expect(g?.abs).toBeCloseTo(-0.01, 12);
    expect(g?.noise).toBeNaN();
    expect(g?.negative).toBe(false);
    expect(transferGain([0.5], [0.8, 0.81], 'max')?.negative).toBe(false);
    expect(transferGain([0.5, 0.51], [0.8, 0.81], 'max')?.negative).toBe(true);
  });

  it('ignores non-finite seeds and returns null when a side has none', () => {
    expect(transferGain([0.8, Number.NaN], [0.7], 'max')).toMatchObject({ nArm: 1, armMean: 0.8 });
    expect(transferGain([0.8], [], 'max')).toBeNull();
    expect(transferGain([], [0.8], 'max')).toBeNull();
    expect(transferGain([0.8], [Number.NaN], 'max')).toBeNull();
  });

  it('has no relative gain over a zero scratch mean', () => {
    const g = transferGain([0.1], [0], 'max');
    expect(g?.abs).toBe(0.1);
    expect(g?.rel).toBeNaN();
  });
});
