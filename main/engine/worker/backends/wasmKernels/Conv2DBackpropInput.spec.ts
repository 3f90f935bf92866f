import { beforeAll, describe, expect, it } from 'vitest';
import type { NamedAttrMap } from '@tensorflow/tfjs';
import { convCases } from './convCases.ts';
import { convInfo } from './convInfo.ts';
import { imagesPerPatchChunk } from './im2col.ts';
import { onBothBackends, randomSource, randomTensor, startWasm } from './kernelTesting.ts';

type Shape4 = [number, number, number, number];

beforeAll(startWasm);

async function compare(seed: number, dyShape: Shape4, filterShape: Shape4, attrs: Record<string, unknown>) {
  const random = randomSource(seed);
  return onBothBackends(
    'Conv2DBackpropInput',
    { dy: randomTensor(random, dyShape), filter: randomTensor(random, filterShape) },
    { dataFormat: 'NHWC', ...attrs } as unknown as NamedAttrMap,
  );
}

// We replace the shipped kernel (a scalar loop), so ours must agree with the cpu backend everywhere.
describe('Conv2DBackpropInput on wasm matches the cpu backend', () => {
  for (const c of convCases(12)) {
    it(c.label, async () => {
      const random = randomSource(c.seed);
      const { error, wasm, cpu } = await onBothBackends(
        'Conv2DBackpropInput',
        { dy: randomTensor(random, c.dyShape), filter: randomTensor(random, c.filterShape) },
        { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.xShape } as unknown as NamedAttrMap,
      );
      expect(wasm.shape).toEqual(cpu.shape);
      expect(error).toBeLessThan(1e-4);
    });
  }

  it('the reference CNN second layer (batch 2, 11×11×64 → 13×13×32)', async () => {
    const random = randomSource(8);
    const { error } = await onBothBackends(
      'Conv2DBackpropInput',
      { dy: randomTensor(random, [2, 11, 11, 64]), filter: randomTensor(random, [3, 3, 32, 64]) },
      { strides: 1, pad: 'valid', dataFormat: 'NHWC', inputShape: [2, 13, 13, 32] },
    );
    expect(error).toBeLessThan(1e-4);
  });

  it('odd sizes and channel counts, stride [2, 1], explicit pads', async () => {
    const pad = [[0, 0], [2, 1], [0, 2], [0, 0]];
    const x: Shape4 = [5, 13, 11, 7];
    const f: Shape4 = [3, 5, 7, 13];
    const { info } = convInfo(x, f, { strides: [2, 1], pad: pad as never });
    const { error, wasm, cpu } = await compare(20, info.outShape, f, { strides: [2, 1], pad, inputShape: x });
    expect(wasm.shape).toEqual(cpu.shape);
    expect(error).toBeLessThan(1e-4);
  });

  it('1×1 filters, stride 1 and 2', async () => {
    for (const strides of [1, 2]) {
      const x: Shape4 = [3, 7, 5, 6];
      const f: Shape4 = [1, 1, 6, 9];
      const { info } = convInfo(x, f, { strides, pad: 'same' });
      const { error, wasm, cpu } = await compare(21 + strides, info.outShape, f, { strides, pad: 'same', inputShape: x });
      expect(wasm.shape).toEqual(cpu.shape);
      expect(error).toBeLessThan(1e-4);
    }
  });

  it('a batch that takes several chunks of patches', async () => {
    const x: Shape4 = [37, 30, 30, 16];
    const f: Shape4 = [3, 3, 16, 5];
    const { info, g } = convInfo(x, f, { strides: 1, pad: 'same' });
    const chunk = imagesPerPatchChunk(g);
    expect(chunk).toBeGreaterThan(1);
    expect(x[0] % chunk).not.toBe(0); // a last, partial chunk too
    const { error, wasm, cpu } = await compare(24, info.outShape, f, { strides: 1, pad: 'same', inputShape: x });
    expect(wasm.shape).toEqual(cpu.shape);
    expect(error).toBeLessThan(1e-4);
  });
});

describe('Conv2DBackpropInput with NCHW data', () => {
  it('still works (handed to the shipped kernel)', async () => {
    const random = randomSource(9);
    const { error, wasm } = await onBothBackends(
      'Conv2DBackpropInput',
      { dy: randomTensor(random, [2, 3, 4, 4]), filter: randomTensor(random, [3, 3, 2, 3]) },
      { strides: 1, pad: 'same', dataFormat: 'NCHW', inputShape: [2, 2, 4, 4] },
    );
    expect(wasm.shape).toEqual([2, 2, 4, 4]);
    expect(error).toBeLessThan(1e-4);
  });
});
