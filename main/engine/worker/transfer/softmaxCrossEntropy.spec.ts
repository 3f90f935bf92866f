import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.mjs';
import { randomSource, startWasm } from '../backends/wasmKernels/kernelTesting.ts';
import { GRAFT_SOFTMAX_XENT, GRAFT_SOFTMAX_XENT_GRAD } from '../backends/wasmKernels/SoftmaxCrossEntropy.ts';
import { setup } from '../../../../tests/support/engine/loopSetup.ts';
import { correctOf, lossOf } from './evaluate.ts';
import { sparseSoftmaxCrossEntropy, sparseSoftmaxCrossEntropyLoss } from './softmaxCrossEntropy.ts';

beforeAll(startWasm);
afterAll(() => tf.setBackend('wasm'));

interface Case {
  name: string;
  n: number;
  k: number;
  logits: Float32Array;
  labels: Int32Array;
}

function randomCase(name: string, seed: number, n: number, k: number, scale: number): Case {
  const random = randomSource(seed);
  const logits = Float32Array.from({ length: n * k }, () => (random() * 2 - 1) * scale);
  const labels = Int32Array.from({ length: n }, () => Math.floor(random() * k));
  return { name, n, k, logits, labels };
}

/** Rows with tied maxima, the label on the first, on a later one, and on neither. */
function tieCase(): Case {
  const rows = [
    [3, 3, 1, 0],
    [3, 3, 1, 0],
    [0, 2, 2, 2],
    [0, 2, 2, 2],
    [0, 2, 2, 2],
    [5, 5, 5, 5],
    [5, 5, 5, 5],
    [-1, -1, -2, -3],
  ];
  const labels = [0, 1, 1, 1, 0, 0, 3, 1];
  return { name: 'ties', n: rows.length, k: 4, logits: Float32Array.from(rows.flat()), labels: Int32Array.from(labels) };
}

function extremeCase(): Case {
  const c = randomCase('±80 and beyond', 7, 64, 10, 80);
  c.logits.set([80, -80, 80, -80, 0, 0, 0, 0, 0, 0], 0);
  c.logits.set([-80, -80, -80, -80, -80, -80, -80, -80, -80, 80], 10);
  c.logits.set([300, -300, 0, 0, 0, 0, 0, 0, 0, 0], 20);
  c.labels.set([1, 9, 1]); // a hopeless row (loss 160), a certain one, and a loss of 600
  return c;
}

const CASES: Case[] = [
  randomCase('n=1', 1, 1, 10, 3),
  randomCase('n=64', 2, 64, 10, 3),
  randomCase('k=2, odd n', 4, 13, 2, 5),
  tieCase(),
  extremeCase(),
];

interface Result {
  loss: number;
  correct: number;
  grad: Float32Array;
  kernels: string[];
}

/** Loss, hits and d(2.5·loss)/d(logits) (a non-unit upstream gradient), on one backend. */
async function run(backend: 'cpu' | 'wasm', c: Case, fused: boolean): Promise<Result> {
  await tf.setBackend(backend);
  const logits = tf.tensor2d(c.logits, [c.n, c.k]);
  const labels = tf.tensor1d(c.labels, 'int32');
  let loss = 0;
  let correct = 0;
  const profile = await tf.profile(() => {
    const f = (x: tf.Tensor): tf.Scalar => {
      const out = fused ? sparseSoftmaxCrossEntropy(x, labels) : { loss: lossOf(x, labels), correct: correctOf(x, labels) };
      loss = out.loss.dataSync()[0]!;
      correct = out.correct.dataSync()[0]!;
      return tf.mul(out.loss, 2.5);
    };
    return tf.grad(f)(logits);
  });
  const g = profile.result as tf.Tensor;
  const grad = g.dataSync() as Float32Array;
  tf.dispose([g, logits, labels]);
  return { loss, correct, grad, kernels: profile.kernels.map((k) => k.name) };
}

function expectClose(actual: Result, expected: Result, c: Case): void {
  expect(actual.correct).toBe(expected.correct);
  expect(Math.abs(actual.loss - expected.loss)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected.loss)));
  expect(actual.grad.length).toBe(c.n * c.k);
  for (let i = 0; i < actual.grad.length; i++) {
    expect(Math.abs(actual.grad[i]! - expected.grad[i]!), `${c.name}: gradient ${i}`).toBeLessThanOrEqual(1e-6);
  }
}

describe('sparseSoftmaxCrossEntropy', () => {
  for (const c of CASES) {
    it(`matches tfjs’ softmaxCrossEntropy, argMax hits and gradient: ${c.name}`, async () => {
      const cpu = await run('cpu', c, false);
      const wasmReference = await run('wasm', c, false);
      const wasm = await run('wasm', c, true);
      expect(wasm.kernels).toContain(GRAFT_SOFTMAX_XENT);
      expect(wasm.kernels).toContain(GRAFT_SOFTMAX_XENT_GRAD);
      expectClose(wasm, cpu, c);
      expectClose(wasm, wasmReference, c);
      // On cpu it is exactly the tfjs formulation.
      const cpuFused = await run('cpu', c, true);
      expect(cpuFused.loss).toBe(cpu.loss);
      expect(cpuFused.correct).toBe(cpu.correct);
      expect(Array.from(cpuFused.grad)).toEqual(Array.from(cpu.grad));
      expect(cpuFused.kernels).not.toContain(GRAFT_SOFTMAX_XENT);
    });
  }

  it('counts the first argmax as tfjs does on ties', async () => {
    // Rows: label on the first tie (hit), on the second (miss), …: 4 hits in all (3 if the last max counted).
    const c = tieCase();
    expect((await run('wasm', c, true)).correct).toBe(4);
    expect((await run('cpu', c, false)).correct).toBe(4);
  });

  it('rejects a single class, as tfjs’ oneHot does', async () => {
    for (const backend of ['cpu', 'wasm'] as const) {
      await tf.setBackend(backend);
      const logits = tf.tensor2d([1, 2, 3], [3, 1]);
      const labels = tf.tensor1d([0, 0, 0], 'int32');
      expect(() => tf.tidy(() => sparseSoftmaxCrossEntropy(logits, labels).loss)).toThrow(/2/);
      tf.dispose([logits, labels]);
    }
  });

  it('accepts float32 labels holding class indices', async () => {
    await tf.setBackend('wasm');
    const c = randomCase('float labels', 9, 6, 5, 2);
    const [a, b] = tf.tidy(() => {
      const logits = tf.tensor2d(c.logits, [c.n, c.k]);
      return [
        sparseSoftmaxCrossEntropyLoss(logits, tf.tensor1d(Float32Array.from(c.labels), 'float32')),
        sparseSoftmaxCrossEntropyLoss(logits, tf.tensor1d(c.labels, 'int32')),
      ];
    });
    expect(a!.dataSync()[0]).toBe(b!.dataSync()[0]);
    tf.dispose([a!, b!]);
  });

  it('rejects a label outside [0, k) on wasm, naming it and its row', async () => {
    await tf.setBackend('wasm');
    const logits = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    for (const [bad, message] of [
      [[0, 3], /label 3 of row 1 is not a class index in \[0, 3\)/],
      [[-1, 0], /label -1 of row 0/],
    ] as const) {
      const labels = tf.tensor1d(bad as unknown as number[], 'int32');
      expect(() => tf.tidy(() => sparseSoftmaxCrossEntropy(logits, labels).loss)).toThrow(message);
      labels.dispose();
    }
    const fractional = tf.tensor1d([0, 1.5], 'float32');
    expect(() => tf.tidy(() => sparseSoftmaxCrossEntropy(logits, fractional).loss)).toThrow(/label 1.5 of row 1/);
    tf.dispose([logits, fractional]);
  });

  it('leaks no tensors through a gradient', async () => {
    await tf.setBackend('wasm');
    const v = tf.variable(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]), true, 'xent_leak');
    const labels = tf.tensor1d([2, 0], 'int32');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const { value, grads } = tf.variableGrads(() => sparseSoftmaxCrossEntropy(v, labels).loss, [v]);
      tf.dispose([value, ...Object.values(grads)]);
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([v, labels]);
  });
});

describe('the training step on wasm', () => {
  it('runs the fused loss kernel and its gradient instead of tfjs’ chain', async () => {
    await tf.setBackend('wasm');
    const s = setup('scratch', { training: { epochs: 1 } });
    try {
      const profile = await tf.profile(async () => {
        await s.run();
        return [];
      });
      const kernels = new Set(profile.kernels.map((k) => k.name));
      expect(kernels).toContain(GRAFT_SOFTMAX_XENT);
      expect(kernels).toContain(GRAFT_SOFTMAX_XENT_GRAD);
      // Evaluation keeps tfjs' ops, so count the training steps' kernels by call count instead.
      const calls = (name: string): number => profile.kernels.filter((k) => k.name === name).length;
      const steps = calls(GRAFT_SOFTMAX_XENT);
      expect(steps).toBe(Math.ceil(s.data.train.n / 16));
      expect(calls('OneHot')).toBeLessThan(steps);
      expect(calls('LogSoftmax') + calls('Exp')).toBeLessThan(steps);
    } finally {
      s.dispose();
    }
  });
});
