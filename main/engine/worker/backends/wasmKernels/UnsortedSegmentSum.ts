import { tf } from '../../tf.mjs';
import type { KernelConfig, TensorInfo, UnsortedSegmentSumAttrs } from '@tensorflow/tfjs';
import { asKernelFunc, input, type KernelArgs } from './wasmBackend.ts';

/**
 * out[s, ...] = Σ_{i : segmentIds[i] = s} x[i, ...]. Missing from the shipped wasm
 * backend, and the gradient of every gather (embedding lookups among them).
 * Ids outside [0, numSegments) contribute nothing, as in TensorFlow.
 */
function unsortedSegmentSum(args: KernelArgs<UnsortedSegmentSumAttrs>): TensorInfo {
  const { backend, attrs } = args;
  const x = input(args, 'x');
  const segmentIds = input(args, 'segmentIds');
  const rows = x.shape[0] ?? 1;
  if (segmentIds.shape.length !== 1 || segmentIds.shape[0] !== rows) {
    throw new Error(
      `unsortedSegmentSum on wasm needs one segment id per row of x: ids shape [${segmentIds.shape}], x shape [${x.shape}]`,
    );
  }
  const rowSize = tf.util.sizeFromShape(x.shape.slice(1));
  const out = backend.makeOutput([attrs.numSegments, ...x.shape.slice(1)], x.dtype);
  // Views after the allocation: growing the heap detaches earlier ones.
  const sums = backend.typedArrayFromHeap(out);
  const values = backend.typedArrayFromHeap(x);
  const ids = backend.typedArrayFromHeap(segmentIds);
  sums.fill(0);
  for (let i = 0; i < rows; i++) {
    const s = ids[i]!;
    if (s < 0 || s >= attrs.numSegments) continue;
    const from = i * rowSize;
    const to = s * rowSize;
    for (let j = 0; j < rowSize; j++) sums[to + j] = sums[to + j]! + values[from + j]!;
  }
  return out;
}

export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: tf.UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(unsortedSegmentSum),
};
