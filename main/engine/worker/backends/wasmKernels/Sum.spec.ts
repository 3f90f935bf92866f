import { beforeAll, describe, expect, it } from 'vitest';
import type { HostTensor } from './kernelTesting.ts';
import { onBothBackends, randomSource, randomTensor, startWasm } from './kernelTesting.ts';

beforeAll(startWasm);

describe('Sum on wasm matches the cpu backend', () => {
  const cases: [number[], number[], boolean][] = [
    [[5, 7, 7, 6], [0, 1, 2], false], // a conv bias gradient
    [[9, 13], [0], false], // a dense bias gradient
    [[3, 4, 4, 37], [0, 1, 2], false], // 37 channels: blocks of 16, 4 and single columns
    [[7, 64], [0], true],
    [[0, 5], [0], false], // no rows: zeros
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

  it('adds in float64: the 1s after 2²⁴ are not lost, in every column block (16, 4, 1)', async () => {
    const columns = 21;
    const rows = [16777216, 1, 1, 1, 1];
    const x: HostTensor = { shape: [rows.length, columns], dtype: 'float32', values: Float32Array.from(rows.flatMap((v) => Array<number>(columns).fill(v))) };
    const { wasm } = await onBothBackends('Sum', { x }, { axis: [0], keepDims: false });
    // Float32 running sums stay at 2²⁴ (each +1 rounds away); 2²⁴ + 4 is a float32.
    expect(Array.from(wasm.values)).toEqual(Array<number>(columns).fill(16777220));
  });

  it('sums int32 exactly', async () => {
    const x: HostTensor = { shape: [5, 2], dtype: 'int32', values: Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) };
    const { wasm } = await onBothBackends('Sum', { x }, { axis: [0], keepDims: false });
    expect(Array.from(wasm.values)).toEqual([25, 30]);
  });
});
