import { beforeAll, describe, expect, it } from 'vitest';
import { onBothBackends, randomSource, randomTensor, startWasm } from './kernelTesting.ts';

beforeAll(startWasm);

// [m, k, n] per case, chosen against the packed product's tiles (4 rows × 8 columns, k in
// blocks of 512): smaller than one tile, whole tiles, ragged right and bottom edges, and k over
// one block (the second block adds onto the first).
const SIZES: [number, number, number][] = [
  [3, 4, 5],
  [1, 7, 2],
  [64, 200, 128],
  [40, 96, 33],
  [5, 1100, 19],
];

describe('BatchMatMul on wasm matches the cpu backend', () => {
  for (const [m, k, n] of SIZES) {
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        for (const [batchA, batchB] of [
          [1, 1],
          [3, 3],
          [3, 1],
          [1, 2],
        ] as const) {
          const label = `[${batchA}×${m}×${k}]·[${batchB}×${k}×${n}], transposeA ${transposeA}, transposeB ${transposeB}`;
          it(label, async () => {
            const random = randomSource(m * 7 + k * 5 + n + batchA * 3 + batchB);
            const aShape = [batchA, ...(transposeA ? [k, m] : [m, k])];
            const bShape = [batchB, ...(transposeB ? [n, k] : [k, n])];
            const { error, wasm, cpu } = await onBothBackends(
              'BatchMatMul',
              { a: randomTensor(random, aShape), b: randomTensor(random, bShape) },
              { transposeA, transposeB },
            );
            expect(wasm.shape).toEqual(cpu.shape);
            expect(error).toBeLessThan(1e-4);
          });
        }
      }
    }
  }

  it('keeps 2-D operands 2-D (dense layers) and multiplies them right', async () => {
    const random = randomSource(5);
    const { error, wasm } = await onBothBackends(
      'BatchMatMul',
      { a: randomTensor(random, [128, 64]), b: randomTensor(random, [128, 100]) },
      { transposeA: true, transposeB: false },
    );
    expect(wasm.shape).toEqual([64, 100]);
    expect(error).toBeLessThan(1e-4);
  });
});
