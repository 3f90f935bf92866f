// The tfjs traps of transfer learning, each pinned by a test that fails if it regresses.
import { tf } from '../tf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { forward } from '../models/forward.ts';
import { setup, snapshot, sameWeights, MLP_BN } from '../../../../tests/support/engine/loopSetup.ts';
import { BlockOptimizers } from './optimizers.ts';
import { lossOf } from './evaluate.ts';
import { RunCancelled } from '../run/epochLoop.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('freezing', () => {
  it('keeps a frozen BatchNormalization\'s moving statistics (frozen blocks run with training: false)', async () => {
    const s = setup('partial-freeze', { options: { freezeBlocks: 1 } });
    const frozen = snapshot(s.net, 'dense1');
    const trained = snapshot(s.net, 'dense2');
    await s.run();
    const after = snapshot(s.net, 'dense1');
    expect([...after.keys()].some((k) => k.includes('moving_mean'))).toBe(true);
    expect(sameWeights(frozen, after)).toBe(true);
    // The control: a trained block's moving statistics do move.
    const movedMean = [...snapshot(s.net, 'dense2')].find(([k]) => k.includes('moving_mean'))?.[1];
    const startMean = [...trained].find(([k]) => k.includes('moving_mean'))?.[1];
    expect(movedMean).not.toEqual(startMean);
    s.dispose();
  });

  it('builds flat models (no nested Sequential, whose trainable=false tfjs ignores) and leaves frozen weights bit-identical', async () => {
    const s = setup('feature-extraction', { model: { type: 'cnn', filters: [4], dense: [8], kernelSize: 3, dropout: 0.2, batchNorm: true } });
    expect(s.net.model.layers.some((l) => l instanceof tf.LayersModel)).toBe(false);
    const base = s.net.blocks.slice(0, -1).map((b) => snapshot(s.net, b.name));
    const head = snapshot(s.net, 'head');
    const { result } = await s.run();
    s.net.blocks.slice(0, -1).forEach((b, i) => expect(sameWeights(base[i]!, snapshot(s.net, b.name))).toBe(true));
    expect(sameWeights(head, snapshot(s.net, 'head'))).toBe(false);
    // The frozen base's features were computed once, not once per epoch.
    expect(result.featureComputations).toBe(1);
    s.dispose();
  });

  it('unfreezes top-down without a recompile: each block changes only once its stage starts', async () => {
    const s = setup('gradual-unfreeze', { options: { unfreezeEvery: 1 } });
    const names = ['dense1', 'dense2', 'head'];
    const history = [names.map((n) => snapshot(s.net, n))];
    await s.run({ hooks: { onEpoch: () => void history.push(names.map((n) => snapshot(s.net, n))) } });
    const changed = (epoch: number, block: number): boolean => !sameWeights(history[epoch - 1]![block]!, history[epoch]![block]!);
    expect([changed(1, 0), changed(1, 1), changed(1, 2)]).toEqual([false, false, true]);
    expect([changed(2, 0), changed(2, 1), changed(2, 2)]).toEqual([false, true, true]);
    expect([changed(3, 0), changed(3, 1), changed(3, 2)]).toEqual([true, true, true]);
    s.dispose();
  });
});

describe('dropout in a custom loop', () => {
  it('is on in training mode (outputs vary) and off in eval mode (outputs repeat)', () => {
    const s = setup('scratch', { model: { type: 'mlp', hidden: [32], dropout: 0.5, batchNorm: false } });
    const x = s.data.train.x.slice(0, 8);
    let seed = 1;
    const train = { training: () => true, dropoutSeed: () => seed++ };
    const evalMode = { training: () => false };
    const [t1, t2, e1, e2] = [train, train, evalMode, evalMode].map((m) => forward(s.net, x, m).dataSync());
    expect(t1).not.toEqual(t2);
    expect(e1).toEqual(e2);
    expect(t1).not.toEqual(e1);
    s.dispose();
  });
});

describe('per-block learning rates under Adam', () => {
  it('one optimizer per block scales the step; scaling gradients under one Adam does not', () => {
    const s = setup('discriminative-lr', { model: { type: 'mlp', hidden: [16], dropout: 0, batchNorm: false } });
    const x = s.data.train.x.slice(0, 32);
    const y = s.data.train.y.slice(0, 32);
    const lossFn = () => lossOf(forward(s.net, x, { training: () => true }), y);
    const dense1 = s.net.blocks[0]!.layers.find((l) => l.name === 'dense1_dense')!.trainableWeights[0]!.read() as tf.Variable;
    const initial = tf.clone(dense1);
    const stepOf = (): number => tf.tidy(() => tf.mean(tf.abs(tf.sub(dense1, initial))).dataSync()[0]!);

    // Per-block optimizers: dense1 at 0.001, the head at 0.01.
    const perBlock = new BlockOptimizers(s.net, 'adam');
    perBlock.configure(0, [0.001, 0.01]);
    tf.tidy(() => perBlock.apply(tf.variableGrads(lossFn, perBlock.variables).grads));
    const perBlockStep = stepOf();
    dense1.assign(initial);

    // One Adam at 0.01 with dense1's gradients scaled by 0.1: Adam divides the scale out.
    const single = tf.train.adam(0.01);
    tf.tidy(() => {
      const { grads } = tf.variableGrads(lossFn, perBlock.variables);
      single.applyGradients(Object.entries(grads).map(([name, g]) => ({ name, tensor: name === dense1.name ? tf.mul(g, 0.1) : g })));
    });
    const scaledStep = stepOf();
    expect(perBlockStep / scaledStep).toBeCloseTo(0.1, 1);
    perBlock.dispose();
    single.dispose();
    initial.dispose();
    s.dispose();
  });
});

describe('the loop', () => {
  it.each(['scratch', 'feature-extraction', 'discriminative-lr'] as const)('keeps the tensor count flat across epochs (%s)', async (strategy) => {
    const s = setup(strategy, { model: { ...MLP_BN, dropout: 0.3 }, training: { epochs: 4 } });
    const counts: number[] = [];
    await s.run({ hooks: { onEpoch: () => void counts.push(tf.memory().numTensors) } });
    expect(counts.slice(1)).toEqual([counts[1], counts[1], counts[1]]);
    s.dispose();
  });

  it('stops at once on a non-finite loss, naming the epoch and step', async () => {
    const s = setup('scratch', { training: { optimizer: 'sgd', lr: 1e30 }, model: { type: 'mlp', hidden: [16], dropout: 0, batchNorm: false } });
    await expect(s.run()).rejects.toThrow(/^diverged at epoch 1, step \d+/);
    s.dispose();
  });

  it('stops between batches when cancelled', async () => {
    const s = setup('scratch');
    const abort = new AbortController();
    abort.abort();
    await expect(s.run({ signal: abort.signal })).rejects.toBeInstanceOf(RunCancelled);
    s.dispose();
  });

  it('stops early when val loss stops improving for `patience` epochs', async () => {
    const s = setup('scratch', { training: { epochs: 50, patience: 1, lr: 0.05 } });
    const { result, reports } = await s.run();
    expect(result.stoppedEarly).toBe(true);
    expect(reports.length).toBeLessThan(50);
    s.dispose();
  });
});
