// MMoE and MTAN-style attention: the mixing and the mask against hand computations, what each
// shares, and that gradients reach every part on an MLP and a CNN trunk.
import { tf } from '../../tf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVAL_MODE } from '../../models/forward.ts';
import { architectureNamed, type BuildContext } from './index.ts';
import { mixExperts } from './mmoe.ts';
import { attend } from './mtan.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const mlp: BuildContext = {
  model: { type: 'mlp', hidden: [4], dropout: 0, batchNorm: false },
  inputShape: [5],
  heads: [{ name: 'a', units: 3 }, { name: 'b', units: 1 }],
  seed: 1,
  penalty: 0,
};
const cnn: BuildContext = { ...mlp, model: { type: 'cnn', filters: [2, 3], dense: [], kernelSize: 3, dropout: 0, batchNorm: false }, inputShape: [8, 8, 1] };

/** Every trained variable gets a nonzero gradient from the sum of the task losses (a stand-in loss: squared outputs). */
function gradientReachesAll(ctx: BuildContext, name: 'mmoe' | 'mtan'): void {
  const m = architectureNamed(name).build(ctx);
  const x = tf.randomNormal([3, ...ctx.inputShape], 0, 1, 'float32', 7);
  const variables = [...m.encoderVariables, ...m.taskVariables.flat()];
  const { grads } = tf.variableGrads(() => {
    const z = m.encode(x, EVAL_MODE);
    return tf.addN(ctx.heads.map((_, t) => tf.sum(tf.square(tf.add(m.decode(z, t, EVAL_MODE), 1))))) as tf.Scalar;
  }, variables);
  for (const v of variables) expect(tf.sum(tf.abs(grads[v.name]!)).dataSync()[0], `${name}: ${v.name}`).toBeGreaterThan(0);
  tf.dispose([x, ...Object.values(grads)]);
  m.dispose();
}

describe('MMoE', () => {
  it('mixes experts per example by the gate (hand-computed)', () => {
    // Two experts, batch 2, features 2: example 0 all expert 0, example 1 a quarter/three quarters.
    const experts = tf.tensor3d([[[1, 2], [3, 4]], [[10, 20], [30, 40]]]);
    const gate = tf.tensor2d([[1, 0], [0.25, 0.75]]);
    expect(mixExperts(experts, gate).arraySync()).toEqual([[1, 2], [0.75 + 22.5, 1 + 30]]);
    tf.dispose([experts, gate]);
  });

  it('shares the experts; each task owns its gate and head; starts on an even mixture', () => {
    const m = architectureNamed('mmoe').build({ ...mlp, experts: 3 });
    expect(m.sharesParameters).toBe(true);
    expect(m.encoderVariables.map((v) => v.shape)).toEqual([[5, 4], [4], [5, 4], [4], [5, 4], [4]]);
    expect(m.taskVariables.map((vs) => vs.map((v) => v.shape))).toEqual([[[5, 3], [3], [4, 3], [3]], [[5, 3], [3], [4, 1], [1]]]);
    const x = tf.randomNormal([2, 5], 0, 1, 'float32', 3);
    const [mixed, byHand] = tf.tidy(() => {
      const z = m.encode(x, EVAL_MODE);
      expect(z.shape).toEqual([3, 2, 4]);
      // Zero gates: task b's output is its head (the last two variables) on the plain mean of the experts.
      const [kernel, bias] = m.taskVariables[1]!.slice(2);
      return [m.decode(z, 1, EVAL_MODE), tf.add(tf.matMul(tf.mean(z, 0) as tf.Tensor2D, kernel as tf.Tensor2D), bias!)];
    });
    const got = mixed!.dataSync();
    Array.from(byHand!.dataSync(), Number).forEach((v, i) => expect(got[i]).toBeCloseTo(v, 5));
    expect(m.paramCount).toBe(3 * (5 * 4 + 4) + (4 * 3 + 3) + (4 + 1) + 2 * (5 * 3 + 3));
    tf.dispose([x, mixed!, byHand!]);
    m.dispose();
  });

  it('gradients reach every expert, gate and head (MLP and CNN trunks)', () => {
    gradientReachesAll(mlp, 'mmoe');
    gradientReachesAll(cnn, 'mmoe');
  });
});

describe('MTAN-style attention', () => {
  it('masks each channel by σ(relu(f·W₁ + b₁)·W₂ + b₂) (hand-computed)', () => {
    // One position, 2 channels: f = (1, −2); W₁ = I, b₁ = 0 → h = (1, 0); W₂ = [[2, 0], [0, 0]], b₂ = (0, 1)
    // → a = (σ(2), σ(1)); out = (σ(2), −2σ(1)).
    const f = tf.tensor2d([[1, -2]]);
    const out = attend(f, { w1: tf.tensor2d([[1, 0], [0, 1]]), b1: tf.tensor1d([0, 0]), w2: tf.tensor2d([[2, 0], [0, 0]]), b2: tf.tensor1d([0, 1]) });
    const sigma = (v: number) => 1 / (1 + Math.exp(-v));
    const [a, b] = Array.from(out.dataSync());
    expect(a).toBeCloseTo(sigma(2), 6);
    expect(b).toBeCloseTo(-2 * sigma(1), 6);
    tf.dispose([f, out]);
  });

  it("attends over the CNN trunk's feature maps channel-wise, per task, keeping their shape", () => {
    const m = architectureNamed('mtan').build(cnn);
    expect(m.taskVariables[0]!.slice(0, 4).map((v) => v.shape)).toEqual([[3, 3], [3], [3, 3], [3]]);
    const shapes = tf.tidy(() => {
      const z = m.encode(tf.ones([2, 8, 8, 1]), EVAL_MODE);
      return [z.shape, m.decode(z, 0, EVAL_MODE).shape, m.decode(z, 1, EVAL_MODE).shape];
    });
    expect(shapes[0]).toHaveLength(4);
    expect(shapes[0]!.at(-1)).toBe(3);
    expect(shapes.slice(1)).toEqual([[2, 3], [2, 1]]);
    m.dispose();
  });

  it('gradients reach the trunk, every attention module and head (MLP and CNN trunks)', () => {
    gradientReachesAll(mlp, 'mtan');
    gradientReachesAll(cnn, 'mtan');
  });
});
