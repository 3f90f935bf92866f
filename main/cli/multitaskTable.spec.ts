import { describe, expect, it } from 'vitest';
import type { ArmComparison, ExperimentComparison } from '../../contract/compare.ts';
import { printComparison } from './comparisonTable.ts';

const arm = (name: string, extra: Partial<ArmComparison>): ArmComparison => ({
  name,
  budget: 'all',
  strategy: null,
  baseline: false,
  runs: 3,
  seeds: [1, 2, 3],
  metrics: { 'kind/test/accuracy': { mean: 0.9, std: 0.01, n: 3 }, 'size/test/mae': { mean: 250, std: 12, n: 3 } },
  transferGain: null,
  ...extra,
});

describe('graft compare on a multitask experiment', () => {
  it('prints per-task metrics, Δm under its convention label, per-task Δ and negative transfer', () => {
    const comparison: ExperimentComparison = {
      experiment: { id: 7, name: 'penguins', kind: 'multitask' },
      primary: { task: 'kind', metric: 'accuracy', direction: 'max', key: 'kind/test/accuracy' },
      conventions: ['a convention'],
      arms: [
        arm('single-task', { baseline: true, architecture: 'single-task', weighting: 'equal', deltaM: 0, perTaskDelta: { kind: 0, size: 0 }, negativeTransfer: [] }),
        arm('hard-sharing+mgda', { architecture: 'hard-sharing', weighting: 'mgda', deltaM: -2.5, perTaskDelta: { kind: 7.5, size: -12.5 }, negativeTransfer: ['size'] }),
      ],
      multitask: {
        convention: 'Δm (LibMTL): positive = better than single-task baselines',
        tasks: [
          { name: 'kind', metrics: ['accuracy'], selectedBy: 'accuracy', direction: { accuracy: 'max' } },
          { name: 'size', metrics: ['mae'], selectedBy: 'rmse', direction: { mae: 'min' } },
        ],
      },
    };
    const lines: string[] = [];
    printComparison({ out: (t) => lines.push(t), err: () => {}, isTTY: false }, comparison);
    const text = lines.join('\n');
    expect(text).toContain('Δm (LibMTL): positive = better than single-task baselines');
    expect(text).toMatch(/kind accuracy\s+size mae/);
    expect(text).toMatch(/90\.0% ± 1\.0/);
    expect(text).toMatch(/hard-sharing\+mgda\s+hard-sharing\s+mgda\s+all\s+−2\.50%\s+\+7\.50%\s+−12\.50%\s+NEGATIVE TRANSFER: size/);
    expect(text).toMatch(/single-task\s+single-task\s+equal\s+all\s+baseline/);
  });
});
