import { describe, expect, it } from 'vitest';
import { byConfigPath, configValue, groupBy, seedBand, UNSET_KEY } from './aggregate.ts';

const seed = (epoch: number[], value: number[], runId = 0) => ({ runId, epoch, step: epoch.map((e) => e * 10), value });

describe('seedBand', () => {
  it('gives mean ± sample std per epoch, with n varying as runs end', () => {
    // epoch 1: [1, 3, 5] → mean 3, std 2, n 3
    // epoch 2: [2, 4]    → mean 3, std √2, n 2
    // epoch 3: [3]       → mean 3, std 0, n 1
    const band = seedBand([seed([1, 2, 3], [1, 2, 3]), seed([1, 2], [3, 4]), seed([1], [5])]);
    expect(band.x).toEqual([1, 2, 3]);
    expect(band.mean).toEqual([3, 3, 3]);
    expect(band.n).toEqual([3, 2, 1]);
    expect(band.std[0]).toBeCloseTo(2, 12);
    expect(band.std[1]).toBeCloseTo(Math.SQRT2, 12);
    expect(band.std[2]).toBe(0);
    expect(band.lower[0]).toBeCloseTo(1, 12);
    expect(band.upper[0]).toBeCloseTo(5, 12);
  });

  it('leaves NaN values out of n and sorts epochs', () => {
    const band = seedBand([seed([2, 1], [Number.NaN, 1]), seed([1, 2], [3, 4])]);
    expect(band.x).toEqual([1, 2]);
    expect(band.n).toEqual([2, 1]);
    expect(band.mean).toEqual([2, 4]);
  });

  it('takes a seed\'s last value in an epoch logged per step', () => {
    const perStep = { epoch: [1, 1, 1, 2, 2], step: [1, 2, 3, 4, 5], value: [9, 9, 1, 9, 2] };
    const band = seedBand([perStep, seed([1, 2], [3, 4])]);
    expect(band.mean).toEqual([2, 3]);
  });

  it('aligns on step when asked', () => {
    const band = seedBand([seed([1, 2], [1, 2]), seed([1, 2], [3, 6])], 'step');
    expect(band.align).toBe('step');
    expect(band.x).toEqual([10, 20]);
    expect(band.mean).toEqual([2, 4]);
  });

  it('is empty for no series', () => {
    expect(seedBand([])).toEqual({ align: 'epoch', x: [], mean: [], std: [], n: [], lower: [], upper: [] });
  });
});

describe('grouping', () => {
  const runs = [
    { id: 1, arm: 'fine-tune', config: { training: { lr: 0.001 } } },
    { id: 2, arm: 'scratch', config: { training: { lr: 1e-3 } } },
    { id: 3, arm: 'fine-tune', config: { training: { lr: 0.01 } } },
    { id: 4, arm: 'scratch', config: {} },
  ];

  it('groupBy keeps first-appearance order', () => {
    const groups = groupBy(runs, (run) => run.arm);
    expect([...groups.keys()]).toEqual(['fine-tune', 'scratch']);
    expect(groups.get('fine-tune')?.map((r) => r.id)).toEqual([1, 3]);
    expect(groupBy([] as typeof runs, (run) => run.arm).size).toBe(0);
  });

  it('reads dotted config paths, grouping equal numbers however they were written', () => {
    expect(configValue(runs[0]?.config, 'training.lr')).toBe(0.001);
    expect(configValue(runs[3]?.config, 'training.lr')).toBeUndefined();
    expect(configValue(null, 'a.b')).toBeUndefined();
    expect(configValue({ a: 5 }, 'a.b')).toBeUndefined();
    const groups = groupBy(runs, byConfigPath('training.lr'));
    expect([...groups.keys()]).toEqual(['0.001', '0.01', UNSET_KEY]);
    expect(groups.get('0.001')?.map((r) => r.id)).toEqual([1, 2]);
    expect(byConfigPath('name')({ config: { name: 'a' } })).toBe('a');
    expect(byConfigPath('shape')({ config: { shape: [1, 2] } })).toBe('[1,2]');
  });
});
