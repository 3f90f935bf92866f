import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../../../contract/spec.ts';
import { fromSpec, newArm, newTransferDraft, numberOrText, toSpec } from './transferDraft.ts';
import { errorsByInput, fieldAncestors, GENERAL } from './fieldErrors.ts';

describe('transfer draft', () => {
  it('the starting draft, once named, is a valid spec', () => {
    const draft = newTransferDraft();
    draft.name = 'first';
    const parsed = parseSpec(toSpec(draft));
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  });

  it('round-trips a spec with every kind of field', () => {
    const spec = {
      version: 1,
      name: 'Digits',
      kind: 'transfer',
      question: 'why?',
      target: { builtin: 'digits', classes: [5, 6] },
      source: { pretrain: { data: { csv: '/d/a.csv', target: 'y' }, epochs: 4, budget: '10%' } },
      model: { type: 'mlp', hidden: [64, 32], dropout: 0.1 },
      arms: [{ strategy: 'scratch' }, { name: 'pf', strategy: 'partial-freeze', freezeBlocks: 2, lr: 0.01 }],
      seeds: [1, 2],
      budgets: ['10/class', 'all'],
      training: { epochs: 30, batchSize: 16, optimizer: 'sgd', lr: 0.003, patience: 5 },
    };
    expect(toSpec(fromSpec(spec))).toEqual(spec);
    const model = { source: { modelPath: '/m/model.json' }, target: { idx: { images: 'a', labels: 'b' } } };
    expect(toSpec(fromSpec({ ...spec, ...model }))).toMatchObject(model);
    expect(toSpec(fromSpec({ ...spec, source: { run: 12 } }))['source']).toEqual({ run: 12 });
  });

  it('keeps text that is not a number, so the validator names the input', () => {
    const draft = newTransferDraft();
    draft.name = 'x';
    draft.seeds = '1, two';
    draft.training.lr = '1e';
    const parsed = parseSpec(toSpec(draft));
    expect(parsed.ok).toBe(false);
    const fields = parsed.ok ? [] : parsed.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['seeds[1]', 'training.lr']));
    expect(numberOrText(' ')).toBeUndefined();
    expect(numberOrText('0.5')).toBe(0.5);
  });

  it('sends only the options the arm strategy reads', () => {
    const draft = newTransferDraft();
    const arm = { ...newArm('scratch'), lrFactor: '0.5', freezeBlocks: '2' };
    draft.arms = [arm];
    expect(toSpec(draft)['arms']).toEqual([{ strategy: 'scratch' }]);
    draft.arms = [{ ...arm, strategy: 'partial-freeze' }];
    expect(toSpec(draft)['arms']).toEqual([{ strategy: 'partial-freeze', lrFactor: 0.5, freezeBlocks: 2 }]);
  });
});

describe('errors mapped to inputs', () => {
  it('walks up from a field to its parents', () => {
    expect(fieldAncestors('arms[1].lr')).toEqual(['arms[1].lr', 'arms[1]', 'arms']);
    expect(fieldAncestors('source.pretrain.data.classes[0]')).toEqual([
      'source.pretrain.data.classes[0]',
      'source.pretrain.data.classes',
      'source.pretrain.data',
      'source.pretrain',
      'source',
    ]);
  });

  it('puts each error on the closest input, the rest in the general list', () => {
    const inputs = new Set(['seeds', 'arms[1].lr', 'arms[1].name', 'name']);
    const errors = [
      { field: 'seeds[2]', message: 'duplicate seed 1' },
      { field: 'arms[1].lr', message: 'must be > 0' },
      { field: '(spec)', message: 'bad' },
    ];
    expect(errorsByInput(errors, inputs)).toEqual(
      new Map([
        ['seeds', ['seeds[2]: duplicate seed 1']],
        ['arms[1].lr', ['must be > 0']],
        [GENERAL, ['(spec): bad']],
      ]),
    );
  });
});

describe('inputs for errors', () => {
  it('follows what the draft shows: the source kind, the model type, each arm strategy', async () => {
    const { transferInputs } = await import('./transferDraft.ts');
    const draft = newTransferDraft();
    draft.arms = [newArm('scratch'), newArm('partial-freeze')];
    const inputs = transferInputs(draft);
    expect(inputs.has('source.pretrain.data.classes')).toBe(true);
    expect(inputs.has('arms[1].freezeBlocks')).toBe(true);
    expect(inputs.has('arms[0].freezeBlocks')).toBe(false);
    expect(inputs.has('model.filters')).toBe(true);
    draft.source = 'run';
    draft.model.type = 'mlp';
    expect(transferInputs(draft).has('source.run')).toBe(true);
    expect(transferInputs(draft).has('source.pretrain.epochs')).toBe(false);
    expect(transferInputs(draft).has('model.hidden')).toBe(true);
  });
});
