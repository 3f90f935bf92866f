import { beforeAll, describe, expect, it } from 'vitest';
import type { NamedAttrMap } from '@tensorflow/tfjs';
import { onBothBackends, randomSource, randomTensor, startWasm } from './kernelTesting.ts';
import { convCases } from './convCases.ts';
import { transposeTiled } from './Conv2DBackpropFilter.ts';

beforeAll(startWasm);

describe('Conv2DBackpropFilter on wasm matches the cpu backend', () => {
  for (const c of convCases(11)) {
    it(c.label, async () => {
      const random = randomSource(c.seed);
      const { error, wasm, cpu } = await onBothBackends(
        'Conv2DBackpropFilter',
        { x: randomTensor(random, c.xShape), dy: randomTensor(random, c.dyShape) },
        { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filterShape } as unknown as NamedAttrMap,
      );
      expect(wasm.shape).toEqual(cpu.shape);
      expect(error).toBeLessThan(1e-4);
    });
  }

  it('the reference CNN second layer (batch 2, 13×13×32 → 3×3×32×64)', async () => {
    const random = randomSource(7);
    const { error } = await onBothBackends(
      'Conv2DBackpropFilter',
      { x: randomTensor(random, [2, 13, 13, 32]), dy: randomTensor(random, [2, 11, 11, 64]) },
      { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 32, 64] },
    );
    expect(error).toBeLessThan(1e-4);
  });

  it('the reference CNN first layer (batch 2, 28×28×1 → 3×3×1×32: the patch-matrix path)', async () => {
    const random = randomSource(6);
    const { error } = await onBothBackends(
      'Conv2DBackpropFilter',
      { x: randomTensor(random, [2, 28, 28, 1]), dy: randomTensor(random, [2, 26, 26, 32]) },
      { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 1, 32] },
    );
    expect(error).toBeLessThan(1e-4);
  });

  it('refuses NCHW with a clear message (the shipped wasm Conv2D is NHWC-only too)', async () => {
    const random = randomSource(3);
    await expect(
      onBothBackends(
        'Conv2DBackpropFilter',
        { x: randomTensor(random, [1, 2, 5, 5]), dy: randomTensor(random, [1, 3, 3, 3]) },
        { strides: 1, pad: 'valid', dataFormat: 'NCHW', filterShape: [3, 3, 2, 3] },
      ),
    ).rejects.toThrow(/NHWC/);
  });
});

describe('transposeTiled', () => {
  it('transposes matrices that are not whole tiles', () => {
    for (const [rows, cols] of [
      [1, 1],
      [70, 45],
      [33, 32],
      [5, 100],
    ] as const) {
      const src = Float32Array.from({ length: rows * cols }, (_, i) => i);
      const out = new Float32Array(rows * cols).fill(NaN);
      transposeTiled(src, out, rows, cols);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) expect(out[c * rows + r]).toBe(src[r * cols + c]);
    }
  });
});
