import { describe, expect, it } from 'vitest';
import { expandRuns, parseSpec } from '../../contract/spec.ts';
import { demoSpecs } from './demoSpecs.ts';
import { penguinsMultitask } from './demoMultitask.ts';

describe('the multitask demo', () => {
  it.each([true, false])('is a valid penguins spec with single-task baselines and ≥ 4 weightings over 3 seeds (quick: %s)', (quick) => {
    const parsed = parseSpec(penguinsMultitask(quick));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    if (parsed.spec.kind !== 'multitask') throw new Error('expected multitask');
    expect(parsed.spec.singleTaskBaselines).toBe(true);
    expect(new Set(parsed.spec.arms.map((a) => a.weighting)).size).toBeGreaterThanOrEqual(4);
    expect(parsed.spec.seeds).toEqual([1, 2, 3]);
    const runs = expandRuns(parsed.spec);
    expect(runs.filter((r) => r.arm === 'single-task')).toHaveLength(3);
    if (quick) expect(runs).toHaveLength(5 * 3);
  });

  it('is part of the demo', () => {
    expect(demoSpecs(true).map((s) => (s as { kind: string }).kind)).toContain('multitask');
  });
});
