import { describe, expect, it } from 'vitest';
import { buildSummaryTable } from '../../../../analysis/comparison/summaryTable.ts';
import type { ArmComparison } from '../../../../contract/compare.ts';
import { GAIN_COLUMN, isMarkedBest } from './summary.ts';

function arm(name: string, metrics: Record<string, number>, gain: number | null = null, best: string[] = []): ArmComparison {
  return {
    name,
    budget: 'all',
    strategy: name,
    baseline: name === 'scratch',
    runs: 3,
    seeds: [1, 2, 3],
    metrics: Object.fromEntries(Object.entries(metrics).map(([k, mean]) => [k, { mean, std: 0.01, n: 3 }])),
    transferGain: gain === null ? null : { abs: gain, rel: gain, ci95: [gain - 0.01, gain + 0.01], negative: gain + 0.01 < 0 },
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
  const comparison = (primaryKey: string) => ({
    primary: { task: 't', metric: primaryKey.split('/')[2]!, direction: 'max' as const, key: primaryKey },
    conventions: [],
    arms,
  });
  const metricKeys = (primaryKey: string) => buildSummaryTable(comparison(primaryKey)).columns.flatMap((c) => (c.kind === 'metric' ? [c.key] : []));

  it('orders columns primary first, then test, val, train', () => {
    expect(metricKeys('t/test/accuracy')).toEqual(['t/test/accuracy', 't/val/accuracy', 't/train/loss']);
    expect(metricKeys('t/val/accuracy')[0]).toBe('t/val/accuracy');
  });

  it("shows the comparison's marks per column and ranks nothing itself", () => {
    const table = buildSummaryTable(comparison('t/test/accuracy'));
    const marked = table.columns.flatMap((column, c) => table.rows.flatMap((row) => (row.cells[c]?.best ? [`${row.arm.name} ${column.kind === 'metric' ? column.key : column.kind}`] : [])));
    expect(marked.sort()).toEqual(['fine-tune t/val/accuracy', 'hurt t/train/loss']);
    expect(isMarkedBest(arms[1], 't/val/accuracy')).toBe(true);
    expect(isMarkedBest(arms[1], 't/test/accuracy')).toBe(false);
    expect(isMarkedBest(arms[2], GAIN_COLUMN)).toBe(false);
  });
});
