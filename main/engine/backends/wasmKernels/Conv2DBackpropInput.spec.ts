import { beforeAll, describe, expect, it } from 'vitest';
import type { NamedAttrMap } from '@tensorflow/tfjs';
import { convCases } from './convCases.ts';
import { onBothBackends, randomSource, randomTensor, startWasm } from './kernelTesting.ts';

beforeAll(startWasm);

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
