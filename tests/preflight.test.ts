// Bad files in a spec are refused at submit time, naming the file and what was expected,
// and nothing is stored.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../contract/errors.ts';
import { openApp } from '../main/app.ts';
import { tempDir } from './support/seed.ts';

function transferSpec(target: unknown, source?: unknown) {
  return {
    version: 1,
    name: 'bad input',
    kind: 'transfer',
    target,
    ...(source ? { source } : {}),
    model: { type: 'mlp', hidden: [8] },
    arms: source ? [{ strategy: 'scratch' }, { strategy: 'fine-tune' }] : [{ strategy: 'scratch' }],
    seeds: [1],
    budgets: ['all'],
    training: { epochs: 1 },
  };
}

async function refusal(spec: unknown): Promise<ApiError> {
  const app = openApp(join(tempDir(), 'graft.db'));
  try {
    await app.handlers.startExperiment({ spec });
    throw new Error('the spec was accepted');
  } catch (error) {
    expect(app.store.listExperiments()).toEqual([]); // nothing half-stored
    if (!(error instanceof ApiError)) throw error;
    return error;
  } finally {
    app.close();
  }
}

describe('startExperiment preflight', () => {
  it('names an IDX file with a wrong magic number', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'images.idx'), Buffer.from([0, 0, 0x09, 0x03, 0, 0, 0, 1]));
    writeFileSync(join(dir, 'labels.idx'), Buffer.from([0, 0, 0x08, 0x01, 0, 0, 0, 1, 3]));
    const error = await refusal(transferSpec({ idx: { images: join(dir, 'images.idx'), labels: join(dir, 'labels.idx') } }));
    expect(error.code).toBe('invalid-payload');
    expect(error.field).toBe('spec.target');
    expect(error.message).toContain('images.idx');
    expect(error.message).toMatch(/magic/i);
  });

  it('names a CSV whose target column is missing, and the columns it has', async () => {
    const file = join(tempDir(), 'table.csv');
    writeFileSync(file, 'a,b,label\n1,2,x\n3,4,y\n');
    const error = await refusal(transferSpec({ csv: file, target: 'species' }));
    expect(error.message).toContain('table.csv');
    expect(error.message).toContain('species');
  });

  it('names an unreadable image in an image folder', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'cats'));
    writeFileSync(join(dir, 'cats', 'broken.png'), Buffer.from('not a png at all'));
    const error = await refusal(transferSpec({ imageFolder: dir, inputShape: [8, 8, 1] }));
    expect(error.message).toContain('broken.png');
  });

  it('names a model.json whose weights do not match', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'model.json'),
      JSON.stringify({
        modelTopology: { class_name: 'Sequential', config: { name: 's', layers: [] } },
        weightsManifest: [{ paths: ['weights.bin'], weights: [{ name: 'dense/kernel', shape: [4, 2], dtype: 'float32' }] }],
      }),
    );
    writeFileSync(join(dir, 'weights.bin'), Buffer.alloc(12));
    const error = await refusal(transferSpec({ builtin: 'digits', classes: [5, 6] }, { modelPath: join(dir, 'model.json') }));
    expect(error.field).toBe('spec.source.modelPath');
    expect(error.message).toContain('weights.bin');
    expect(error.message).toMatch(/12 bytes.*32 bytes/);
  });

  it('refuses classes a shipped dataset does not have, and a source run that does not exist', async () => {
    const classes = await refusal(transferSpec({ builtin: 'digits', classes: [3, 12] }));
    expect(classes.field).toBe('spec.target.classes');
    expect(classes.message).toMatch(/0–9; got 12/);
    const run = await refusal(transferSpec({ builtin: 'digits' }, { run: 4242 }));
    expect(run.field).toBe('spec.source.run');
    expect(run.message).toMatch(/run 4242 does not exist/);
  });
});
