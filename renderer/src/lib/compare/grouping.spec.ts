import { describe, expect, it } from 'vitest';
import { configPaths, defaultGrouping, groupKeyFn, places, varyingConfigPaths } from './grouping.ts';

const run = { arm: 'fine-tune', budget: '50/class', experimentId: 2, config: { training: { lr: 0.001 }, strategy: 'fine-tune' } };

describe('grouping', () => {
  it('keys runs by arm, arm and budget, or a config field', () => {
    expect(groupKeyFn({ by: 'arm' })(run)).toBe('fine-tune');
    expect(groupKeyFn({ by: 'arm-budget' })(run)).toBe('fine-tune @ 50/class');
    expect(groupKeyFn({ by: 'config', path: 'training.lr' })(run)).toBe('training.lr = 0.001');
    expect(groupKeyFn({ by: 'config', path: 'training.nope' })(run)).toBe('training.nope = (unset)');
    expect(groupKeyFn({ by: 'arm' }, (id) => `exp ${id}`)(run)).toBe('exp 2: fine-tune');
  });

  it('groups by arm and budget by default only when there are several budgets', () => {
    expect(defaultGrouping([{ budget: 'all' }, { budget: 'all' }])).toEqual({ by: 'arm' });
    expect(defaultGrouping([{ budget: '10/class' }, { budget: 'all' }])).toEqual({ by: 'arm-budget' });
  });

  it('lists every leaf path of the configs', () => {
    expect(configPaths([run.config, { model: { filters: [1, 2] } }])).toEqual(['model.filters', 'strategy', 'training.lr']);
  });

  it('offers only the config fields that vary between the runs', () => {
    const other = { training: { lr: 0.01 }, strategy: 'fine-tune', seed: 2 };
    expect(varyingConfigPaths([run.config, other])).toEqual(['seed', 'training.lr']);
    expect(varyingConfigPaths([run.config, run.config])).toEqual([]);
  });
});

describe('places', () => {
  it('numbers each distinct value in first-seen order', () => {
    expect([...places(['b', 'a', 'b', 'c'])]).toEqual([['b', 0], ['a', 1], ['c', 2]]);
  });
});
