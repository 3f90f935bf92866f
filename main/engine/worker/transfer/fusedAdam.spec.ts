import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.mjs';
import { randomSource, randomTensor, relativeError, startWasm } from '../backends/wasmKernels/kernelTesting.ts';
import { ADAM_UPDATE, type AdamUpdateAttrs } from '../backends/wasmKernels/AdamUpdate.ts';
import { FusedAdamOptimizer } from './fusedAdam.ts';
import { makeOptimizer } from './optimizers.ts';

beforeAll(startWasm);
afterAll(() => tf.setBackend('wasm'));

// Odd sizes, a scalar, a 2-D and a 4-D weight (a conv kernel).
const SHAPES: number[][] = [[7], [], [13, 5], [3, 3, 2, 5], [1]];
const STEPS = 5;

let unique = 0;

interface Run {
  optimizer: tf.Optimizer;
  variables: tf.Variable[];
}

function makeVariables(seed: number): tf.Variable[] {
  const random = randomSource(seed);
  return SHAPES.map((shape) => tf.variable(tf.tensor(randomTensor(random, shape).values, shape), true, `fusedAdam_${unique++}`));
}

/** Gradients of step `step`: the same for every run, with some large, tiny and zero entries. */
function gradients(step: number): Float32Array[] {
  const random = randomSource(1000 + step);
  return SHAPES.map((shape) => {
    const g = randomTensor(random, shape).values as Float32Array;
    for (let i = 0; i < g.length; i++) {
      if (i % 5 === 1) g[i] = g[i]! * 1e-4;
      if (i % 7 === 2) g[i] = g[i]! * 50;
      if (i % 11 === 3) g[i] = 0;
    }
    return g;
  });
}

function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = lr;
}

function step(run: Run, i: number, lr: number): void {
  setLearningRate(run.optimizer, lr);
  const grads = gradients(i);
  tf.tidy(() => {
    run.optimizer.applyGradients(run.variables.map((v, j) => ({ name: v.name, tensor: tf.tensor(grads[j]!, v.shape) })));
  });
}

async function values(run: Run): Promise<Float32Array[]> {
  const weights = await run.optimizer.getWeights();
  const out: Float32Array[] = [];
  for (const v of run.variables) out.push((await v.data()) as Float32Array);
  for (const w of weights) out.push((await w.tensor.data()) as Float32Array);
  // getWeights() makes a fresh tensor for the iteration count; the moments are live state.
  weights[0]!.tensor.dispose();
  return out;
}

function names(weights: { name: string }[]): string[] {
  return weights.map((w) => w.name.replace(/fusedAdam_\d+/, 'x'));
}

function dispose(run: Run): void {
  run.optimizer.dispose();
  tf.dispose(run.variables);
}

function expectClose(actual: Float32Array[], expected: Float32Array[], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(relativeError(actual[i]!, expected[i]!), `tensor ${i}`).toBeLessThanOrEqual(tolerance);
  }
}

function expectIdentical(actual: Float32Array[], expected: Float32Array[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Array.from(actual[i]!), `tensor ${i}`).toEqual(Array.from(expected[i]!));
}

const SCHEDULES: [string, number[]][] = [
  ['lr 1e-3', [1e-3, 1e-3, 1e-3, 1e-3, 1e-3]],
  ['lr 0.01', [0.01, 0.01, 0.01, 0.01, 0.01]],
  ['lr 0.3', [0.3, 0.3, 0.3, 0.3, 0.3]],
  ['lr changing between steps', [0.01, 1e-3, 0.1, 0, 3e-4]],
];

describe('FusedAdamOptimizer on wasm', () => {
  for (const [label, lrs] of SCHEDULES) {
    it(`matches tf.train.adam over ${STEPS} steps, ${label}`, async () => {
      const fused: Run = { optimizer: new FusedAdamOptimizer(lrs[0]!), variables: makeVariables(7) };
      const reference: Run = { optimizer: tf.train.adam(lrs[0]), variables: makeVariables(7) };
      for (let i = 0; i < STEPS; i++) {
        step(fused, i, lrs[i]!);
        step(reference, i, lrs[i]!);
        const [a, b] = [await values(fused), await values(reference)];
        // The step folds the bias corrections into two scalars: equal up to float32 rounding.
        expectClose(a, b, 1e-6);
      }
      expect(names(await fused.optimizer.getWeights())).toEqual(names(await reference.optimizer.getWeights()));
      dispose(fused);
      dispose(reference);
    });
  }

  it('runs the fused kernel, not the elementwise ops', async () => {
    const run: Run = { optimizer: new FusedAdamOptimizer(0.01), variables: makeVariables(3) };
    step(run, 0, 0.01);
    const profile = await tf.profile(() => step(run, 1, 0.01));
    expect(profile.kernelNames).toContain(ADAM_UPDATE);
    expect(profile.kernelNames).not.toContain('Sqrt');
    expect(profile.kernels.filter((k) => k.name === ADAM_UPDATE)).toHaveLength(SHAPES.length);
    dispose(run);
  });

  it('makeOptimizer makes it for adam', () => {
    const optimizer = makeOptimizer('adam', 0.02);
    expect(optimizer).toBeInstanceOf(FusedAdamOptimizer);
    expect(optimizer).toBeInstanceOf(tf.AdamOptimizer);
    expect(optimizer.getClassName()).toBe('Adam');
    expect(optimizer.getConfig()).toEqual(tf.train.adam(0.02).getConfig());
    optimizer.dispose();
  });

  it('leaks no tensors once its moments exist', () => {
    const run: Run = { optimizer: new FusedAdamOptimizer(0.01), variables: makeVariables(5) };
    step(run, 0, 0.01);
    const before = tf.memory().numTensors;
    step(run, 1, 0.01);
    step(run, 2, 0.01);
    expect(tf.memory().numTensors).toBe(before);
    dispose(run);
  });

  it('updates moments no other tensor shares in place, and gives every weight new data', async () => {
    const run: Run = { optimizer: new FusedAdamOptimizer(0.01), variables: makeVariables(4) };
    step(run, 0, 0.01);
    const moments = (await run.optimizer.getWeights()).slice(1).map((w) => w.tensor);
    const momentData = moments.map((t) => t.dataId);
    const weightData = run.variables.map((v) => v.dataId);
    step(run, 1, 0.01);
    expect(moments.map((t) => t.dataId)).toEqual(momentData);
    run.variables.forEach((v, i) => expect(v.dataId).not.toBe(weightData[i]));
    dispose(run);
  });

  it('does not write over the old weights or moments (they may be shared)', async () => {
    const run: Run = { optimizer: new FusedAdamOptimizer(0.1), variables: makeVariables(9) };
    step(run, 0, 0.1);
    const weights = await run.optimizer.getWeights();
    weights[0]!.tensor.dispose();
    const kept = [...run.variables, ...weights.slice(1).map((w) => w.tensor)].map((t) => tf.clone(t));
    const snapshot = kept.map((t) => Float32Array.from(t.dataSync()));
    step(run, 1, 0.1);
    expect(Array.from(await run.variables[0]!.data())).not.toEqual(Array.from(snapshot[0]!));
    expectIdentical(kept.map((t) => t.dataSync() as Float32Array), snapshot);
    tf.dispose(kept);
    dispose(run);
  });

  it('restored mid-way from getWeights/setWeights, continues as an uninterrupted run', async () => {
    const lrs = [0.01, 0.01, 3e-3, 3e-3, 3e-3];
    const uninterrupted: Run = { optimizer: new FusedAdamOptimizer(lrs[0]!), variables: makeVariables(11) };
    for (let i = 0; i < STEPS; i++) step(uninterrupted, i, lrs[i]!);

    const restoredRun = async (make: () => tf.Optimizer): Promise<Run> => {
      const first: Run = { optimizer: make(), variables: makeVariables(11) };
      for (let i = 0; i < 2; i++) step(first, i, lrs[i]!);
      // Through the bytes a checkpoint stores.
      const weights = await first.optimizer.getWeights();
      const encoded = await tf.io.encodeWeights(weights);
      weights[0]!.tensor.dispose();
      const decoded = tf.io.decodeWeights(tf.io.CompositeArrayBuffer.join(encoded.data), encoded.specs);
      const second: Run = { optimizer: make(), variables: first.variables };
      await second.optimizer.setWeights(encoded.specs.map((s) => ({ name: s.name, tensor: decoded[s.name]! })));
      tf.dispose(Object.values(decoded));
      first.optimizer.dispose();
      for (let i = 2; i < STEPS; i++) step(second, i, lrs[i]!);
      return second;
    };
    const fused = await restoredRun(() => new FusedAdamOptimizer(lrs[0]!));
    const reference = await restoredRun(() => tf.train.adam(lrs[0]));
    // setWeights recomputes β1ᵗ as a power where the run multiplied it up step by step: close,
    // as for tfjs' own Adam.
    expectClose(await values(fused), await values(uninterrupted), 1e-6);
    expectClose(await values(fused), await values(reference), 1e-6);
    dispose(fused);
    dispose(reference);
    dispose(uninterrupted);
  });
});

describe('the wasm Adam kernel and subnormal moments', () => {
  const SMALLEST_NORMAL = 2 ** -126;
  // Nine elements: eight through the SIMD loop, the last through the scalar tail.
  // Per element: m, v and g, and what happens to it.
  const CASES: [m: number, v: number, g: number][] = [
    [1.2e-38, 1e-4, 0], //       m·β1 falls below 2⁻¹²⁶: m' = 0
    [-1.2e-38, 1e-4, 0], //      the same, negative
    [1e-45, 1e-4, 0], //         m stuck at the smallest subnormal (m·β1 rounds back to it)
    [1e-3, 2 ** -126, 0], //      v·β2 falls below 2⁻¹²⁶: v' = 0
    [1e-3, 1e-4, 0.5], //        ordinary
    [0, 0, 0], //                a weight never moved
    [1e-3, 1e-4, Number.NaN], // a diverged gradient: stays NaN, not flushed to 0
    [-2e-3, 3e-4, -0.25], //     ordinary
    [1e-45, 1e-4, 0], //         the tail: stuck m
  ];
  const attrs: AdamUpdateAttrs = {
    learningRate: 0.01, beta1: 0.9, beta2: 0.999, oneMinusBeta1: 1 - 0.9, oneMinusBeta2: 1 - 0.999, epsilon: 1e-7,
    oneMinusAccBeta1: 1 - 0.9 ** 3, oneMinusAccBeta2: 1 - 0.999 ** 3,
  };
  const column = (i: number): tf.Tensor1D => tf.tensor1d(CASES.map((c) => c[i]!));

  it("stores moments below 2⁻¹²⁶ as zero (where tfjs' formula leaves a subnormal), others as tfjs does", async () => {
    const [m, v, g] = [column(0), column(1), column(2)];
    const x = tf.ones([CASES.length]);
    const [xOut, mOut, vOut] = tf.engine().runKernel(ADAM_UPDATE, { x, m, v, g }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
    const got = { m: await mOut!.data(), v: await vOut!.data(), x: await xOut!.data() };
    // tfjs' own elementwise moments (float32 throughout), on the same backend.
    const expected = tf.tidy(() => ({
      m: tf.add(tf.mul(m, attrs.beta1), tf.mul(g, attrs.oneMinusBeta1)).dataSync(),
      v: tf.add(tf.mul(v, attrs.beta2), tf.mul(tf.square(g), attrs.oneMinusBeta2)).dataSync(),
    }));
    for (const key of ['m', 'v'] as const) {
      CASES.forEach((_, i) => {
        const tfjs = expected[key][i]!;
        const subnormal = tfjs !== 0 && Math.abs(tfjs) < SMALLEST_NORMAL;
        expect(Object.is(got[key][i], subnormal ? 0 : tfjs) || (Number.isNaN(tfjs) && Number.isNaN(got[key][i]!)), `${key}[${i}]: ${got[key][i]} for tfjs' ${tfjs}`).toBe(true);
      });
    }
    // The cases do reach subnormals in tfjs' arithmetic: without the flush the test would fail.
    expect([0, 1, 2, 8].every((i) => expected.m[i] !== 0 && Math.abs(expected.m[i]!) < SMALLEST_NORMAL)).toBe(true);
    expect(expected.v[3]! > 0 && expected.v[3]! < SMALLEST_NORMAL).toBe(true);
    // A flushed moment is the same step: the weight does not move (x is 1, far above 1e-38·lr).
    for (const i of [0, 1, 2, 5, 8]) expect(got.x[i]).toBe(1);
    expect(Number.isNaN(got.x[6]!)).toBe(true);
    tf.dispose([m, v, g, x, xOut!, mOut!, vOut!]);
  });
});

describe('FusedAdamOptimizer on cpu', () => {
  it("is tfjs's Adam", async () => {
    await tf.setBackend('cpu');
    try {
      const fused: Run = { optimizer: new FusedAdamOptimizer(0.01), variables: makeVariables(13) };
      const reference: Run = { optimizer: tf.train.adam(0.01), variables: makeVariables(13) };
      const profile = await tf.profile(() => step(fused, 0, 0.01));
      expect(profile.kernelNames).not.toContain(ADAM_UPDATE);
      step(reference, 0, 0.01);
      for (let i = 1; i < 3; i++) {
        step(fused, i, 0.01);
        step(reference, i, 0.01);
      }
      expectIdentical(await values(fused), await values(reference));
      dispose(fused);
      dispose(reference);
    } finally {
      await tf.setBackend('wasm');
    }
  });
});

describe('FusedAdamOptimizer moving between backends', () => {
  it("hands β1ᵗ, β2ᵗ back to tfjs' variables when tfjs' own step takes over", async () => {
    const fused: Run = { optimizer: new FusedAdamOptimizer(0.01), variables: makeVariables(17) };
    const reference: Run = { optimizer: tf.train.adam(0.01), variables: makeVariables(17) };
    try {
      for (let i = 0; i < 3; i++) {
        step(fused, i, 0.01);
        step(reference, i, 0.01);
      }
      await tf.setBackend('cpu');
      for (let i = 3; i < STEPS; i++) {
        step(fused, i, 0.01);
        step(reference, i, 0.01);
      }
      // Without the hand-back, tfjs' step would use β1¹ and β2¹ again: off by far more than this.
      expectClose(await values(fused), await values(reference), 1e-6);
    } finally {
      dispose(fused);
      dispose(reference);
      await tf.setBackend('wasm');
    }
  });
});
