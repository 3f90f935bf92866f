// What each architecture shares, checked on its variables and outputs.
import { tf } from '../../tf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVAL_MODE } from '../../models/forward.ts';
import { architectureNamed, type BuildContext } from './index.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const ctx: BuildContext = {
  model: { type: 'mlp', hidden: [4, 3], dropout: 0, batchNorm: false },
  inputShape: [5],
  heads: [{ name: 'a', units: 3 }, { name: 'b', units: 1 }],
  seed: 1,
  penalty: 0.5,
};

describe('architectures', () => {
  it('hard-sharing: one trunk reached by both tasks, a head each', () => {
    const m = architectureNamed('hard-sharing').build(ctx);
    expect(m.sharesParameters).toBe(true);
    expect(m.encoderVariables.map((v) => v.shape)).toEqual([[5, 4], [4], [4, 3], [3]]);
    expect(m.taskVariables.map((vs) => vs.map((v) => v.shape))).toEqual([[[3, 3], [3]], [[3, 1], [1]]]);
    const out = tf.tidy(() => m.decode(m.encode(tf.ones([2, 5]), EVAL_MODE), 1, EVAL_MODE).shape);
    expect(out).toEqual([2, 1]);
    m.dispose();
  });

  it('soft-sharing: separate towers, penalty λ·Σ‖W_a − W_b‖² over corresponding weights', () => {
    const m = architectureNamed('soft-sharing').build(ctx);
    expect(m.sharesParameters).toBe(false);
    const [a, b] = [m.encoderVariables.slice(0, 4), m.encoderVariables.slice(4)];
    let expected = 0;
    a.forEach((v, i) => {
      const x = v.dataSync();
      const y = b[i]!.dataSync();
      for (let k = 0; k < x.length; k++) expected += ((x[k] as number) - (y[k] as number)) ** 2;
    });
    const penalty = m.penalty?.();
    expect(penalty?.dataSync()[0]).toBeCloseTo(0.5 * expected, 4);
    tf.dispose(penalty as tf.Tensor);
    m.dispose();
  });

  it('cross-stitch: towers mixed 0.9 / 0.1 between blocks; the last mix is per task', () => {
    const m = architectureNamed('cross-stitch').build(ctx);
    const stitch = m.encoderVariables.at(-1)!;
    expect(Array.from(stitch.dataSync()).map((v) => Number(v.toFixed(6)))).toEqual([0.9, 0.1, 0.1, 0.9]);
    expect(m.taskVariables[1]![0]!.shape).toEqual([1, 2]);
    const z = tf.tidy(() => m.encode(tf.ones([2, 5]), EVAL_MODE));
    expect(z.shape).toEqual([2, 2, 3]);
    z.dispose();
    m.dispose();
  });

  it('single-task: one model per task, nothing shared', () => {
    const m = architectureNamed('single-task').build(ctx);
    expect(m.sharesParameters).toBe(false);
    expect(m.penalty).toBeNull();
    expect(m.encoderVariables).toHaveLength(8);
    m.dispose();
  });
});
