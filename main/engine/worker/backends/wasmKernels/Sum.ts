import { tf } from '../../tf.mjs';
import type { KernelConfig, SumAttrs, TensorInfo } from '@tensorflow/tfjs';
import { graftWasm, heapAddress } from '../graftWasm/module.ts';
import { asKernelFunc, input, runWasmKernel, type KernelArgs } from './wasmBackend.ts';

/**
 * Sums over leading axes — every bias gradient (dy summed over batch, height
 * and width in NHWC) — without the transpose the shipped wasm Sum makes to
 * bring those axes innermost: one pass adding rows into per-column doubles,
 * in Graft's wasm loop for float32 (graftWasm/sumWat.ts) and in JavaScript for
 * int32. Other reductions go to the shipped kernel.
 */
function sum(args: KernelArgs<SumAttrs>): TensorInfo {
  const { backend, attrs } = args;
  const x = input(args, 'x');
  const axes = tf.util.parseAxisParam(attrs.axis, x.shape).sort((a, b) => a - b);
  const leading = axes.length > 0 && axes.length < x.shape.length && axes.every((axis, i) => axis === i);
  if (!leading || (x.dtype !== 'float32' && x.dtype !== 'int32')) {
    return runWasmKernel(backend, 'Sum', { x }, { ...attrs });
  }
  const kept = x.shape.slice(axes.length);
  const columns = tf.util.sizeFromShape(kept);
  const rows = tf.util.sizeFromShape(x.shape.slice(0, axes.length));
  const out = backend.makeOutput(attrs.keepDims ? [...axes.map(() => 1), ...kept] : kept, x.dtype);
  if (x.dtype === 'float32') {
    graftWasm(backend).columnSums(heapAddress(backend, x), rows, columns, heapAddress(backend, out));
    return out;
  }
  // Views after the allocation: growing the heap detaches earlier ones.
  backend.typedArrayFromHeap(out).set(columnSums(backend.typedArrayFromHeap(x), rows, columns));
  return out;
}

/** out[c] = Σ_r v[r·columns + c], in float64: int32 sums, exact. */
function columnSums(v: ArrayLike<number>, rows: number, columns: number): Float64Array {
  const totals = new Float64Array(columns);
  const c1 = columns;
  const c2 = 2 * columns;
  const c3 = 3 * columns;
  let at = 0;
  let r = 0;
  for (; r + 4 <= rows; r += 4, at += 4 * columns) {
    for (let c = 0; c < columns; c++) {
      const i = at + c;
      totals[c] = totals[c]! + v[i]! + v[i + c1]! + v[i + c2]! + v[i + c3]!;
    }
  }
  for (; r < rows; r++, at += columns) {
    for (let c = 0; c < columns; c++) totals[c] = totals[c]! + v[at + c]!;
  }
  return totals;
}

export const sumConfig: KernelConfig = {
  kernelName: tf.Sum,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(sum),
};
