// The head-to-head demo asks the question on Fashion-MNIST 0–4 → 5–9: scratch, two
// transfer strategies and two multitask weightings, over budgets and seeds.
import { describe, expect, it } from 'vitest';
import { expandRuns, parseSpec } from '../../contract/spec.ts';
import { isTransferArm, type HeadToHeadSpec } from '../../contract/specHeadToHead.ts';
import { fashionHeadToHead } from './demoHeadToHead.ts';
import { demoSpecs } from './demoSpecs.ts';

function spec(quick: boolean): HeadToHeadSpec {
  const parsed = parseSpec(fashionHeadToHead(quick));
  if (!parsed.ok || parsed.spec.kind !== 'head-to-head') throw new Error(JSON.stringify(parsed.ok ? parsed.spec.kind : parsed.errors));
  return parsed.spec;
}

describe('head-to-head demo', () => {
  it.each([true, false])('has scratch, two transfer strategies and two multitask weightings (quick = %s)', (quick) => {
    const s = spec(quick);
    expect(s.target).toEqual({ builtin: 'fashion-mnist', classes: [5, 6, 7, 8, 9] });
    expect(s.sources[0]?.data).toEqual({ builtin: 'fashion-mnist', classes: [0, 1, 2, 3, 4] });
    expect(s.arms.filter(isTransferArm).map((a) => a.strategy)).toEqual(['scratch', 'feature-extraction', 'fine-tune']);
    expect(s.arms.filter((a) => !isTransferArm(a)).map((a) => ('weighting' in a ? a.weighting : ''))).toEqual(['equal', 'uncertainty']);
    expect(s.seeds.length).toBeGreaterThanOrEqual(2);
    expect(demoSpecs(quick)).toContainEqual(fashionHeadToHead(quick));
  });

  it('sweeps several target budgets over 3 seeds in the full demo; the quick one stays small', () => {
    expect(spec(false).budgets).toEqual(['10/class', '50/class', '200/class']);
    expect(spec(false).seeds).toEqual([1, 2, 3]);
    // Quick: 5 arms × 3 seeds × 1 budget + 3 pretraining runs, sized for `graft demo --quick` < 3 min on 2 cores.
    expect(spec(true).seeds).toEqual([1, 2, 3]);
    expect(expandRuns(spec(true))).toHaveLength(18);
  });
});
