import { describe, expect, it } from 'vitest';
import { expandRuns, parseSpec, SPEC_VERSION, type TransferSpec } from './spec.ts';

const valid = {
  version: 1,
  name: 'fashion 0-4 to 5-9',
  kind: 'transfer',
  target: { builtin: 'fashion-mnist', classes: [5, 6, 7, 8, 9] },
  source: { pretrain: { data: { builtin: 'fashion-mnist', classes: [0, 1, 2, 3, 4] }, epochs: 3 } },
  model: { type: 'cnn', filters: [8, 16], dense: [32] },
  arms: [{ strategy: 'scratch' }, { strategy: 'feature-extraction' }, { strategy: 'fine-tune', lr: 0.01 }],
  seeds: [1, 2, 3],
  budgets: ['50/class', '10%'],
  training: { epochs: 5 },
};

function errorsOf(input: unknown): { field: string; message: string }[] {
  const result = parseSpec(input);
  if (result.ok) throw new Error('expected the spec to be rejected');
  return result.errors;
}

function spec(input: unknown): TransferSpec {
  const result = parseSpec(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  if (result.spec.kind !== 'transfer') throw new Error('expected a transfer spec');
  return result.spec;
}

describe('parseSpec', () => {
  it('accepts a valid spec and fills defaults', () => {
    const s = spec(valid);
    expect(SPEC_VERSION).toBe(1);
    expect(s.training).toMatchObject({ epochs: 5, batchSize: 32, optimizer: 'adam', lr: 1e-3 });
    expect(s.model).toMatchObject({ type: 'cnn', filters: [8, 16], dense: [32], dropout: 0, batchNorm: false });
  });

  it('names the field path and the allowed values of a wrong strategy', () => {
    const errors = errorsOf({ ...valid, arms: [...valid.arms, { strategy: 'finetune' }] });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.field).toBe('arms[3].strategy');
    expect(errors[0]?.message).toMatch(/must be one of scratch, feature-extraction, fine-tune, .*; got "finetune"/);
  });

  it('rejects a repeated arm name, naming it', () => {
    const errors = errorsOf({ ...valid, arms: [{ strategy: 'scratch' }, { strategy: 'fine-tune', name: 'scratch' }] });
    expect(errors[0]?.field).toBe('arms[1].name');
    expect(errors[0]?.message).toContain('duplicate arm name "scratch"');
  });

  it('reports the branch of a data union whose key is present', () => {
    const errors = errorsOf({ ...valid, target: { builtin: 'mnist' } });
    expect(errors[0]).toEqual({
      field: 'target.builtin',
      message: 'must be one of fashion-mnist, digits, penguins; got "mnist"',
    });
    const none = errorsOf({ ...valid, target: {} });
    expect(none[0]?.field).toBe('target');
    expect(none[0]?.message).toContain('builtin, idx, imageFolder, csv');
  });

  it('rejects bad budgets, unknown fields, missing fields and bad numbers', () => {
    expect(errorsOf({ ...valid, budgets: ['50 per class'] })[0]?.field).toBe('budgets[0]');
    expect(errorsOf({ ...valid, extra: 1 })[0]?.message).toContain('unknown field(s): extra');
    const { name: _name, ...noName } = valid;
    expect(errorsOf(noName)[0]).toEqual({ field: 'name', message: 'is required' });
    expect(errorsOf({ ...valid, training: { epochs: 0 } })[0]).toMatchObject({ field: 'training.epochs' });
    expect(errorsOf({ ...valid, training: { lr: 'fast' } })[0]?.message).toBe('must be a number; got "fast"');
    expect(errorsOf({ ...valid, model: { type: 'rnn' } })[0]?.field).toBe('model.type');
  });

  it('rejects a wrong kind or version', () => {
    expect(errorsOf({ ...valid, kind: 'transfr' })[0]).toMatchObject({ field: 'kind' });
    expect(errorsOf({ ...valid, version: 2 })[0]).toEqual({ field: 'version', message: 'must be 1; got 2' });
    expect(errorsOf('nope')[0]?.field).toBe('(spec)');
  });

  it('requires a source for transfer arms and reserves the source arm name', () => {
    const { source: _source, ...noSource } = valid;
    expect(errorsOf(noSource)[0]).toMatchObject({ field: 'source' });
    expect(errorsOf({ ...valid, arms: [{ strategy: 'scratch', name: 'source' }] })[0]?.message).toContain('reserved');
    expect(parseSpec({ ...noSource, arms: [{ strategy: 'scratch' }] }).ok).toBe(true);
  });
});

describe('expandRuns', () => {
  it('expands arms × seeds × budgets plus one pretraining run per seed', () => {
    const runs = expandRuns(spec(valid));
    expect(runs).toHaveLength(3 + 3 * 3 * 2);
    const sources = runs.filter((r) => r.config.role === 'source');
    expect(sources.map((r) => [r.arm, r.seed, r.budget])).toEqual([
      ['source', 1, 'all'],
      ['source', 2, 'all'],
      ['source', 3, 'all'],
    ]);
    expect(sources[0]?.config).toMatchObject({ strategy: 'scratch', task: 'source', training: { epochs: 3 } });
    const ft = runs.find((r) => r.arm === 'fine-tune' && r.seed === 2 && r.budget === '10%');
    expect(ft?.config).toMatchObject({
      role: 'target',
      strategy: 'fine-tune',
      task: 'target',
      source: { pretrainArm: 'source' },
      training: { lr: 0.01, epochs: 5, batchSize: 32 },
      strategyOptions: { lrFactor: 0.1 },
      data: { builtin: 'fashion-mnist', classes: [5, 6, 7, 8, 9] },
    });
    expect(runs.find((r) => r.arm === 'scratch')?.config.source).toBeNull();
  });

  it('resolves strategy defaults per arm', () => {
    const s = spec({
      ...valid,
      source: { modelPath: 'm/model.json' },
      arms: [
        { strategy: 'lp-ft', epochs: 7 },
        { strategy: 'discriminative-lr', lrDecay: 0.5 },
      ],
      seeds: [0],
      budgets: ['all'],
    });
    const [lpft, disc] = expandRuns(s);
    expect(lpft?.config.strategyOptions.probeEpochs).toBe(3);
    expect(lpft?.config.source).toEqual({ modelPath: 'm/model.json' });
    expect(disc?.config.strategyOptions).toMatchObject({ lrDecay: 0.5, lrFactor: 1 });
  });
});
