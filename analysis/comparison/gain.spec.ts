// Gains with their interval, against hand computations.
import { describe, expect, it } from 'vitest';
import { beyondNoise, gainSummary } from './gain.ts';

const bySeed = (values: number[], first = 1) => new Map(values.map((v, i) => [first + i, v]));

describe('gainSummary', () => {
  it('pairs by seed: arm − scratch 0.02, 0.03, 0.04 → +0.03 with 0.03 ± 4.302653·0.01/√3', () => {
    const gain = gainSummary(bySeed([0.8, 0.82, 0.84]), bySeed([0.78, 0.79, 0.8]), 'max');
    expect(gain?.abs).toBeCloseTo(0.03, 12);
    expect(gain?.ci95[0]).toBeCloseTo(0.0051586, 6);
    expect(gain?.ci95[1]).toBeCloseTo(0.0548414, 6);
    expect(gain?.negative).toBe(false);
    expect(beyondNoise(gain!)).toBe(true);
  });

  it('orients a lower-is-better metric: loss 0.5 vs 0.6 is a gain of +0.1, interval flipped', () => {
    // Differences arm − scratch: −0.1, −0.08, −0.12 → mean −0.1, sd 0.02, se 0.011547;
    // half-width 4.302653 · 0.011547 = 0.0496828 → oriented [0.0503172, 0.1496828].
    const gain = gainSummary(bySeed([0.5, 0.52, 0.48]), bySeed([0.6, 0.6, 0.6]), 'min');
    expect(gain?.abs).toBeCloseTo(0.1, 12);
    expect(gain?.ci95[0]).toBeCloseTo(0.0503172, 6);
    expect(gain?.ci95[1]).toBeCloseTo(0.1496828, 6);
  });

  it('calls a worse arm negative only when the interval lies below 0', () => {
    // Unpaired (no shared seeds): Welch, means 0.7 and 0.8 with sd 0.0707107 each over 2 seeds →
    // −0.1 ± 0.304247: within noise, not negative transfer.
    const noisy = gainSummary(bySeed([0.65, 0.75], 1), bySeed([0.75, 0.85], 3), 'max');
    expect(noisy?.abs).toBeCloseTo(-0.1, 12);
    expect(noisy?.ci95[0]).toBeCloseTo(-0.404247, 5);
    expect(noisy?.negative).toBe(false);
    expect(beyondNoise(noisy!)).toBe(false);
    // Paired, differences −0.1, −0.12, −0.08: interval −0.1 ± 0.0496828, below 0.
    const worse = gainSummary(bySeed([0.7, 0.68, 0.72]), bySeed([0.8, 0.8, 0.8]), 'max');
    expect(worse?.negative).toBe(true);
  });

  it('gives no interval from one seed or identical differences, so no claim', () => {
    const single = gainSummary(bySeed([0.9]), bySeed([0.5]), 'max');
    expect(single?.ci95).toEqual([null, null]);
    expect(single?.negative).toBe(false);
    const same = gainSummary(bySeed([0.5, 0.6]), bySeed([0.7, 0.8]), 'max');
    expect(same?.abs).toBeCloseTo(-0.2, 12);
    expect(same?.ci95).toEqual([null, null]);
    expect(same?.negative).toBe(false);
    expect(gainSummary(bySeed([]), bySeed([0.5]), 'max')).toBeNull();
  });
});
