import { describe, expect, it } from 'vitest';
import { expandRuns, parseSpec } from '../../../../contract/spec.ts';
import { errorsByInput, GENERAL } from './fieldErrors.ts';
import { hasCell, multitaskArmToSpec, newMultitaskArm, toggleCell } from './multitaskArmsDraft.ts';
import { multitaskFromSpec, multitaskInputs, multitaskToSpec, newMultitaskDraft, newTask } from './multitaskDraft.ts';


function named<T extends { name: string }>(draft: T): T {
  draft.name = 'an experiment';
  return draft;
}

describe('the multitask form draft', () => {
  it('starts as a valid penguins spec: 4 weightings + single-task baselines × 3 seeds', () => {
    const parsed = parseSpec(multitaskToSpec(named(newMultitaskDraft())));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(expandRuns(parsed.spec)).toHaveLength(15);
  });

  it('ticks and unticks architecture × weighting cells, in grid order', () => {
    let arms = [newMultitaskArm('hard-sharing', 'mgda')];
    arms = toggleCell(arms, 'hard-sharing', 'equal');
    arms = toggleCell(arms, 'cross-stitch', 'equal');
    expect(arms.map((a) => `${a.architecture}+${a.weighting}`)).toEqual(['hard-sharing+equal', 'hard-sharing+mgda', 'cross-stitch+equal']);
    arms = toggleCell(arms, 'hard-sharing', 'mgda');
    expect(hasCell(arms, 'hard-sharing', 'mgda')).toBe(false);
    expect(arms).toHaveLength(2);
  });

  it('sends only the options an arm reads', () => {
    const arm = { ...newMultitaskArm('soft-sharing', 'static'), weights: '1, 1, 0.5', alpha: '2', penalty: '0.1' };
    expect(multitaskArmToSpec(arm)).toEqual({ architecture: 'soft-sharing', weighting: 'static', weights: [1, 1, 0.5], penalty: 0.1 });
  });

  it('leaves tasks out when every built-in task is ticked, lists them otherwise; CSV tasks carry their type', () => {
    const draft = named(newMultitaskDraft());
    expect(multitaskToSpec(draft)['tasks']).toBeUndefined();
    draft.data.builtinTasks = ['species', 'body_mass_g'];
    expect(multitaskToSpec(draft)['tasks']).toEqual(['species', 'body_mass_g']);
    draft.data = { ...draft.data, kind: 'csv', csv: '/data/t.csv', features: 'a, b', tasks: [newTask('y1'), newTask('y2', 'regression')] };
    expect(multitaskToSpec(draft)).toMatchObject({ data: { csv: '/data/t.csv', features: ['a', 'b'] }, tasks: ['y1', { name: 'y2', type: 'regression' }] });
  });

  it('round-trips a spec, static weights and baselines off included', () => {
    const spec = {
      version: 1,
      name: 'mt',
      kind: 'multitask',
      data: { builtin: 'penguins' },
      model: { type: 'mlp', hidden: [16] },
      arms: [{ weighting: 'equal' }, { architecture: 'soft-sharing', weighting: 'static', weights: [1, 2, 3], penalty: 0.5 }],
      singleTaskBaselines: false,
      seeds: [1],
      budgets: ['all'],
      training: { epochs: 3, lr: 0.01 },
    };
    const back = multitaskToSpec(multitaskFromSpec(spec));
    expect(back).toMatchObject({ ...spec, arms: [{ architecture: 'hard-sharing', weighting: 'equal' }, spec.arms[1]], training: { epochs: 3, lr: 0.01 } });
  });

  it('puts a static weight error beside the arm’s weights input', () => {
    const draft = named(newMultitaskDraft());
    draft.arms = [{ ...newMultitaskArm('hard-sharing', 'static'), weights: '1, 2' }];
    const parsed = parseSpec(multitaskToSpec(draft));
    expect(parsed.ok).toBe(false);
    const errors = errorsByInput(parsed.ok ? [] : parsed.errors, multitaskInputs(draft));
    expect(errors.get('arms[0].weights')?.[0]).toMatch(/3 tasks/);
    expect(errors.has(GENERAL)).toBe(false);
  });
});
