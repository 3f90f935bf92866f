import { describe, expect, it } from 'vitest';
import { expandRuns, parseSpec } from '../../../../contract/spec.ts';
import { errorsByInput } from './fieldErrors.ts';
import { headToHeadFromSpec, headToHeadInputs, headToHeadTasks, headToHeadToSpec, newHeadToHeadDraft } from './headToHeadDraft.ts';


function named<T extends { name: string }>(draft: T): T {
  draft.name = 'an experiment';
  return draft;
}

describe('the head-to-head form draft', () => {
  it('starts as a valid spec: scratch, two transfer and two multitask arms × 3 seeds × 3 budgets', () => {
    const parsed = parseSpec(headToHeadToSpec(named(newHeadToHeadDraft())));
    expect(parsed.ok).toBe(true);
    // 5 arms × 3 seeds × 3 budgets + 3 pretraining runs
    if (parsed.ok) expect(expandRuns(parsed.spec)).toHaveLength(48);
  });

  it('lists transfer arms first, so arms[i] errors land on the right input', () => {
    const draft = named(newHeadToHeadDraft());
    draft.multitaskArms[0]!.weighting = 'static';
    draft.multitaskArms[0]!.weights = '1';
    const spec = headToHeadToSpec(draft);
    expect((spec['arms'] as unknown[]).slice(0, 3)).toEqual([{ strategy: 'scratch' }, { strategy: 'feature-extraction' }, { strategy: 'fine-tune' }]);
    const parsed = parseSpec(spec);
    const errors = errorsByInput(parsed.ok ? [] : parsed.errors, headToHeadInputs(draft));
    expect(errors.get('arms[3].weights')?.[0]).toMatch(/target, source/);
    expect(headToHeadTasks(draft)).toEqual(['target', 'source']);
  });

  it('says scratch is missing at the arms', () => {
    const draft = named(newHeadToHeadDraft());
    draft.transferArms = draft.transferArms.filter((a) => a.strategy !== 'scratch');
    const parsed = parseSpec(headToHeadToSpec(draft));
    const errors = errorsByInput(parsed.ok ? [] : parsed.errors, headToHeadInputs(draft));
    expect(errors.get('arms')?.join(' ')).toMatch(/scratch/);
  });

  it('round-trips the demo-like spec', () => {
    const spec = {
      version: 1,
      name: 'h2h',
      kind: 'head-to-head',
      target: { builtin: 'digits', classes: [5, 6, 7, 8, 9] },
      sources: [{ data: { builtin: 'digits', classes: [0, 1, 2, 3, 4] }, budget: '60/class', epochs: 2 }],
      model: { type: 'mlp', hidden: [32] },
      arms: [{ strategy: 'scratch' }, { strategy: 'fine-tune', lrFactor: 0.3 }, { architecture: 'hard-sharing', weighting: 'uncertainty' }],
      seeds: [1, 2],
      budgets: ['5/class'],
      training: { epochs: 3, batchSize: 16, lr: 0.01 },
    };
    expect(headToHeadToSpec(headToHeadFromSpec(spec))).toMatchObject(spec);
  });
});
