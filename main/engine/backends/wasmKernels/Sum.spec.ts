import { beforeAll, describe, expect, it } from 'vitest';
import type { HostTensor } from './kernelTesting.ts';
import { onBothBackends, randomSource, randomTensor, startWasm } from './kernelTesting.ts';

beforeAll(startWasm);

describe('Sum on wasm matches the cpu backend', () => {
  const cases: [number[], number[], boolean][] = [
    [[5, 7, 7, 6], [0, 1, 2], false], // a conv bias gradient
    [[9, 13], [0], false], // a dense bias gradient
    [[4, 3, 5], [0, 1], true],
    [[4, 3, 5], [1, 0], false], // axes in any order
    [[3, 2], [-2], false],
    [[4, 3, 5], [2], false], // not leading: the shipped kernel
    [[4, 3, 5], [0, 2], false],
    [[6], [0], false], // a full reduction
  ];
  for (const [shape, axis, keepDims] of cases) {
    it(`x [${shape}], axis [${axis}], keepDims ${keepDims}`, async () => {
      const random = randomSource(shape.length * 10 + axis.length);
      const { error, wasm, cpu } = await onBothBackends('Sum', { x: randomTensor(random, shape) }, { axis, keepDims });
      expect(wasm.shape).toEqual(cpu.shape);
      expect(error).toBeLessThan(1e-5);
    });
  }

  it('sums int32 exactly', async () => {
    const x: HostTensor = { shape: [5, 2], dtype: 'int32', values: Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) };
    const { wasm } = await onBothBackends('Sum', { x }, { axis: [0], keepDims: false });
    expect(Array.from(wasm.values)).toEqual([25, 30]);
  });
});
