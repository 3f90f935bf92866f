// Bad multitask input is refused before anything is stored: each error names what is wrong.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../contract/errors.ts';
import { tempDir } from '../../tests/support/seed.ts';
import { openApp } from '../app.ts';

const base = { version: 1, kind: 'multitask', name: 'bad input', arms: [{ weighting: 'equal' }] };

async function refused(spec: Record<string, unknown>): Promise<ApiError> {
  const app = openApp(join(tempDir(), 'graft.db'));
  try {
    let error: unknown = null;
    try {
      await app.handlers.startExperiment({ spec });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ApiError);
    // Nothing half-stored: no experiment, no runs.
    expect(app.store.listExperiments()).toEqual([]);
    expect(app.store.listRuns()).toEqual([]);
    return error as ApiError;
  } finally {
    app.close();
  }
}

function csv(text: string): string {
  const file = join(tempDir(), 'tasks.csv');
  writeFileSync(file, text);
  return file;
}

describe('starting a multitask experiment with bad input', () => {
  it('a task name that repeats', async () => {
    const error = await refused({ ...base, data: { builtin: 'penguins' }, tasks: ['species', 'sex', 'sex'] });
    expect(error.code).toBe('invalid-payload');
    expect(error.message).toContain('tasks[2]: task "sex" appears twice');
  });

  it('a weighting that does not exist', async () => {
    const error = await refused({ ...base, data: { builtin: 'penguins' }, arms: [{ weighting: 'fairgrad' }] });
    expect(error.message).toMatch(/arms\[0\]\.weighting: must be one of equal, static, uncertainty, dwa, gradnorm, pcgrad, mgda, rlw, gls, imtl-l, famo, db-mtl, cagrad, nash-mtl, aligned-mtl; got "fairgrad"/);
  });

  it('a static weight list whose length does not match the tasks', async () => {
    const error = await refused({ ...base, data: { builtin: 'penguins' }, tasks: ['species', 'sex'], arms: [{ weighting: 'static', weights: [1, 1, 1] }] });
    expect(error.message).toContain('arms[0].weights: has 3 weight(s) but the experiment has 2 tasks (species, sex)');
  });

  it('a CSV target column with mixed types, naming the file, line and column', async () => {
    const file = csv('x,kind,size\n1,a,1.5\n2,b,2.5\n3,7,3.5\n4,c,4.5\n5,d,5.5\n');
    const error = await refused({ ...base, data: { csv: file }, tasks: ['kind', 'size'] });
    expect(error.field).toBe('spec.data');
    expect(error.message).toContain(`${file}:4:`);
    expect(error.message).toContain('column "kind" mixes numbers and text');
  });

  it('a regression target with NaN, or one that is not finite', async () => {
    const nan = csv('x,kind,size\n1,a,1.5\n2,b,NaN\n3,a,3.5\n');
    expect((await refused({ ...base, data: { csv: nan }, tasks: ['kind', { name: 'size', type: 'regression' }] })).message).toMatch(
      new RegExp(`${nan}:3: missing value "NaN" in target column "size"`),
    );
    const huge = csv('x,kind,size\n1,a,1.5\n2,b,1e999\n3,a,3.5\n');
    expect((await refused({ ...base, data: { csv: huge }, tasks: ['kind', { name: 'size', type: 'regression' }] })).message).toContain(
      'regression target "size" has a non-finite value (Infinity) in row 2',
    );
  });

  it('accepts a good CSV with several targets, inferring classification and regression', async () => {
    const file = csv('x,kind,size\n1,a,1.5\n2,b,2.5\n3,a,3.5\n4,b,4.5\n');
    const app = openApp(join(tempDir(), 'graft.db'));
    try {
      const created = await app.handlers.startExperiment({ spec: { ...base, data: { csv: file }, tasks: ['kind', 'size'] } });
      expect(created.runIds).toHaveLength(2);
    } finally {
      app.close();
    }
  });
});
