import { describe, expect, it } from 'vitest';
import type { ArmComparison } from '../../../../contract/compare.ts';
import type { Series } from '../../../../contract/model.ts';
import { bestDeltaM, conflictCurves, deltaMWorse, deltaTone, formatDelta, inTaskOrder, isDiagnostic, taskWeightCurves } from './multitask.ts';

function arm(name: string, deltaM: number | null, perTaskDelta: Record<string, number | null>, negativeTransfer: string[] = []): ArmComparison {
  return { name, budget: 'all', strategy: null, baseline: name === 'single-task', runs: 2, seeds: [1, 2], metrics: {}, transferGain: null, deltaM, perTaskDelta, negativeTransfer };
}

function series(runId: number, task: string, metric: string, values: number[]): Series {
  return { runId, task, split: 'train', metric, epoch: values.map((_, i) => i), step: values.map((_, i) => i * 10), time: values.map((_, i) => i), value: values };
}

describe('multitask compare layout', () => {
  it('writes a Δ with its sign, a true minus, and no signed zero', () => {
    expect(formatDelta(2.3456)).toBe('+2.35%');
    expect(formatDelta(-0.4)).toBe('−0.40%');
    expect(formatDelta(-0.001)).toBe('0.00%');
    expect(formatDelta(null)).toBe('—');
    expect(formatDelta(Number.NaN)).toBe('—');
  });

  it('tells negative transfer from a task that is worse within the noise', () => {
    const a = arm('hard-sharing+pcgrad', -3, { species: 1, sex: -0.5, mass: -12 }, ['mass']);
    expect(deltaTone(a, 'mass')).toBe('negative-transfer');
    expect(deltaTone(a, 'sex')).toBe('worse');
    // A positive Δ is "better" only where analysis found it beyond noise (#16), else neutral.
    expect(deltaTone(a, 'species')).toBe('none');
    expect(deltaTone({ ...a, betterTasks: ['species'] }, 'species')).toBe('better');
    expect(deltaTone(arm('single-task', 0, { species: 0 }), 'species')).toBe('none');
  });

  it("stars the Δm the comparison marked best, and no other (even a higher one within noise)", () => {
    const arms = [arm('single-task', 0, {}), arm('a', 1.2, {}), { ...arm('b', 3.4, {}), best: ['deltaM'] }, arm('c', null, {})];
    expect(bestDeltaM(arms)).toEqual(new Set([2]));
    expect(bestDeltaM(arms.slice(0, 2))).toEqual(new Set());
  });

  it('keeps task weights and gradient cosines out of the metric curves', () => {
    expect(isDiagnostic({ task: 'species', metric: 'weight' })).toBe(true);
    expect(isDiagnostic({ task: 'species~sex', metric: 'grad_cosine' })).toBe(true);
    expect(isDiagnostic({ task: 'species', metric: 'accuracy' })).toBe(false);
    expect(inTaskOrder(['sex', 'mass', 'species', 'extra'], ['species', 'sex', 'mass'])).toEqual(['species', 'sex', 'mass', 'extra']);
  });

  it('draws task weights per arm (a line per task) and conflicts per task pair (a line per arm)', () => {
    const runs = [
      { id: 1, arm: 'single-task' },
      { id: 2, arm: 'uw' },
      { id: 3, arm: 'uw' },
      { id: 4, arm: 'eq' },
    ];
    const all = [
      series(1, 'a', 'weight', [1, 1]),
      series(2, 'a', 'weight', [1, 2]),
      series(3, 'a', 'weight', [3, 4]),
      series(2, 'b', 'weight', [1, 1]),
      series(4, 'a', 'weight', [1, 1]),
      series(2, 'b~a', 'grad_cosine', [0.1, -0.1]),
      series(4, 'b~a', 'grad_cosine', [0.3, 0.2]),
      series(2, 'a~b', 'grad_cosine', [0.5, 0.5]),
    ];
    const weights = taskWeightCurves(runs, all, (r) => r.arm === 'single-task', { axis: 'epoch', smoothing: 0 }, ['a', 'b']);
    expect(weights.map((w) => [w.arm, w.groups.map((g) => g.key)])).toEqual([
      ['uw', ['a', 'b']],
      ['eq', ['a']],
    ]);
    expect(weights[0]?.groups[0]?.mean.map((p) => p.y)).toEqual([2, 3]);
    const conflicts = conflictCurves(runs, all, (r) => r.arm, { axis: 'epoch', smoothing: 0 }, ['a', 'b']);
    expect(conflicts.map((c) => [c.label, c.groups.map((g) => g.key)])).toEqual([
      ['a ↔ b', ['uw']],
      ['b ↔ a', ['uw', 'eq']],
    ]);
  });
});

describe('deltaMWorse', () => {
  const arm = (deltaM: number, ci95: [number | null, number | null] | null): ArmComparison =>
    ({ name: 'a', budget: 'all', baseline: false, runs: 3, seeds: [1, 2, 3], metrics: {}, transferGain: null, deltaM, deltaMSpread: ci95 ? { std: 1, n: 3, ci95 } : null }) as unknown as ArmComparison;
  it('colours a negative Δm only when its whole interval is below 0', () => {
    expect(deltaMWorse(arm(-2, [-3.5, -0.5]))).toBe(true);
    expect(deltaMWorse(arm(-2, [-5, 1]))).toBe(false);
    expect(deltaMWorse(arm(-2, [null, null]))).toBe(false);
    expect(deltaMWorse(arm(-2, null))).toBe(false);
    expect(deltaMWorse(arm(2, [0.5, 3.5]))).toBe(false);
  });
});
