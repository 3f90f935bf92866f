import { describe, expect, it } from 'vitest';
import { expandRuns, parseSpec } from './spec.ts';
import { armOptions, type MultitaskRunPlan } from './specMultitask.ts';

const valid = {
  version: 1,
  name: 'penguins mtl',
  kind: 'multitask',
  data: { builtin: 'penguins' },
  arms: [{ weighting: 'equal' }, { weighting: 'static', weights: [1, 1, 0.5] }, { architecture: 'cross-stitch', weighting: 'pcgrad' }],
  seeds: [1, 2],
};

function errorsOf(input: unknown): { field: string; message: string }[] {
  const result = parseSpec(input);
  if (result.ok) throw new Error('expected the spec to be rejected');
  return result.errors;
}

function plansOf(input: unknown): MultitaskRunPlan[] {
  const result = parseSpec(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  if (result.spec.kind !== 'multitask') throw new Error('expected multitask');
  return expandRuns(result.spec);
}

describe('multitask spec', () => {
  it('expands to single-task baselines plus arms × seeds, every task and default resolved', () => {
    const plans = plansOf(valid);
    expect(plans.map((p) => `${p.arm}@${p.seed}`)).toEqual([
      'single-task@1',
      'single-task@2',
      'hard-sharing+equal@1',
      'hard-sharing+equal@2',
      'hard-sharing+static@1',
      'hard-sharing+static@2',
      'cross-stitch+pcgrad@1',
      'cross-stitch+pcgrad@2',
    ]);
    const config = plans[4]!.config;
    expect(config).toMatchObject({ kind: 'multitask', architecture: 'hard-sharing', weighting: 'static', source: null, budget: 'all' });
    expect(config.tasks.map((t) => t.name)).toEqual(['species', 'sex', 'body_mass_g']);
    expect(config.weightingOptions).toEqual({ weights: [1, 1, 0.5], alpha: 1.5, temperature: 2 });
    expect(config.model).toMatchObject({ type: 'mlp' });
    expect(plans[0]!.config.architecture).toBe('single-task');
  });

  it('leaves the baselines out when the user turns them off', () => {
    expect(plansOf({ ...valid, singleTaskBaselines: false }).some((p) => p.arm === 'single-task')).toBe(false);
  });

  it('rejects a task name that repeats, naming it', () => {
    const errors = errorsOf({ ...valid, tasks: ['species', 'sex', 'species'] });
    expect(errors).toContainEqual({ field: 'tasks[2]', message: 'task "species" appears twice (also tasks[0]); each task is one head' });
  });

  it('rejects a weighting that does not exist, listing the ones that do', () => {
    const [error] = errorsOf({ ...valid, arms: [{ weighting: 'gradsurgery' }] });
    expect(error?.field).toBe('arms[0].weighting');
    expect(error?.message).toContain('must be one of equal, static, uncertainty, dwa, gradnorm, pcgrad, mgda, rlw, gls, imtl-l, famo, db-mtl, cagrad, nash-mtl, aligned-mtl; got "gradsurgery"');
  });

  it('rejects a static weight list whose length does not match the tasks', () => {
    const [error] = errorsOf({ ...valid, arms: [{ weighting: 'static', weights: [1, 2] }] });
    expect(error).toEqual({
      field: 'arms[0].weights',
      message: 'has 2 weight(s) but the experiment has 3 tasks (species, sex, body_mass_g); give one weight per task',
    });
    expect(errorsOf({ ...valid, arms: [{ weighting: 'static' }] })[0]?.field).toBe('arms[0].weights');
    expect(errorsOf({ ...valid, arms: [{ weighting: 'equal', weights: [1, 1, 1] }] })[0]).toEqual({ field: 'arms[0].weights', message: 'applies only to weighting "static"' });
  });

  it('lists the options each arm reads (what the form shows), and refuses each option on any other arm', () => {
    expect(armOptions({ architecture: 'hard-sharing', weighting: 'static' })).toEqual(['weights']);
    expect(armOptions({ architecture: 'soft-sharing', weighting: 'gradnorm' })).toEqual(['alpha', 'penalty']);
    expect(armOptions({ architecture: 'cross-stitch', weighting: 'dwa' })).toEqual(['temperature']);
    expect(armOptions({ architecture: 'hard-sharing', weighting: 'pcgrad' })).toEqual([]);
    const values = { weights: [1, 1, 1], alpha: 1.5, temperature: 2, penalty: 0.01 };
    for (const option of ['weights', 'alpha', 'temperature', 'penalty'] as const) {
      const arm = { architecture: 'cross-stitch', weighting: 'mgda', [option]: values[option] } as const;
      expect(armOptions(arm)).not.toContain(option);
      expect(errorsOf({ ...valid, arms: [arm] })[0], option).toMatchObject({ field: `arms[0].${option}`, message: expect.stringMatching(/^applies only to/) });
    }
  });

  it('rejects unknown tasks of built-in data, CSV data without tasks, and the reserved arm name', () => {
    expect(errorsOf({ ...valid, tasks: ['species', 'flipper'] })[0]?.message).toMatch(/"flipper" is not a task of penguins; its tasks: species, sex, body_mass_g/);
    expect(errorsOf({ ...valid, data: { csv: 'x.csv' } })[0]).toMatchObject({ field: 'tasks' });
    expect(errorsOf({ ...valid, arms: [{ name: 'single-task', weighting: 'equal' }] })[0]?.message).toMatch(/reserved/);
    expect(errorsOf({ ...valid, tasks: ['a/b', 'c'], data: { csv: 'x.csv' } })[0]?.field).toBe('tasks[0]');
  });
});
