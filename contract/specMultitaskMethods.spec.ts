// The weightings added for issue 18 (RLW … Aligned-MTL) as a spec arm: accepted by name, their
// options stored only when set and refused on any other weighting.
import { describe, expect, it } from 'vitest';
import { parseSpec } from './spec.ts';
import { armOptions, expandMultitaskRuns, WEIGHTINGS } from './specMultitask.ts';

const base = { version: 1, name: 'methods', kind: 'multitask', data: { builtin: 'penguins' } };

function parse(arms: unknown[]) {
  return parseSpec({ ...base, arms });
}

describe('multitask spec: the newer weightings', () => {
  it('accepts every new weighting by name and stores the options that were set', () => {
    const names = ['rlw', 'gls', 'imtl-l', 'famo', 'db-mtl', 'cagrad', 'nash-mtl', 'aligned-mtl'];
    expect(WEIGHTINGS).toEqual(expect.arrayContaining(names));
    const result = parse([...names.map((weighting) => ({ weighting })), { name: 'tuned-cagrad', weighting: 'cagrad', c: 0.2 }, { name: 'tuned-famo', weighting: 'famo', gamma: 0.01, weightLr: 0.1 }, { name: 'tuned-db', weighting: 'db-mtl', beta: 0.5 }]);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    if (result.spec.kind !== 'multitask') throw new Error('expected a multitask spec');
    const configs = new Map(expandMultitaskRuns(result.spec).map((p) => [p.arm, p.config]));
    expect(configs.get('hard-sharing+rlw')?.weighting).toBe('rlw');
    // Unset options are absent, so configs of the older weightings keep exactly their keys.
    expect(Object.keys(configs.get('hard-sharing+cagrad')?.weightingOptions ?? {})).toEqual(['weights', 'alpha', 'temperature']);
    expect(configs.get('tuned-cagrad')?.weightingOptions).toMatchObject({ c: 0.2 });
    expect(configs.get('tuned-famo')?.weightingOptions).toMatchObject({ gamma: 0.01, weightLr: 0.1 });
    expect(configs.get('tuned-db')?.weightingOptions).toMatchObject({ beta: 0.5 });
  });

  it('lists each option for its own weighting only (the form shows these)', () => {
    expect(armOptions({ architecture: 'hard-sharing', weighting: 'cagrad' })).toEqual(['c']);
    expect(armOptions({ architecture: 'hard-sharing', weighting: 'famo' })).toEqual(['gamma', 'weightLr']);
    expect(armOptions({ architecture: 'hard-sharing', weighting: 'db-mtl' })).toEqual(['beta']);
    expect(armOptions({ architecture: 'hard-sharing', weighting: 'rlw' })).toEqual([]);
  });

  it('refuses an option on a weighting that does not read it, and an out-of-range value, naming the field', () => {
    const wrong = parse([{ weighting: 'equal', c: 0.5 }, { weighting: 'nash-mtl', beta: 0.5 }]);
    expect(wrong.ok).toBe(false);
    if (wrong.ok) return;
    expect(wrong.errors).toEqual(expect.arrayContaining([
      { field: 'arms[0].c', message: 'applies only to weighting "cagrad"' },
      { field: 'arms[1].beta', message: 'applies only to weighting "db-mtl"' },
    ]));
    const range = parse([{ weighting: 'db-mtl', beta: 1 }]);
    expect(range.ok).toBe(false);
    if (!range.ok) expect(range.errors.map((e) => e.field)).toContain('arms[0].beta');
    const negative = parse([{ weighting: 'famo', weightLr: -1 }]);
    expect(negative.ok).toBe(false);
    if (!negative.ok) expect(negative.errors.map((e) => e.field)).toContain('arms[0].weightLr');
  });

  it('accepts the mmoe and mtan architectures; experts only on mmoe, stored only when set', () => {
    const result = parse([{ architecture: 'mmoe', weighting: 'equal', experts: 3 }, { architecture: 'mtan', weighting: 'nash-mtl' }, { architecture: 'mmoe', weighting: 'rlw' }]);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    if (result.spec.kind !== 'multitask') throw new Error('expected a multitask spec');
    const configs = new Map(expandMultitaskRuns(result.spec).map((p) => [p.arm, p.config]));
    expect(configs.get('mmoe+equal')?.architectureOptions).toEqual({ penalty: 0.01, experts: 3 });
    expect(configs.get('mmoe+rlw')?.architectureOptions).toEqual({ penalty: 0.01 });
    expect(configs.get('mtan+nash-mtl')?.architecture).toBe('mtan');
    expect(armOptions({ architecture: 'mmoe', weighting: 'cagrad' })).toEqual(['c', 'experts']);
    const wrong = parse([{ architecture: 'mtan', weighting: 'equal', experts: 2 }, { architecture: 'mmoe', weighting: 'equal', experts: 0 }]);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.errors.map((e) => e.field)).toContain('arms[1].experts');
    }
    const owner = parse([{ architecture: 'mtan', weighting: 'equal', experts: 2 }]);
    expect(owner.ok ? [] : owner.errors).toEqual([{ field: 'arms[0].experts', message: 'applies only to architecture "mmoe"' }]);
  });
});
