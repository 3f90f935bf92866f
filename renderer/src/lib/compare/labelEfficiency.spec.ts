import { describe, expect, it } from 'vitest';
import type { ArmComparison } from '../../../../contract/compare.ts';
import { labelEfficiency } from './labelEfficiency.ts';

const KEY = 'target/test/accuracy';
function arm(name: string, budget: string, mean: number): ArmComparison {
  return { name, budget, strategy: name, baseline: false, runs: 2, seeds: [1, 2], metrics: { [KEY]: { mean, std: 0.02, n: 2 } }, transferGain: null };
}

describe('label efficiency', () => {
  it('gives one line per arm with a point per budget, null where the arm has none', () => {
    const result = labelEfficiency([arm('scratch', '50/class', 0.6), arm('scratch', '10/class', 0.4), arm('fine-tune', '50/class', 0.75)], KEY);
    expect(result.budgets).toEqual(['10/class', '50/class']);
    expect(result.lines).toEqual([
      { arm: 'scratch', mean: [0.4, 0.6], std: [0.02, 0.02] },
      { arm: 'fine-tune', mean: [null, 0.75], std: [null, 0.02] },
    ]);
  });
});
