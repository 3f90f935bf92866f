import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from './command.ts';
import { resolveSpecPaths } from './specPaths.ts';

/** A spec folder `experiment/` (with data/rows.csv) beside a file outside it, `secret.csv`. */
function layout(): { root: string; folder: string; specFile: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'graft-spec-paths-')));
  const folder = join(root, 'experiment');
  mkdirSync(join(folder, 'data'), { recursive: true });
  writeFileSync(join(folder, 'data', 'rows.csv'), 'a,label\n1,x\n');
  writeFileSync(join(root, 'secret.csv'), 'a,label\n1,x\n');
  return { root, folder, specFile: join(folder, 'spec.json') };
}

const transfer = (target: object, source?: object) => ({ version: 1, name: 'p', kind: 'transfer', target, ...(source ? { source } : {}), arms: [{ strategy: 'scratch' }] });

async function refusal(spec: unknown, specFile: string): Promise<string> {
  const error = await resolveSpecPaths(spec, specFile).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as Error).message;
}

describe('resolveSpecPaths', () => {
  it("resolves relative data paths against the spec file's folder, wherever they sit in the spec", async () => {
    const { folder, specFile } = layout();
    const spec = {
      version: 1,
      name: 'h',
      kind: 'head-to-head',
      target: { csv: 'data/rows.csv', target: 'label' },
      sources: [{ data: { idx: { images: 'data/a-images.idx', labels: './data/a-labels.idx' } } }],
    };
    const { spec: resolved, notes } = await resolveSpecPaths(spec, specFile);
    expect(resolved).toMatchObject({
      target: { csv: join(folder, 'data', 'rows.csv'), target: 'label' },
      sources: [{ data: { idx: { images: join(folder, 'data', 'a-images.idx'), labels: join(folder, 'data', 'a-labels.idx') } } }],
    });
    expect(notes).toEqual([]);
  });

  it('refuses a relative path that climbs out of the spec folder, naming the field and the path', async () => {
    const { specFile } = layout();
    const message = await refusal(transfer({ csv: '../secret.csv', target: 'label' }), specFile);
    expect(message).toContain(`${specFile}: target.csv: `);
    expect(message).toContain('data path "../secret.csv" points outside the folder');
    const nested = await refusal(transfer({ builtin: 'digits' }, { pretrain: { data: { imageFolder: 'data/../../' } } }), specFile);
    expect(nested).toContain('source.pretrain.data.imageFolder: ');
  });

  it('refuses a symlink inside the spec folder that leads out of it', async () => {
    const { root, folder, specFile } = layout();
    symlinkSync(join(root, 'secret.csv'), join(folder, 'data', 'linked.csv'));
    const message = await refusal(transfer({ csv: 'data/linked.csv', target: 'label' }), specFile);
    expect(message).toContain(`target.csv: `);
    expect(message).toContain(`data path "data/linked.csv" is a link to ${join(root, 'secret.csv')}, outside the folder`);
  });

  it('refuses a URL written as a data path', async () => {
    const { specFile } = layout();
    expect(await refusal(transfer({ builtin: 'digits' }, { modelPath: 'file:///etc' }), specFile)).toContain('source.modelPath: ');
  });

  it('takes an absolute path as written and returns a data note saying so', async () => {
    const { root, specFile } = layout();
    const outside = join(root, 'secret.csv');
    const { spec, notes } = await resolveSpecPaths(transfer({ csv: outside, target: 'label' }, { modelPath: join(root, 'model') }), specFile);
    expect(spec).toMatchObject({ target: { csv: outside }, source: { modelPath: join(root, 'model') } });
    expect(notes).toEqual([
      { data: 'target', note: `read from the absolute path ${outside} as written in ${specFile} (not resolved against the spec's folder)` },
      { data: 'source.modelPath', note: `read from the absolute path ${join(root, 'model')} as written in ${specFile} (not resolved against the spec's folder)` },
    ]);
  });

  it('leaves a spec nested beyond the input limit for parseSpec to refuse', async () => {
    let deep: unknown = { csv: '../secret.csv' };
    for (let i = 0; i < 100; i++) deep = { inner: deep };
    const { specFile } = layout();
    await expect(resolveSpecPaths(deep, specFile)).resolves.toEqual({ spec: deep, notes: [] });
  });
});
