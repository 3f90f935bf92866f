// L2-SP, LwF and BSS: each penalty against a hand computation, and each strategy's refusal of
// a source it cannot use.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf } from '../tf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveModel } from '../modelIO.ts';
import { buildNet } from '../models/build.ts';
import { digitsPlans } from '../../../../tests/support/engine/configs.ts';
import { regularizerFor } from './regularizerSetup.ts';
import { bssPenalty } from './bss.ts';
import { l2Sp, l2SpPenalty } from './l2Sp.ts';
import { distillationLoss, lwf, sourceHeadProblem } from './lwf.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const options = { lrFactor: 0.1, freezeBlocks: 1, lrDecay: 0.5, probeEpochs: 1, unfreezeEvery: null };
const mlp = { type: 'mlp' as const, hidden: [4], dropout: 0, batchNorm: false };

describe('L2-SP', () => {
  it('is α/2·‖w − w⁰‖² + β/2·‖head‖², with gradient α(w − w⁰) (hand-computed)', () => {
    const w = tf.tensor1d([1, 2]);
    const w0 = tf.tensor1d([0, 4]);
    const head = tf.tensor1d([3]);
    // ‖w − w⁰‖² = 1 + 4 = 5; ‖head‖² = 9: 0.1/2·5 + 0.02/2·9 = 0.25 + 0.09.
    expect(l2SpPenalty([w], [w0], [head], 0.1, 0.02).dataSync()[0]).toBeCloseTo(0.34, 6);
    const g = tf.grad((x: tf.Tensor) => l2SpPenalty([x], [w0], [head], 0.1, 0.02))(w).arraySync() as number[];
    expect(g[0]).toBeCloseTo(0.1, 6);
    expect(g[1]).toBeCloseTo(-0.2, 6);
    tf.dispose([w, w0, head]);
  });

  it('pulls toward the source weights: zero penalty on the head-free part when nothing moved', () => {
    const source = buildNet(mlp, [3], 2, 1);
    const same = buildNet(mlp, [3], 2, 1);
    const reg = l2Sp.regularizer!({ net: same, source, sourcePath: 'src', options: { ...options, beta: 0 } });
    expect(reg.penalty({ x: tf.zeros([1, 3]), features: tf.zeros([1, 4]) }).dataSync()[0]).toBeCloseTo(0, 8);
    const other = buildNet({ ...mlp, hidden: [5] }, [3], 2, 1);
    expect(() => l2Sp.regularizer!({ net: other, source, sourcePath: 'src/model.json', options })).toThrow(/strategy "l2-sp": the weights of src\/model.json do not match/);
    [source, same, other].forEach((n) => n.model.dispose());
  });
});

describe('LwF', () => {
  it('distillation is T²·KL(softmax(t/T) ‖ softmax(s/T)) (hand-computed)', () => {
    // T = 2, teacher (2 ln 3, 0) → p = (3/4, 1/4); student (0, 0) → q = (½, ½).
    // KL = ¾ ln(3/2) + ¼ ln(1/2); × T² = 4.
    const teacher = tf.tensor2d([[2 * Math.log(3), 0]]);
    const student = tf.tensor2d([[0, 0]]);
    const expected = 4 * (0.75 * Math.log(1.5) + 0.25 * Math.log(0.5));
    expect(distillationLoss(student, teacher, 2).dataSync()[0]).toBeCloseTo(expected, 5);
    expect(distillationLoss(teacher, teacher, 2).dataSync()[0]).toBeCloseTo(0, 6);
    tf.dispose([teacher, student]);
  });

  it("gives zero penalty while the features are still the source's, and refuses a source without a classification head", () => {
    const source = buildNet(mlp, [3], 2, 4);
    expect(sourceHeadProblem(source)).toBeNull();
    const reg = lwf.regularizer!({ net: source, source, sourcePath: 'src', options });
    const x = tf.tensor2d([[0.5, -1, 2], [1, 1, 1]]);
    // The features the source itself computes: the student equals the teacher.
    const features = tf.tidy(() => tf.relu(tf.add(tf.matMul(x, source.blocks[0]!.layers[0]!.getWeights()[0] as tf.Tensor2D), source.blocks[0]!.layers[0]!.getWeights()[1]!))) as tf.Tensor2D;
    expect(reg.penalty({ x, features }).dataSync()[0]).toBeCloseTo(0, 6);
    const moved = tf.add(features, 1) as tf.Tensor2D;
    expect(reg.penalty({ x, features: moved }).dataSync()[0]).toBeGreaterThan(0);
    const regressor = buildNet(mlp, [3], 1, 4);
    expect(() => lwf.regularizer!({ net: regressor, source: regressor, sourcePath: 'reg/model.json', options })).toThrow(
      'strategy "lwf" distils the source head\'s outputs, but the source model reg/model.json ends in 1 output unit(s), not a classification head over 2 or more classes; use "fine-tune" or "l2-sp" with this source',
    );
    tf.dispose([x, features, moved]);
    [source, regressor].forEach((n) => n.model.dispose());
  });
});

describe('BSS', () => {
  it('penalizes the smallest squared singular value: [[1, 1], [0, 1]] has σ² = (3 ± √5)/2', () => {
    const f = tf.tensor2d([[1, 1], [0, 1]]);
    expect(bssPenalty(f, 1, 1).dataSync()[0]).toBeCloseTo((3 - Math.sqrt(5)) / 2, 5);
    expect(bssPenalty(f, 2, 0.5).dataSync()[0]).toBeCloseTo(0.5 * 3, 5);
    f.dispose();
  });

  it('has the gradient of σ_min², 2σ·u vᵀ: for diag(3, 1) padded with a zero row, 2 at [1][1]', () => {
    // F = [[3, 0], [0, 1], [0, 0]] (batch 3 > 2 features: the features' Gram side).
    const f = tf.tensor2d([[3, 0], [0, 1], [0, 0]]);
    expect(bssPenalty(f, 1, 1).dataSync()[0]).toBeCloseTo(1, 6);
    const g = tf.grad((x: tf.Tensor) => bssPenalty(x as tf.Tensor2D, 1, 1))(f).arraySync() as number[][];
    expect(g.flat().map((v) => +v.toFixed(6))).toEqual([0, 0, 0, 2, 0, 0]);
    // More features than rows: the batch's Gram side gives the same σ².
    const wide = tf.tensor2d([[3, 0, 0], [0, 1, 0]]);
    expect(bssPenalty(wide, 1, 1).dataSync()[0]).toBeCloseTo(1, 6);
    tf.dispose([f, wide]);
  });

  it('matches σ_min² of a random 8 × 5 feature matrix computed from its normal equations by power iteration', () => {
    let seed = 3;
    const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const rows = Array.from({ length: 8 }, () => Array.from({ length: 5 }, next));
    const f = tf.tensor2d(rows);
    // Reference: power iteration on (cI − FᵀF) finds its largest eigenvalue c − σ_min².
    const ftf = Array.from({ length: 5 }, (_, i) => Array.from({ length: 5 }, (_, j) => rows.reduce((s, r) => s + r[i]! * r[j]!, 0)));
    const c = ftf.reduce((s, r) => s + r.reduce((a, v) => a + Math.abs(v), 0), 0);
    let v = [1, 0.5, -0.3, 0.2, 0.9];
    let lambda = 0;
    for (let it = 0; it < 20_000; it++) {
      const w = v.map((_, i) => c * v[i]! - ftf[i]!.reduce((s, x, j) => s + x * v[j]!, 0));
      const n = Math.hypot(...w);
      lambda = w.reduce((s, x, i) => s + x * v[i]!, 0);
      v = w.map((x) => x / n);
    }
    expect(bssPenalty(f, 1, 1).dataSync()[0]).toBeCloseTo(c - lambda, 3);
    f.dispose();
  });
});

describe("regularizerFor (the runner's setup)", () => {
  it('loads the saved source and refuses LwF from a regression model with the message a failed run shows', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'graft-lwf-'));
    try {
      const regressor = buildNet({ ...mlp, hidden: [8] }, [64], 1, 2);
      await saveModel(regressor.model, join(dir, 'model'));
      const [, , lwfPlan, l2SpPlan] = digitsPlans([{ strategy: 'scratch' }, { strategy: 'lwf' }, { strategy: 'l2-sp' }], { model: { type: 'mlp', hidden: [8] } });
      const target = buildNet({ ...mlp, hidden: [8] }, [64], 5, 3);
      await expect(regularizerFor({ config: lwfPlan!.config, workDir: dir, sourceModelPath: join(dir, 'model') }, target)).rejects.toThrow(
        `strategy "lwf" distils the source head's outputs, but the source model ${join(dir, 'model')} ends in 1 output unit(s)`,
      );
      // L2-SP needs only the base: the same source is fine, and its penalty starts from the source's distance.
      const l2 = await regularizerFor({ config: l2SpPlan!.config, workDir: dir, sourceModelPath: join(dir, 'model') }, target);
      expect(l2!.step.penalty({ x: tf.zeros([1, 64]), features: tf.zeros([1, 8]) }).dataSync()[0]).toBeGreaterThan(0);
      l2!.dispose();
      await expect(regularizerFor({ config: l2SpPlan!.config, workDir: dir, sourceModelPath: null }, target)).rejects.toThrow('arm "l2-sp" (l2-sp) needs a source model');
      [regressor, target].forEach((n) => n.model.dispose());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

