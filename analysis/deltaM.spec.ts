import { describe, expect, it } from 'vitest';
import { DELTA_M_CONVENTION, deltaM, relativeDelta } from './deltaM.ts';

describe('deltaM (LibMTL convention)', () => {
  it('averages per-task relative changes: +5% and −10% give −2.5%', () => {
    // Task A accuracy: (0.84 − 0.80) / 0.80 = +5%. Task B MAE (lower is better):
    // (10 − 11) / 10 = −10%. Δm = (5 − 10) / 2 = −2.5%.
    const result = deltaM({
      A: { accuracy: { baseline: 0.8, multitask: 0.84, higherIsBetter: true } },
      B: { mae: { baseline: 10, multitask: 11, higherIsBetter: false } },
    });
    expect(result.deltaM).toBeCloseTo(-2.5, 12);
    expect(result.perTaskDelta.A).toBeCloseTo(5, 12);
    expect(result.perTaskDelta.B).toBeCloseTo(-10, 12);
    expect(result.convention).toBe(DELTA_M_CONVENTION);
    expect(result.issues).toEqual([]);
  });

  it('averages metrics within a task before averaging tasks', () => {
    // A: accuracy +5%, F1 (0.45 − 0.50)/0.50 = −10% → A = −2.5%.
    // B: RMSE (2 − 1.5)/2 = +25%. Δm = (−2.5 + 25) / 2 = 11.25% (not (5 − 10 + 25)/3 = 6.67%).
    const result = deltaM({
      A: {
        accuracy: { baseline: 0.8, multitask: 0.84, higherIsBetter: true },
        f1: { baseline: 0.5, multitask: 0.45, higherIsBetter: true },
      },
      B: { rmse: { baseline: 2, multitask: 1.5, higherIsBetter: false } },
    });
    expect(result.perTaskDelta.A).toBeCloseTo(-2.5, 12);
    expect(result.perTaskDelta.B).toBeCloseTo(25, 12);
    expect(result.deltaM).toBeCloseTo(11.25, 12);
  });

  it('is 0 when multi-task matches single-task', () => {
    expect(deltaM({ A: { acc: { baseline: 0.9, multitask: 0.9, higherIsBetter: true } } }).deltaM).toBe(0);
  });

  it('is NaN, with the reason, for a zero baseline', () => {
    const result = deltaM({
      A: { accuracy: { baseline: 0.8, multitask: 0.84, higherIsBetter: true } },
      B: { mae: { baseline: 0, multitask: 1, higherIsBetter: false } },
    });
    expect(result.deltaM).toBeNaN();
    expect(result.perTaskDelta.A).toBeCloseTo(5, 12);
    expect(result.perTaskDelta.B).toBeNaN();
    expect(result.issues).toEqual(['task B, metric mae: baseline is 0, so there is no relative change']);
  });

  it('is NaN for no tasks, a task with no metrics, or a non-finite result', () => {
    expect(deltaM({}).deltaM).toBeNaN();
    const noMetrics = deltaM({ A: {} });
    expect(noMetrics.deltaM).toBeNaN();
    expect(noMetrics.issues).toEqual(['task A: no metrics to compare']);
    const diverged = deltaM({ A: { loss: { baseline: 1, multitask: Number.NaN, higherIsBetter: false } } });
    expect(diverged.deltaM).toBeNaN();
    expect(diverged.issues[0]).toContain('multi-task value');
  });

  it('relativeDelta orients each metric so positive is better', () => {
    expect(relativeDelta({ baseline: 0.5, multitask: 0.6, higherIsBetter: true })).toBeCloseTo(20, 12);
    expect(relativeDelta({ baseline: 0.5, multitask: 0.6, higherIsBetter: false })).toBeCloseTo(-20, 12);
  });

  it('states its convention', () => {
    expect(DELTA_M_CONVENTION).toBe('Δm (LibMTL): positive = better than single-task baselines');
  });
});
