import { beforeAll, describe, expect, it } from 'vitest';
import type { NamedAttrMap } from '@tensorflow/tfjs';
import { convCases, type Padding } from './convCases.ts';
import { convInfo } from './convInfo.ts';
import { imagesPerPatchChunk } from './im2col.ts';
import { onBothBackends, randomSource, randomTensor, startWasm } from './kernelTesting.ts';

beforeAll(startWasm);

type Shape4 = [number, number, number, number];

async function compare(seed: number, xShape: Shape4, filterShape: Shape4, attrs: Record<string, unknown>) {
  const random = randomSource(seed);
  return onBothBackends(
    'Conv2D',
    { x: randomTensor(random, xShape), filter: randomTensor(random, filterShape) },
    { dataFormat: 'NHWC', dilations: 1, ...attrs } as unknown as NamedAttrMap,
  );
}

// We replace the shipped XNNPACK convolution, so ours must agree with the cpu backend everywhere.
describe('Conv2D on wasm matches the cpu backend', () => {
  for (const c of convCases(13)) {
    it(c.label, async () => {
      const { error, wasm, cpu } = await compare(c.seed, c.xShape, c.filterShape, { strides: c.strides, pad: c.pad });
      expect(wasm.shape).toEqual(cpu.shape);
      expect(error).toBeLessThan(1e-4);
    });
  }

  const dilated: { pad: Padding; x: Shape4; f: Shape4 }[] = [
    { pad: 'same', x: [2, 9, 8, 3], f: [3, 3, 3, 5] },
    { pad: 'valid', x: [3, 11, 7, 2], f: [2, 3, 2, 4] },
    { pad: [[0, 0], [2, 1], [0, 3], [0, 0]], x: [1, 7, 9, 1], f: [3, 2, 1, 6] },
  ];
  for (const [i, d] of dilated.entries()) {
    it(`dilation 2, pad ${JSON.stringify(d.pad)}, x [${d.x}], filter [${d.f}]`, async () => {
      const { error, wasm, cpu } = await compare(40 + i, d.x, d.f, { strides: 1, pad: d.pad, dilations: 2 });
      expect(wasm.shape).toEqual(cpu.shape);
      expect(error).toBeLessThan(1e-4);
    });
  }

  for (const [strides, pad] of [[1, 'same'], [1, 'valid'], [2, 'same'], [1, 1]] as const) {
    it(`1×1 filter, stride ${strides}, pad ${pad} (${strides === 1 && pad !== 1 ? 'a plain product' : 'patches'})`, async () => {
      const { error, wasm, cpu } = await compare(50 + strides, [3, 7, 5, 6], [1, 1, 6, 9], { strides, pad });
      expect(wasm.shape).toEqual(cpu.shape);
      expect(error).toBeLessThan(1e-4);
    });
  }

  it('odd sizes with odd channel counts (edge tiles of the product)', async () => {
    const { error, wasm, cpu } = await compare(60, [5, 13, 11, 7], [3, 5, 7, 13], { strides: [2, 1], pad: 'same' });
    expect(wasm.shape).toEqual(cpu.shape);
    expect(error).toBeLessThan(1e-4);
  });

  it('a batch that takes several chunks of patches', async () => {
    const x: Shape4 = [37, 30, 30, 16];
    const f: Shape4 = [3, 3, 16, 5];
    const { g } = convInfo(x, f, { strides: 1, pad: 'same' });
    const chunk = imagesPerPatchChunk(g);
    expect(chunk).toBeGreaterThan(1);
    expect(chunk).toBeLessThan(x[0]);
    expect(x[0] % chunk).not.toBe(0); // a last, partial chunk too
    const { error, wasm, cpu } = await compare(61, x, f, { strides: 1, pad: 'same' });
    expect(wasm.shape).toEqual(cpu.shape);
    expect(error).toBeLessThan(1e-4);
  });

  it('the reference CNN layers (batch 2: 28×28×1 → 32, 14×14×32 → 64)', async () => {
    for (const [x, f] of [[[2, 28, 28, 1], [3, 3, 1, 32]], [[2, 14, 14, 32], [3, 3, 32, 64]]] as [Shape4, Shape4][]) {
      const { error } = await compare(62, x, f, { strides: 1, pad: 'same' });
      expect(error).toBeLessThan(1e-4);
    }
  });
});

describe('Conv2D with NCHW data', () => {
  it('is handed to the shipped kernel', async () => {
    // The shipped wasm Conv2D is NHWC-only: it must fail the same way it did before ours.
    await expect(compare(70, [1, 2, 5, 5], [3, 3, 2, 3], { strides: 1, pad: 'valid', dataFormat: 'NCHW' })).rejects.toThrow();
  });
});
