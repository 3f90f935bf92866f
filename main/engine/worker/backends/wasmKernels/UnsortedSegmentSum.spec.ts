import { beforeAll, describe, expect, it } from 'vitest';
import { onBothBackends, randomSource, randomTensor, startWasm, type HostTensor } from './kernelTesting.ts';

beforeAll(startWasm);

function ids(random: () => number, count: number, numSegments: number): HostTensor {
  // Some ids fall outside [0, numSegments): TensorFlow drops those rows.
  const values = Int32Array.from({ length: count }, () => Math.floor(random() * (numSegments + 2)) - 1);
  return { shape: [count], dtype: 'int32', values };
}

describe('UnsortedSegmentSum on wasm matches the cpu backend', () => {
  for (const xShape of [[7], [9, 4], [6, 3, 2], [50, 16]]) {
    for (const numSegments of [1, 4, 12]) {
      it(`x [${xShape}], ${numSegments} segments`, async () => {
        const random = randomSource(xShape.length * 100 + numSegments);
        const { error, wasm, cpu } = await onBothBackends(
          'UnsortedSegmentSum',
          { x: randomTensor(random, xShape), segmentIds: ids(random, xShape[0]!, numSegments) },
          { numSegments },
        );
        expect(wasm.shape).toEqual(cpu.shape);
        expect(error).toBeLessThan(1e-5);
      });
    }
  }

  it('sums int32 data exactly', async () => {
    const x: HostTensor = { shape: [5, 2], dtype: 'int32', values: Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) };
    const segmentIds: HostTensor = { shape: [5], dtype: 'int32', values: Int32Array.from([2, 0, 2, -1, 0]) };
    const { wasm } = await onBothBackends('UnsortedSegmentSum', { x, segmentIds }, { numSegments: 3 });
    expect(Array.from(wasm.values)).toEqual([3 + 9, 4 + 10, 0, 0, 1 + 5, 2 + 6]);
  });
});
