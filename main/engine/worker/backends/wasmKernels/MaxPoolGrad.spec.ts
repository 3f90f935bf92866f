import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf.mjs';
import type { NamedAttrMap } from '@tensorflow/tfjs';
import { graftWasm } from '../graftWasm/module.ts';
import { onBothBackends, randomSource, randomTensor, startWasm, type HostTensor } from './kernelTesting.ts';

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
          it(`filter ${filterSize}, stride ${strides}, pad ${pad}, x [${xShape}] (small integers: many ties, many windows ≤ 0)`, async () => {
            const local = randomSource(xShape.reduce((a, b) => a * 31 + b, filterSize));
            await expectSameAsCpu(randomTensor(local, xShape, true), [filterSize, filterSize], [strides, strides], pad);
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

describe('MaxPoolGrad 2×2 stride 2 (the SIMD path when C is a multiple of 4) matches the cpu backend', () => {
  it('is compiled and bound to the wasm backend', () => {
    expect(graftWasm(tf.backend() as never).maxPoolGrad2x2).toBeTypeOf('function');
  });

  const cases: [string, [number, number, number, number], Pad][] = [
    ['even sizes, C 4', [2, 6, 8, 4], 'valid'],
    ['even sizes, C 32', [3, 8, 8, 32], 'valid'],
    ['odd height and width (trailing row and column outside every window)', [2, 7, 9, 8], 'valid'],
    ['odd height only', [1, 5, 4, 12], 'valid'],
    ['same padding, even sizes (no padding)', [2, 6, 6, 8], 'same'],
    ['same padding, odd sizes (partial last windows)', [2, 7, 5, 8], 'same'],
    ['C not a multiple of 4', [2, 6, 7, 6], 'valid'],
    ['C 1', [2, 5, 6, 1], 'same'],
    ['single window', [1, 2, 2, 4], 'valid'],
    ['input smaller than a window', [1, 1, 3, 4], 'valid'],
  ];
  for (const [name, xShape, pad] of cases) {
    for (const ties of [false, true]) {
      it(`${name}: x [${xShape}], pad ${pad}${ties ? ', small integers (ties)' : ''}`, async () => {
        const local = randomSource(xShape.reduce((a, b) => a * 37 + b, ties ? 1 : 2));
        const x = randomTensor(local, xShape, ties);
        await expectSameAsCpu(x, [2, 2], [2, 2], pad);
      });
    }
  }

  it('routes all-negative windows, -Infinity and NaN inputs like the cpu backend', async () => {
    const local = randomSource(5);
    const x = randomTensor(local, [2, 6, 6, 8]);
    for (let i = 0; i < x.values.length; i++) x.values[i] = -1 - Math.abs(x.values[i]!);
    // A few windows of equal negatives, one with -Infinity, NaN in assorted positions.
    x.values.fill(-2, 0, 64);
    x.values[100] = -Infinity;
    x.values[3] = NaN;
    x.values[200] = NaN;
    await expectSameAsCpu(x, [2, 2], [2, 2], 'valid');
  });

  it('ties go to the first input in row-major window order', async () => {
    // One image, 2×2 window, 4 channels; each channel ties differently.
    // Window order a b / c d; values per position for channels 0..3.
    const a = [1, 0, 0, 3];
    const b = [1, 2, 0, 3];
    const c = [0, 2, 5, 3];
    const d = [1, 2, 5, 3];
    const x = { shape: [1, 2, 2, 4], dtype: 'float32' as const, values: new Float32Array([...a, ...b, ...c, ...d]) };
    const dy = { shape: [1, 1, 1, 4], dtype: 'float32' as const, values: new Float32Array([10, 20, 30, 40]) };
    const { wasm } = await onBothBackends('MaxPoolGrad', { dy, input: x, output: x }, { filterSize: 2, strides: 2, pad: 'valid' });
    expect(Array.from(wasm.values)).toEqual([10, 0, 0, 40, 0, 20, 0, 0, 0, 0, 30, 0, 0, 0, 0, 0]);
  });

  it('overlapping 3×3 windows at stride 2 (generic path)', async () => {
    const local = randomSource(9);
    await expectSameAsCpu(randomTensor(local, [2, 9, 8, 8], true), [3, 3], [2, 2], 'valid');
    await expectSameAsCpu(randomTensor(local, [2, 9, 8, 8], true), [3, 3], [2, 2], 'same');
  });
});

async function expectSameAsCpu(x: HostTensor, filterSize: [number, number], strides: [number, number], pad: Pad): Promise<void> {
  const info = tf.backend_util.computePool2DInfo(x.shape as [number, number, number, number], filterSize, strides, 1, pad);
  const local = randomSource(x.values.length);
  const { error, wasm, cpu } = await onBothBackends(
    'MaxPoolGrad',
    { dy: randomTensor(local, info.outShape), input: x, output: x },
    { filterSize, strides, pad } as unknown as NamedAttrMap,
  );
  expect(wasm.shape).toEqual(cpu.shape);
  // Same routing; only the float32 vs float64 sum of overlapping windows may differ.
  expect(error).toBeLessThan(1e-6);
}
