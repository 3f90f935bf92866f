import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf.mjs';
import { onBothBackends, randomSource, randomTensor, runKernelOn, startWasm, type HostTensor } from './kernelTesting.ts';

beforeAll(startWasm);

function indices(values: number[]): HostTensor {
  return { shape: [values.length], dtype: 'int32', values: Int32Array.from(values) };
}

describe('GatherV2 on wasm matches the cpu backend', () => {
  const cases: [number[], number[], number][] = [
    [[10, 28, 28, 1], [3, 0, 9, 3, 5], 0],
    [[12], [11, 0, 4], 0],
    [[6, 5, 4], [4, 0, 2, 2], 1],
    [[6, 5, 40], [39, 0, 7], 2],
  ];
  for (const [shape, at, axis] of cases) {
    it(`x [${shape}], axis ${axis}, indices [${at}]`, async () => {
      const { error, wasm, cpu } = await onBothBackends('GatherV2', { x: randomTensor(randomSource(shape.length), shape), indices: indices(at) }, { axis, batchDims: 0 });
      expect(wasm.shape).toEqual(cpu.shape);
      expect(error).toBe(0);
    });
  }

  it('gathers int32 labels exactly', async () => {
    const x: HostTensor = { shape: [5], dtype: 'int32', values: Int32Array.from([10, 11, 12, 13, 14]) };
    const { wasm } = await onBothBackends('GatherV2', { x, indices: indices([4, 0, 0, 2]) }, { axis: 0, batchDims: 0 });
    expect(Array.from(wasm.values)).toEqual([14, 10, 10, 12]);
  });

  it('gathers bool values (1-byte elements, copied in JavaScript) along an inner axis', async () => {
    const x = tf.tensor2d([[true, false, true], [false, false, true]], [2, 3], 'bool');
    const out = tf.gather(x, tf.tensor1d([2, 2, 0, 1], 'int32'), 1);
    expect(await out.array()).toEqual([[1, 1, 1, 0], [1, 1, 0, 0]]);
    tf.dispose([x, out]);
  });

  it('refuses an index out of range, as the shipped kernel does', async () => {
    await expect(runKernelOn('wasm', 'GatherV2', { x: randomTensor(randomSource(1), [3, 2]), indices: indices([3]) }, { axis: 0, batchDims: 0 })).rejects.toThrow(/index value 3/);
  });
});

describe('Slice on wasm matches the cpu backend', () => {
  const cases: [number[], number[], number[]][] = [
    [[20, 8, 8, 1], [5, 0, 0, 0], [7, 8, 8, 1]],
    [[20, 8, 8, 3], [1, 2, 3, 1], [4, 5, 4, 2]],
    [[9, 7], [2, 3], [5, -1]],
    [[9, 7, 5], [0, 1, 2], [9, 3, 3]],
    [[30], [4], [11]],
  ];
  for (const [shape, begin, size] of cases) {
    it(`x [${shape}] from [${begin}] size [${size}]`, async () => {
      const { error, wasm, cpu } = await onBothBackends('Slice', { x: randomTensor(randomSource(shape.length + 7), shape) }, { begin, size });
      expect(wasm.shape).toEqual(cpu.shape);
      expect(error).toBe(0);
    });
  }
});

describe('Identity on wasm', () => {
  it('gives the same values, and each tensor outlives the other', async () => {
    await startWasm();
    const x = tf.tensor([1, -2, 3.5, 0], [2, 2]);
    const y = tf.engine().runKernel('Identity', { x }) as tf.Tensor;
    expect(Array.from(await y.data())).toEqual([1, -2, 3.5, 0]);
    x.dispose();
    expect(Array.from(await y.data())).toEqual([1, -2, 3.5, 0]);
    const z = tf.engine().runKernel('Identity', { x: y }) as tf.Tensor;
    y.dispose();
    expect(Array.from(await tf.add(z, 1).data())).toEqual([2, -1, 4.5, 1]);
    z.dispose();
  });

  it('leaves training unchanged: gradients through kept tensors match the cpu backend', async () => {
    const run = async (backend: 'cpu' | 'wasm'): Promise<number[]> => {
      await tf.setBackend(backend);
      const w = tf.variable(tf.tensor([0.5, -0.25, 1.5], [3, 1]));
      const x = tf.tensor([1, 2, 3, 4, 5, 6], [2, 3]);
      const g = tf.variableGrads(() => tf.sum(tf.relu(tf.matMul(x, w)).square()), [w]).grads;
      const values = Array.from(await g[w.name]!.data());
      tf.dispose([w, x, ...Object.values(g)]);
      return values;
    };
    const cpu = await run('cpu');
    expect(await run('wasm')).toEqual(cpu);
  });
});
