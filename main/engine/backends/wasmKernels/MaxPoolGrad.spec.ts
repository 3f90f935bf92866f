import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { NamedAttrMap } from '@tensorflow/tfjs';
import { onBothBackends, randomSource, randomTensor, startWasm } from './kernelTesting.ts';

beforeAll(startWasm);

type Pad = 'same' | 'valid' | number;

describe('MaxPoolGrad on wasm matches the cpu backend', () => {
  const random = randomSource(31);
  for (const filterSize of [2, 3]) {
    for (const strides of [1, 2]) {
      for (const pad of ['same', 'valid', 1] as Pad[]) {
        for (const batch of [1, 3]) {
          if (typeof pad === 'number' && pad >= filterSize) continue;
          const xShape: [number, number, number, number] = [batch, 4 + Math.floor(random() * 5), 4 + Math.floor(random() * 5), 1 + Math.floor(random() * 4)];
          const info = tf.backend_util.computePool2DInfo(xShape, filterSize, strides, 1, pad);
          it(`filter ${filterSize}, stride ${strides}, pad ${pad}, x [${xShape}] (small integers: many ties, many windows ≤ 0)`, async () => {
            const local = randomSource(xShape.reduce((a, b) => a * 31 + b, filterSize));
            const x = randomTensor(local, xShape, true);
            const { error, wasm, cpu } = await onBothBackends(
              'MaxPoolGrad',
              { dy: randomTensor(local, info.outShape), input: x, output: x },
              { filterSize, strides, pad } as unknown as NamedAttrMap,
            );
            expect(wasm.shape).toEqual(cpu.shape);
            // Same routing; only the float32 vs float64 sum of overlapping windows may differ.
            expect(error).toBeLessThan(1e-6);
          });
        }
      }
    }
  }

  it('keeps the gradient of a window whose inputs are all negative (the shipped kernel drops it)', async () => {
    const x = { shape: [1, 2, 2, 1], dtype: 'float32' as const, values: new Float32Array([-3, -1, -2, -4]) };
    const dy = { shape: [1, 1, 1, 1], dtype: 'float32' as const, values: new Float32Array([5]) };
    const { wasm } = await onBothBackends('MaxPoolGrad', { dy, input: x, output: x }, { filterSize: 2, strides: 2, pad: 'valid' });
    expect(Array.from(wasm.values)).toEqual([0, 5, 0, 0]);
  });
});
