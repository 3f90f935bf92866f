import { describe, expect, it } from 'vitest';
import { expandRuns, parseSpec } from './spec.ts';
import type { RunConfig } from './kinds/transfer/runs.ts';

const base = {
  version: 1,
  name: 'regularizers',
  kind: 'transfer',
  target: { builtin: 'digits' },
  source: { modelPath: '/models/src/model.json' },
};

describe('transfer spec: L2-SP, LwF and BSS arms', () => {
  it('accepts the strategies and stores only the options an arm sets', () => {
    const result = parseSpec({
      ...base,
      arms: [{ strategy: 'scratch' }, { strategy: 'l2-sp', alpha: 0.05 }, { strategy: 'lwf', lambda: 2, temperature: 4 }, { strategy: 'bss', k: 2 }],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const byArm = new Map(expandRuns(result.spec).map((p) => [p.arm, p.config]));
    const options = (arm: string) => (byArm.get(arm) as RunConfig).strategyOptions;
    expect(options('l2-sp')).toMatchObject({ alpha: 0.05, lrFactor: 0.1 });
    expect(options('l2-sp')).not.toHaveProperty('beta');
    expect(options('lwf')).toMatchObject({ lambda: 2, temperature: 4 });
    expect(options('bss')).toMatchObject({ k: 2 });
    expect(Object.keys(options('scratch'))).toEqual(['lrFactor', 'freezeBlocks', 'lrDecay', 'probeEpochs', 'unfreezeEvery']);
  });

  it('refuses an option on another strategy and out-of-range values, naming the field', () => {
    const result = parseSpec({ ...base, arms: [{ strategy: 'scratch' }, { strategy: 'fine-tune', alpha: 0.1 }, { strategy: 'bss', lambda: 1 }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { field: 'arms[1].alpha', message: 'applies only to strategy "l2-sp"' },
      { field: 'arms[2].lambda', message: 'applies only to strategy "lwf"' },
    ]);
    const range = parseSpec({ ...base, arms: [{ strategy: 'bss', k: 0 }, { strategy: 'lwf', temperature: 0 }] });
    expect(range.ok).toBe(false);
    if (!range.ok) expect(range.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['arms[0].k', 'arms[1].temperature']));
  });

  it('checks the options of head-to-head transfer arms too', () => {
    const result = parseSpec({
      version: 1,
      name: 'h2h',
      kind: 'head-to-head',
      target: { builtin: 'fashion-mnist', classes: [5, 6, 7, 8, 9] },
      sources: [{ data: { builtin: 'fashion-mnist', classes: [0, 1, 2, 3, 4] } }],
      arms: [{ strategy: 'scratch' }, { strategy: 'lwf', eta: 0.1 }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual({ field: 'arms[1].eta', message: 'applies only to strategy "bss"' });
  });
});
