import { describe, expect, it } from 'vitest';
import type { Approach, ArmComparison } from '../../../../contract/compare.ts';
import { armColors } from '../../../../analysis/armColors.ts';
import { armsInApproachOrder, bestAtEachBudget, costRatio, formatCost, formatRatio, groupByApproach } from './headToHead.ts';

function arm(name: string, approach: Approach, budget: string, wallSeconds: number | null, samples: number | null = 100): ArmComparison {
  return { name, budget, strategy: null, baseline: approach === 'baseline', runs: 3, seeds: [1, 2, 3], metrics: {}, transferGain: null, approach, cost: { wallSeconds, samples, trainableParams: 1000 } };
}

const arms = [
  arm('fine-tune', 'transfer', '10/class', 20, 5000),
  arm('scratch', 'baseline', '10/class', 2),
  arm('hs+equal', 'multitask', '10/class', 2.05, 4000),
  arm('lp-ft', 'transfer', '10/class', null),
  arm('scratch', 'baseline', '50/class', 4),
];

describe('head-to-head compare layout', () => {
  it('groups arms by approach: baseline, transfer, multi-task, keeping their order', () => {
    expect(groupByApproach(arms).map((g) => [g.approach, g.arms.map((a) => `${a.arm.name}@${a.index}`)])).toEqual([
      ['baseline', ['scratch@1', 'scratch@4']],
      ['transfer', ['fine-tune@0', 'lp-ft@3']],
      ['multitask', ['hs+equal@2']],
    ]);
    expect(armsInApproachOrder(arms)).toEqual(['scratch', 'fine-tune', 'lp-ft', 'hs+equal']);
  });

  it('colours arms by approach family, a shade per arm', () => {
    const colors = armColors(arms);
    expect(colors.get('scratch')).toBe('#8a919b');
    expect(colors.get('fine-tune')).not.toBe(colors.get('lp-ft'));
    expect(colors.get('hs+equal')).toBe('#f28e2b');
  });

  it('gives each cost as a multiple of scratch’s at the same budget', () => {
    expect(costRatio(arms[0]!, arms, 'wallSeconds')).toBe(10);
    expect(costRatio(arms[0]!, arms, 'samples')).toBe(50);
    expect(costRatio(arms[1]!, arms, 'wallSeconds')).toBeNull();
    expect(costRatio(arms[3]!, arms, 'wallSeconds')).toBeNull();
    expect(formatRatio(10)).toBe('×10');
    expect(formatRatio(2.345)).toBe('×2.3');
    expect(formatRatio(1.02)).toBe('');
    expect(formatRatio(null)).toBe('');
  });

  it('writes costs for people', () => {
    expect(formatCost('wallSeconds', 12.34)).toBe('12.3 s');
    expect(formatCost('wallSeconds', 1234.5)).toBe('1235 s');
    expect(formatCost('samples', 15300)).toBe('15,300');
    expect(formatCost('trainableParams', null)).toBe('—');
  });

  it("stars exactly the arms the comparison marked on the key, never re-ranking by mean", () => {
    // analysis/comparison/best.ts decides (within each budget, beyond noise); the layout only reads it.
    const key = 'target/test/accuracy';
    const scored = arms.map((a, i) => ({ ...a, metrics: { [key]: { mean: [0.7, 0.5, 0.6, 0.65, 0.8][i] ?? 0, std: 0, n: 3 } }, best: i === 0 ? [key] : [] }));
    expect(bestAtEachBudget(scored, key)).toEqual(new Set([0]));
    scored.push({ ...scored[4]!, name: 'fine-tune', metrics: { [key]: { mean: 0.9, std: 0, n: 3 } }, best: [key] });
    expect(bestAtEachBudget(scored, key)).toEqual(new Set([0, 5]));
    expect(bestAtEachBudget(scored, 'target/test/loss')).toEqual(new Set());
  });
});
