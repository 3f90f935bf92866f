import { mkdtemp, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
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
