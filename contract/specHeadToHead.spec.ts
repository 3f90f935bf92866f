// The head-to-head spec: both kinds of arm side by side, scratch required, errors that name the
// field, and the expansion into transfer runs (with their pretraining) and joint multitask runs.
import { describe, expect, it } from 'vitest';
import { expandRuns, parseSpec } from './spec.ts';
import { isJointConfig, type HeadToHeadSpec } from './specHeadToHead.ts';

const valid = {
  version: 1,
  name: 'fashion 0-4 vs 5-9, head to head',
  kind: 'head-to-head',
  target: { builtin: 'fashion-mnist', classes: [5, 6, 7, 8, 9] },
  sources: [{ data: { builtin: 'fashion-mnist', classes: [0, 1, 2, 3, 4] }, budget: '300/class', epochs: 2 }],
  model: { type: 'cnn', filters: [8, 16], dense: [] },
  arms: [
    { strategy: 'scratch' },
    { strategy: 'fine-tune', lrFactor: 0.3 },
    { architecture: 'hard-sharing', weighting: 'uncertainty' },
    { name: 'mtl-static', weighting: 'static', weights: [1, 0.5] },
  ],
  seeds: [1, 2],
  budgets: ['10/class', '50/class'],
  training: { epochs: 3, lr: 0.003 },
};

function errorsOf(input: unknown): { field: string; message: string }[] {
  const result = parseSpec(input);
  if (result.ok) throw new Error('expected the spec to be rejected');
  return result.errors;
}

function spec(input: unknown): HeadToHeadSpec {
  const result = parseSpec(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  if (result.spec.kind !== 'head-to-head') throw new Error('expected a head-to-head spec');
  return result.spec;
}

describe('head-to-head spec', () => {
  it('accepts transfer and multitask arms side by side and fills defaults', () => {
    const s = spec(valid);
    expect(s.sources[0]?.budget).toBe('300/class');
    expect(spec({ ...valid, sources: [{ data: valid.sources[0]?.data }] }).sources[0]?.budget).toBe('all');
    expect(s.training).toMatchObject({ epochs: 3, lr: 0.003, batchSize: 32 });
  });

  it('expands to one pretraining run per seed, transfer runs, and joint runs with the target and source tasks', () => {
    const runs = expandRuns(spec(valid));
    // 2 pretraining + (scratch, fine-tune) × 2 seeds × 2 budgets + 2 multitask arms × 2 × 2.
    expect(runs).toHaveLength(2 + 8 + 8);
    expect(runs.slice(0, 2).map((r) => [r.arm, r.budget])).toEqual([
      ['source', '300/class'],
      ['source', '300/class'],
    ]);
    const transfer = runs.filter((r) => r.arm === 'fine-tune');
    expect(transfer.map((r) => r.budget)).toEqual(['10/class', '50/class', '10/class', '50/class']);
    expect(transfer[0]?.config).toMatchObject({ task: 'target', source: { pretrainArm: 'source' }, strategyOptions: { lrFactor: 0.3 } });
    const joint = runs.filter((r) => isJointConfig(r.config)).map((r) => r.config);
    expect(new Set(joint.map((c) => (isJointConfig(c) ? c.arm : '')))).toEqual(new Set(['hard-sharing+uncertainty', 'mtl-static']));
    expect(joint[0]).toMatchObject({
      kind: 'joint',
      budget: '10/class',
      target: { builtin: 'fashion-mnist', classes: [5, 6, 7, 8, 9] },
      sources: [{ name: 'source', budget: '300/class', data: { builtin: 'fashion-mnist', classes: [0, 1, 2, 3, 4] } }],
      source: null,
    });
  });

  it('needs no pretraining when scratch is the only transfer arm', () => {
    const runs = expandRuns(spec({ ...valid, arms: [valid.arms[0], valid.arms[2]] }));
    expect(runs.some((r) => r.arm === 'source')).toBe(false);
    expect(runs).toHaveLength(4 + 4);
  });

  it('requires the scratch baseline and something to compare it with', () => {
    expect(errorsOf({ ...valid, arms: valid.arms.slice(1) })).toEqual([{ field: 'arms', message: expect.stringContaining('must include the target-only baseline') }]);
    expect(errorsOf({ ...valid, arms: [{ strategy: 'scratch' }, { strategy: 'scratch', name: 'again' }] })[0]).toMatchObject({ field: 'arms', message: expect.stringContaining('besides scratch') });
  });

  it('says which arm mixes the two kinds, or is neither', () => {
    expect(errorsOf({ ...valid, arms: [...valid.arms, { strategy: 'fine-tune', weighting: 'equal' }] })).toEqual([
      { field: 'arms[4]', message: expect.stringContaining('not both') },
    ]);
    expect(errorsOf({ ...valid, arms: [...valid.arms, { lr: 0.1 }] })).toEqual([{ field: 'arms[4]', message: expect.stringContaining('needs "strategy"') }]);
    expect(errorsOf({ ...valid, arms: [...valid.arms, { weighting: 'equl' }] })[0]).toMatchObject({ field: 'arms[4].weighting', message: expect.stringContaining('must be one of equal') });
    expect(errorsOf({ ...valid, arms: [...valid.arms, { strategy: 'finetune' }] })[0]).toMatchObject({ field: 'arms[4].strategy' });
  });

  it('names the field of a bad target or source budget', () => {
    expect(errorsOf({ ...valid, budgets: ['10/class', '50'] })[0]).toEqual({ field: 'budgets[1]', message: 'must look like "50/class", "10%" or "all"; got "50"' });
    expect(errorsOf({ ...valid, budgets: ['10/class', '10/class'] })[0]).toEqual({ field: 'budgets[1]', message: 'duplicate budget "10/class"' });
    expect(errorsOf({ ...valid, sources: [{ ...valid.sources[0], budget: 'lots' }] })[0]?.field).toBe('sources[0].budget');
  });

  it('keeps task and arm names apart and static weights one per task', () => {
    expect(errorsOf({ ...valid, sources: [{ ...valid.sources[0], name: 'target' }] })[0]).toMatchObject({ field: 'sources[0].name' });
    expect(errorsOf({ ...valid, arms: [...valid.arms, { strategy: 'feature-extraction', name: 'fine-tune' }] })[0]).toMatchObject({ field: 'arms[4].name' });
    expect(errorsOf({ ...valid, arms: [...valid.arms, { strategy: 'feature-extraction', name: 'source' }] })[0]).toMatchObject({ field: 'arms[4].name' });
    expect(errorsOf({ ...valid, arms: [...valid.arms.slice(0, 3), { weighting: 'static', weights: [1] }] })[0]).toMatchObject({
      field: 'arms[3].weights',
      message: expect.stringContaining('one weight per task (target, source)'),
    });
  });

  it('lets transfer arms pretrain on one source only', () => {
    const two = [...valid.sources, { name: 'digits-like', data: { builtin: 'fashion-mnist', classes: [0, 1] } }];
    expect(errorsOf({ ...valid, sources: two, arms: valid.arms.slice(0, 3) })).toEqual([{ field: 'arms[1].strategy', message: expect.stringContaining('pretrain on one source task') }]);
    const multitaskOnly = spec({ ...valid, sources: two, arms: [valid.arms[0], valid.arms[2]] });
    const joint = expandRuns(multitaskOnly).find((r) => isJointConfig(r.config))?.config;
    expect(isJointConfig(joint) ? joint.sources.map((s) => s.name) : []).toEqual(['source1', 'digits-like']);
  });
});
