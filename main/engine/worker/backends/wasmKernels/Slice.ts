import { tf } from '../../tf.mjs';
import type { KernelConfig, SliceAttrs, TensorInfo } from '@tensorflow/tfjs';
import { asKernelFunc, input, runWasmKernel, type KernelArgs } from './wasmBackend.ts';

/**
 * x[begin : begin + size], copied straight from the heap.
 *
 * This replaces the shipped wasm kernel, which first copies the *whole* input
 * off the heap (`readSync`) to take a slice of it: evaluating a split in
 * batches of 256, or caching a frozen base's features, copied the full split
 * once per batch — quadratic in the split's size (60,000 Fashion-MNIST images:
 * ~190 MB per batch). Strings and ranks above 4 still go to the shipped kernel.
 */
function slice(args: KernelArgs<SliceAttrs>): TensorInfo {
  const { backend, attrs } = args;
  const x = input(args, 'x');
  const rank = x.shape.length;
  if (x.dtype === 'string' || rank > 4) return runWasmKernel(backend, 'Slice', { x }, { ...attrs });
  const [begin = [], size = []] = tf.slice_util.parseSliceParams(x, attrs.begin, attrs.size);
  const out = backend.makeOutput(size, x.dtype);
  // Views after the allocation: growing the heap detaches earlier ones.
  const from = backend.typedArrayFromHeap(x);
  const to = backend.typedArrayFromHeap(out);
  const strides = tf.util.computeStrides(x.shape);
  if (tf.slice_util.isSliceContinous(x.shape, begin, size)) {
    const offset = tf.slice_util.computeFlatOffset(begin, strides);
    to.set(from.subarray(offset, offset + to.length));
    return out;
  }
  // Copy runs of the last axis: pad the slice to rank 4 so one loop nest serves ranks 2–4.
  const lead = 4 - rank;
  const b = [...new Array<number>(lead).fill(0), ...begin];
  const s = [...new Array<number>(lead).fill(1), ...size];
  const st = [...new Array<number>(lead).fill(0), ...strides, 1];
  const run = s[3]!;
  let write = 0;
  for (let i = b[0]!; i < b[0]! + s[0]!; i++) {
    for (let j = b[1]!; j < b[1]! + s[1]!; j++) {
      for (let k = b[2]!; k < b[2]! + s[2]!; k++) {
        const start = i * st[0]! + j * st[1]! + k * st[2]! + b[3]!;
        to.set(from.subarray(start, start + run), write);
        write += run;
      }
    }
  }
  return out;
}

export const sliceConfig: KernelConfig = {
  kernelName: tf.Slice,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(slice),
};
