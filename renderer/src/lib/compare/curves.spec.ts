import { describe, expect, it } from 'vitest';
import type { Series } from '../../../../contract/model.ts';
import { curveGroups, metricKeys, smooth } from './curves.ts';

function series(runId: number, values: number[], extra: Partial<Series> = {}): Series {
  return {
    runId,
    task: 'target',
    split: 'val',
    metric: 'accuracy',
    epoch: values.map((_, i) => i),
    step: values.map((_, i) => (i + 1) * 10),
    time: values.map((_, i) => (i + 1) * runId),
    value: values,
    ...extra,
  };
}

const runs = [
  { id: 1, arm: 'scratch' },
  { id: 2, arm: 'scratch' },
  { id: 3, arm: 'fine-tune' },
];

describe('curveGroups', () => {
  it('groups runs by key with the mean ± sample std across seeds per epoch', () => {
    const groups = curveGroups(runs, [series(1, [0.4, 0.6]), series(2, [0.6, 0.8]), series(3, [0.7, 0.9])], (r) => r.arm, { axis: 'epoch', smoothing: 0 });
    expect(groups.map((g) => g.key)).toEqual(['scratch', 'fine-tune']);
    const scratch = groups[0];
    expect(scratch?.mean.map((p) => p.x)).toEqual([0, 1]);
    expect(scratch?.mean[0]?.y).toBeCloseTo(0.5, 12);
    // std of (0.4, 0.6) = √(0.02 / 1) ≈ 0.1414
    expect(scratch?.upper[0]?.y).toBeCloseTo(0.5 + Math.SQRT2 / 10, 12);
    expect(scratch?.lower[1]?.y).toBeCloseTo(0.7 - Math.SQRT2 / 10, 12);
    expect(scratch?.runs.map((r) => r.runId)).toEqual([1, 2]);
    // One seed: no spread.
    expect(groups[1]?.upper).toEqual(groups[1]?.mean);
  });

  it('puts points on the chosen x-axis: step, or wall time averaged per epoch', () => {
    const input = [series(1, [0.4, 0.6]), series(2, [0.6, 0.8])];
    const bySteps = curveGroups(runs.slice(0, 2), input, (r) => r.arm, { axis: 'step', smoothing: 0 });
    expect(bySteps[0]?.mean.map((p) => p.x)).toEqual([10, 20]);
    const byTime = curveGroups(runs.slice(0, 2), input, (r) => r.arm, { axis: 'time', smoothing: 0 });
    // run 1 logs at t = 1, 2; run 2 at t = 2, 4 → mean 1.5, 3
    expect(byTime[0]?.mean.map((p) => p.x)).toEqual([1.5, 3]);
    expect(byTime[0]?.runs[1]?.raw.map((p) => p.x)).toEqual([2, 4]);
  });

  it('smooths the mean and each run with the EMA, keeping the raw curve', () => {
    const groups = curveGroups(runs.slice(2), [series(3, [0, 1, 1, 1])], (r) => r.arm, { axis: 'epoch', smoothing: 0.6 });
    const group = groups[0];
    expect(group?.raw.map((p) => p.y)).toEqual([0, 1, 1, 1]);
    expect(group?.mean[0]?.y).toBe(0);
    expect(group?.mean[1]?.y).toBeGreaterThan(0);
    expect(group?.mean[1]?.y).toBeLessThan(1);
    expect(group?.runs[0]?.raw.map((p) => p.y)).toEqual([0, 1, 1, 1]);
  });

  it('leaves out runs without a series and groups with none', () => {
    expect(curveGroups(runs, [series(3, [0.5])], (r) => r.arm, { axis: 'epoch', smoothing: 0 }).map((g) => g.key)).toEqual(['fine-tune']);
  });
});

describe('smooth', () => {
  it('is the identity at weight 0 and keeps a NaN as a gap', () => {
    const raw = [{ x: 0, y: 1 }, { x: 1, y: Number.NaN }, { x: 2, y: 3 }];
    expect(smooth(raw, 0)).toEqual(raw);
    expect(Number.isNaN(smooth(raw, 0.5)[1]?.y)).toBe(true);
  });
});

describe('metricKeys', () => {
  it('lists task metrics once, test before val before train, without run-level series', () => {
    const keys = metricKeys([
      { task: 'target', split: 'train', metric: 'loss' },
      { task: 'target', split: 'val', metric: 'accuracy' },
      { task: '_run', split: 'train', metric: 'samples_per_sec' },
      { task: 'target', split: 'test', metric: 'accuracy' },
      { task: 'target', split: 'val', metric: 'accuracy' },
    ]);
    expect(keys.map((k) => `${k.task}/${k.split}/${k.metric}`)).toEqual(['target/test/accuracy', 'target/val/accuracy', 'target/train/loss']);
  });
});
