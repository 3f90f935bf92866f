import { describe, expect, it } from 'vitest';
import { shouldStopEarly, watchEpoch, type ValLossWatch } from './earlyStopping.ts';

const START: ValLossWatch = { bestValLoss: Number.POSITIVE_INFINITY, epochsSinceBest: 0 };

/** The watch after each of these validation losses, in order. */
const after = (losses: number[]) => losses.reduce(watchEpoch, START);

describe('early stopping', () => {
  it('resets on a lower loss and counts epochs without one (ties and NaN do not improve)', () => {
    expect(after([0.9])).toEqual({ bestValLoss: 0.9, epochsSinceBest: 0 });
    expect(after([0.9, 0.7, 0.8, 0.7])).toEqual({ bestValLoss: 0.7, epochsSinceBest: 2 });
    expect(after([0.9, Number.NaN])).toEqual({ bestValLoss: 0.9, epochsSinceBest: 1 });
    expect(after([0.9, 0.95, 0.5])).toEqual({ bestValLoss: 0.5, epochsSinceBest: 0 });
  });

  it('stops once patience is used up, never without patience, and not after the last epoch', () => {
    const stale = after([0.5, 0.6, 0.7]); // 2 epochs without improvement
    expect(shouldStopEarly(stale, 2, 3, 10)).toBe(true);
    expect(shouldStopEarly(stale, 3, 3, 10)).toBe(false);
    expect(shouldStopEarly(stale, undefined, 3, 10)).toBe(false);
    expect(shouldStopEarly(stale, 2, 10, 10)).toBe(false); // finished anyway: not an early stop
  });
});
