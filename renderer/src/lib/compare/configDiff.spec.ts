import { describe, expect, it } from 'vitest';
import { MISSING, VARIES, armConfigDiff, configDiff, flattenConfig } from './configDiff.ts';

describe('configDiff', () => {
  it('shows only the fields that differ, one value per run', () => {
    const a = { arm: 'scratch', seed: 1, training: { lr: 0.001, epochs: 10 }, model: { filters: [16, 32] } };
    const b = { arm: 'fine-tune', seed: 1, training: { lr: 0.001, epochs: 10 }, model: { filters: [16, 64] }, source: { pretrainArm: 'source' } };
    expect(configDiff([a, b])).toEqual([
      { path: 'arm', values: ['scratch', 'fine-tune'] },
      { path: 'model.filters', values: ['[16,32]', '[16,64]'] },
      { path: 'source.pretrainArm', values: [MISSING, 'source'] },
    ]);
  });

  it('is empty for identical configs or a single run', () => {
    expect(configDiff([{ a: 1 }, { a: 1 }])).toEqual([]);
    expect(configDiff([{ a: 1 }])).toEqual([]);
  });

  it('tells null from a missing field', () => {
    expect(configDiff([{ source: null }, {}])).toEqual([{ path: 'source', values: ['null', MISSING] }]);
    expect(flattenConfig({ x: { y: 'z' } })).toEqual(new Map([['x.y', 'z']]));
  });
});

describe('armConfigDiff', () => {
  it('gives one row per arm with the fields that tell arms apart, "varies" where an arm’s runs differ', () => {
    const runs = [
      { arm: 'fine-tune', config: { seed: 1, lr: 0.01, strategy: 'fine-tune', freeze: 0 } },
      { arm: 'fine-tune', config: { seed: 2, lr: 0.01, strategy: 'fine-tune', freeze: 1 } },
      { arm: 'scratch', config: { seed: 1, lr: 0.01, strategy: 'scratch', freeze: 0 } },
      { arm: 'scratch', config: { seed: 2, lr: 0.01, strategy: 'scratch', freeze: 0 } },
    ];
    expect(armConfigDiff(runs)).toEqual({
      paths: ['freeze', 'strategy'],
      arms: [
        { arm: 'fine-tune', runs: 2, values: [VARIES, 'fine-tune'] },
        { arm: 'scratch', runs: 2, values: ['0', 'scratch'] },
      ],
    });
  });
});
