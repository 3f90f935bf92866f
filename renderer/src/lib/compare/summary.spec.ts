import { describe, expect, it } from 'vitest';
import type { ArmComparison } from '../../../../contract/compare.ts';
import { GAIN_COLUMN, bestPerColumn, summaryColumns } from './summary.ts';

function arm(name: string, metrics: Record<string, number>, gain: number | null = null, best: string[] = []): ArmComparison {
  return {
    name,
    budget: 'all',
    strategy: name,
    baseline: name === 'scratch',
    runs: 3,
    seeds: [1, 2, 3],
    metrics: Object.fromEntries(Object.entries(metrics).map(([k, mean]) => [k, { mean, std: 0.01, n: 3 }])),
    transferGain: gain === null ? null : { abs: gain, rel: gain, negative: gain < 0 },
    best,
  };
}

describe('summary table', () => {
  const arms = [
    arm('scratch', { 't/test/accuracy': 0.6, 't/train/loss': 0.5, 't/val/accuracy': 0.62 }),
    // The marks are the comparison's (analysis/comparison/best.ts): here fine-tune's val accuracy
    // and hurt's train loss; the tie on test accuracy and gain is marked nowhere.
    arm('fine-tune', { 't/test/accuracy': 0.72, 't/train/loss': 0.3, 't/val/accuracy': 0.7 }, 0.12, ['t/val/accuracy']),
    arm('feature-extraction', { 't/test/accuracy': 0.72, 't/train/loss': 0.4, 't/val/accuracy': 0.6 }, 0.12),
    arm('hurt', { 't/test/accuracy': 0.5, 't/train/loss': 0.2 }, -0.1, ['t/train/loss']),
  ];

  it('orders columns primary first, then test, val, train', () => {
    expect(summaryColumns(arms, 't/test/accuracy')).toEqual(['t/test/accuracy', 't/val/accuracy', 't/train/loss']);
    expect(summaryColumns(arms, 't/val/accuracy')[0]).toBe('t/val/accuracy');
  });

  it("shows the comparison's marks per column and ranks nothing itself", () => {
    const best = bestPerColumn(arms, summaryColumns(arms, null));
    expect(best.get('t/test/accuracy')).toBeUndefined();
    expect(best.get('t/train/loss')).toEqual(new Set([3]));
    expect(best.get('t/val/accuracy')).toEqual(new Set([1]));
    expect(best.get(GAIN_COLUMN)).toBeUndefined();
  });

  it('marks nothing in a column with fewer than two values', () => {
    expect(bestPerColumn([arms[0] as ArmComparison], ['t/test/accuracy']).size).toBe(0);
  });
});
