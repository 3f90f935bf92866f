import { beforeAll, describe, expect, it } from 'vitest';
import type { NamedAttrMap } from '@tensorflow/tfjs';
import { onBothBackends, randomSource, randomTensor, startWasm } from './kernelTesting.ts';
import { convCases } from './convCases.ts';
import { imagesPerPatchChunk } from './im2col.ts';
import { convInfo } from './convInfo.ts';

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

describe('patches a few images at a time', () => {
  it('adds up chunks to the whole-batch gradient (20 images of 64×64×8: two chunks of patches)', async () => {
    const filterShape: [number, number, number, number] = [3, 3, 8, 4];
    const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape } as const;
    const { g } = convInfo([20, 64, 64, 8], filterShape, attrs);
    expect(imagesPerPatchChunk(g)).toBeLessThan(20);
    const random = randomSource(21);
    const { error } = await onBothBackends(
      'Conv2DBackpropFilter',
      { x: randomTensor(random, [20, 64, 64, 8]), dy: randomTensor(random, [20, 62, 62, 4]) },
      attrs as unknown as NamedAttrMap,
    );
    expect(error).toBeLessThan(1e-3);
  });

  it('never asks for less than one image, nor more than the batch', () => {
    const { g } = convInfo([3, 8, 8, 2], [3, 3, 2, 4], { strides: 1, pad: 'same', dataFormat: 'NHWC' });
    expect(imagesPerPatchChunk(g)).toBe(3);
    expect(imagesPerPatchChunk(g, 10)).toBe(1);
    expect(imagesPerPatchChunk(g, 8 * 8 * 18 * 2)).toBe(2);
  });
});
