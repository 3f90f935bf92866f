// The registry is the one list of experiment kinds: it covers every kind the store accepts, and
// parseSpec/expandRuns reach each kind's own rules and expansion through it.
import { describe, expect, it } from 'vitest';
import { EXPERIMENT_KINDS } from '../model.ts';
import { expandRuns, parseSpec } from '../spec.ts';
import { SPEC_KINDS, specKindNamed } from './registry.ts';

describe('experiment kind registry', () => {
  it('lists exactly the kinds the store accepts, each once', () => {
    expect(SPEC_KINDS.map((k) => k.kind)).toEqual([...EXPERIMENT_KINDS]);
    expect(specKindNamed('unheard-of')).toBeUndefined();
  });

  it("runs each kind's own cross-field rules and expansion", () => {
    const duplicate = parseSpec({ version: 1, name: 't', kind: 'transfer', target: { builtin: 'digits' }, arms: [{ strategy: 'scratch' }, { strategy: 'scratch' }] });
    expect(duplicate.ok).toBe(false);
    if (!duplicate.ok) expect(duplicate.errors[0]?.field).toBe('arms[1].name');
    const multitask = parseSpec({ version: 1, name: 'm', kind: 'multitask', data: { builtin: 'penguins' }, arms: [{ weighting: 'equal' }], seeds: [1, 2] });
    if (!multitask.ok) throw new Error(JSON.stringify(multitask.errors));
    // The single-task baseline and the arm, each per seed.
    expect(expandRuns(multitask.spec).map((r) => `${r.arm}/${r.seed}`)).toEqual(['single-task/1', 'single-task/2', 'hard-sharing+equal/1', 'hard-sharing+equal/2']);
  });
});
