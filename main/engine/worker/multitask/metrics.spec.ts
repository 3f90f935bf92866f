import { describe, expect, it } from 'vitest';
import { accuracy, macroF1, meanAbsoluteError, rootMeanSquaredError } from './metrics.ts';

describe('task metrics', () => {
  it('accuracy and macro-F1 on a hand-computed case', () => {
    const labels = [0, 0, 1, 1, 2];
    const predicted = [0, 1, 1, 1, 0];
    expect(accuracy(predicted, labels)).toBeCloseTo(3 / 5, 12);
    // class 0: tp 1, 2 predicted, 2 true → 2/4; class 1: tp 2, 3 predicted, 2 true → 4/5; class 2: 0.
    expect(macroF1(predicted, labels, 3)).toBeCloseTo((0.5 + 0.8 + 0) / 3, 12);
    // A class in neither labels nor predictions does not count.
    expect(macroF1(predicted, labels, 4)).toBeCloseTo((0.5 + 0.8 + 0) / 3, 12);
  });

  it('MAE and RMSE', () => {
    expect(meanAbsoluteError([1, 2, 3], [2, 2, 5])).toBeCloseTo(1, 12);
    expect(rootMeanSquaredError([1, 2, 3], [2, 2, 5])).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(Number.isNaN(accuracy([], []))).toBe(true);
  });
});
