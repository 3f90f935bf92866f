import { mkdtemp, readFile, rm, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf } from './tf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../../contract/spec.ts';
import { loadModel, saveModel } from './modelIO.ts';
import { buildNet } from './models/build.ts';
import { blocksOf } from './models/net.ts';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'graft-modelio-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cnn: ModelConfig = { type: 'cnn', filters: [4], dense: [8], kernelSize: 3, dropout: 0.1, batchNorm: true };

describe('modelIO', () => {
  it('saves and loads model.json + weights.bin with the same weights and blocks', async () => {
    const net = buildNet(cnn, [8, 8, 1], 3, 7);
    const saved = await saveModel(net.model, join(dir, 'a'));
    expect(saved.sha256).toMatch(/^[0-9a-f]{64}$/);
    const { model, metadata } = await loadModel(join(dir, 'a', 'model.json'));
    const blocks = blocksOf(model, metadata, 'a');
    expect(blocks.map((b) => b.name)).toEqual(['conv1', 'dense1', 'head']);
    const x = tf.randomUniform([2, 8, 8, 1], 0, 1, 'float32', 1);
    expect((model.predict(x) as tf.Tensor).dataSync()).toEqual((net.model.predict(x) as tf.Tensor).dataSync());
  });

  it('names the weight file and what was expected when the weights do not match', async () => {
    const net = buildNet(cnn, [8, 8, 1], 3, 7);
    await saveModel(net.model, join(dir, 'short'));
    await truncate(join(dir, 'short', 'weights.bin'), 100);
    await expect(loadModel(join(dir, 'short'))).rejects.toThrow(/short\/weights\.bin: holds 100 bytes but .*model\.json describes \d+ bytes/);
    await saveModel(net.model, join(dir, 'gone'));
    await unlink(join(dir, 'gone', 'weights.bin'));
    await expect(loadModel(join(dir, 'gone'))).rejects.toThrow(/gone\/weights\.bin: weight file is missing/);
    await expect(loadModel(join(dir, 'nowhere'))).rejects.toThrow(/cannot read .*nowhere\/model\.json/);
  });

  it('refuses weight paths that leave the model folder, naming the path, and opens nothing there', async () => {
    const net = buildNet(cnn, [8, 8, 1], 3, 7);
    const saved = await saveModel(net.model, join(dir, 'escape', 'model'));
    const weights = await readFile(join(saved.dir, 'weights.bin'));
    // A file of exactly the right size outside the folder: before the check it loaded and trained.
    await writeFile(join(dir, 'escape', 'outside.bin'), weights);
    await symlink(join(dir, 'escape', 'outside.bin'), join(saved.dir, 'link.bin'));
    const path = join(saved.dir, 'model.json');
    const json = JSON.parse(await readFile(path, 'utf8')) as { weightsManifest: { paths: string[] }[] };
    for (const [written, why] of [
      ['../outside.bin', /weight file "\.\.\/outside\.bin" points outside the folder/],
      ['../../../../../../../../etc/passwd', /points outside the folder/],
      [join(dir, 'escape', 'outside.bin'), /is an absolute path/],
      ['..%2Foutside.bin', /"\.\.%2Foutside\.bin" points outside the folder/],
      ['link.bin', /"link\.bin" is a link to .*outside\.bin, outside the folder/],
    ] as const) {
      json.weightsManifest[0]!.paths = [written];
      await writeFile(path, JSON.stringify(json));
      await expect(loadModel(path)).rejects.toThrow(why);
    }
  });

  it('rejects weights whose shapes do not fit the topology, naming model.json', async () => {
    const net = buildNet(cnn, [8, 8, 1], 3, 7);
    await saveModel(net.model, join(dir, 'shape'));
    const path = join(dir, 'shape', 'model.json');
    const json = JSON.parse(await readFile(path, 'utf8')) as { weightsManifest: { weights: { shape: number[] }[] }[] };
    const w = json.weightsManifest[0]!.weights;
    // Swap two shapes of equal size so byte counts still match but shapes do not.
    const kernel = w.find((x) => x.shape.length === 4)!;
    kernel.shape = [kernel.shape[3]!, kernel.shape[1]!, kernel.shape[2]!, kernel.shape[0]!];
    await writeFile(path, JSON.stringify(json));
    await expect(loadModel(path)).rejects.toThrow(/model\.json: the weights do not fit the model/);
  });

  it('names the weight whose manifest shape is wrong, both when the bytes still add up and when they do not', async () => {
    const net = buildNet(cnn, [8, 8, 1], 3, 7);
    await saveModel(net.model, join(dir, 'named'));
    const path = join(dir, 'named', 'model.json');
    const original = await readFile(path, 'utf8');
    type Manifest = { weightsManifest: { weights: { name: string; shape: number[] }[] }[] };
    const swapped = JSON.parse(original) as Manifest;
    const dense = swapped.weightsManifest[0]!.weights.find((w) => w.shape.length === 2)!;
    dense.shape = [dense.shape[1]!, dense.shape[0]!];
    await writeFile(path, JSON.stringify(swapped));
    await expect(loadModel(path)).rejects.toThrow(new RegExp(`weight "${dense.name}" is \\[${dense.shape.join(', ')}\\] in the weights manifest, but its layer needs \\[${[...dense.shape].reverse().join(', ')}\\]`));
    const grown = JSON.parse(original) as Manifest;
    const bias = grown.weightsManifest[0]!.weights.find((w) => w.name.endsWith('bias'))!;
    bias.shape = [bias.shape[0]! + 1];
    await writeFile(path, JSON.stringify(grown));
    await expect(loadModel(path)).rejects.toThrow(new RegExp(`weight "${bias.name}" is \\[${bias.shape[0]}\\] in the weights manifest.*the weight file holds \\d+ bytes`));
  });

  it('gives the line and column of a syntax error in model.json', async () => {
    await saveModel(buildNet(cnn, [8, 8, 1], 3, 7).model, join(dir, 'syntax'));
    const path = join(dir, 'syntax', 'model.json');
    await writeFile(path, '{\n  "modelTopology": {},\n  "format": "layers-model",,\n}');
    await expect(loadModel(path)).rejects.toThrow(/syntax\/model\.json:3:\d+: not valid JSON/);
  });

  it('cuts a foreign sequential model into blocks, one per weighted layer', async () => {
    const foreign = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [6], units: 8, activation: 'relu' }),
        tf.layers.dropout({ rate: 0.2 }),
        tf.layers.dense({ units: 4, activation: 'relu' }),
        tf.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    await saveModel(foreign, join(dir, 'foreign'));
    const { model, metadata } = await loadModel(join(dir, 'foreign'));
    const blocks = blocksOf(model, metadata, 'foreign');
    expect(blocks.map((b) => [b.name, b.layers.length])).toEqual([
      ['block1', 2],
      ['block2', 1],
      ['head', 1],
    ]);
  });
});
