import * as tf from '@tensorflow/tfjs';
import type { BatchMatMulAttrs, KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import {
  asKernelFunc,
  f32,
  free,
  input,
  matMul,
  runWasmKernel,
  transpose2d,
  type KernelArgs,
  type WasmKernelBackend,
} from './wasmBackend.ts';

// Below this many multiply-adds per matrix, the shipped scalar loop is cheaper
// than our transposes, copies and XNNPACK operator setup.
const XNN_WORTH_IT = 32 * 1024;

/**
 * The shipped wasm BatchMatMul reaches XNNPACK only for a single matrix pair
 * without transposes; every other case (notably both matmuls in a dense
 * layer's backward pass: xᵀ·dy and dy·Wᵀ) runs a scalar C++ loop. We make
 * the transposes explicit and split batches into single pairs so every large
 * product takes the XNNPACK path.
 */
function batchMatMul(args: KernelArgs<BatchMatMulAttrs>): TensorInfo {
  const { backend, attrs } = args;
  const a = input(args, 'a');
  const b = input(args, 'b');
  const ra = a.shape.length;
  const rb = b.shape.length;
  const m = attrs.transposeA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
  const k = attrs.transposeA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
  const n = attrs.transposeB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
  const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  const plain = !attrs.transposeA && !attrs.transposeB && batchA === 1 && batchB === 1;
  const fallBack = a.dtype !== 'float32' || b.dtype !== 'float32' || m * n * k < XNN_WORTH_IT;
  if (plain || fallBack) return runWasmKernel(backend, 'BatchMatMul', { a, b }, { ...attrs });

  const outBatchShape = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  if (batchA === 1 && batchB === 1 && attrs.transposeB && !attrs.transposeA && n > m) {
    // A·Bᵀ = (B·Aᵀ)ᵀ. With B the big operand (a dense layer's weights in dx = dy·Wᵀ),
    // transposing A and the product beats transposing B and having XNNPACK pack it.
    const aT = transpose2d(backend, { ...a, shape: [m, k] });
    const outT = matMul(backend, { ...b, shape: [n, k] }, aT);
    const out = transpose2d(backend, outT);
    free(backend, aT, outT);
    return { ...out, shape: [...outBatchShape, m, n] };
  }
  const batch = Math.max(batchA, batchB);
  // Bring both operands to row-major [batch, m, k] and [batch, k, n] once.
  const a3 = { ...a, shape: [batchA, a.shape[ra - 2]!, a.shape[ra - 1]!] };
  const b3 = { ...b, shape: [batchB, b.shape[rb - 2]!, b.shape[rb - 1]!] };
  const aRows = attrs.transposeA ? runWasmKernel(backend, 'Transpose', { x: a3 }, { perm: [0, 2, 1] }) : a3;
  const bRows = attrs.transposeB ? runWasmKernel(backend, 'Transpose', { x: b3 }, { perm: [0, 2, 1] }) : b3;

  let out: TensorInfo;
  if (batch === 1) {
    out = matMul(backend, aRows, bRows);
  } else {
    out = backend.makeOutput([batch, m, n], 'float32');
    for (let i = 0; i < batch; i++) {
      const ai = sliceMatrix(backend, aRows, batchA === 1 ? 0 : i, [m, k]);
      const bi = sliceMatrix(backend, bRows, batchB === 1 ? 0 : i, [k, n]);
      const oi = matMul(backend, ai, bi);
      f32(backend, out).set(f32(backend, oi), i * m * n);
      free(backend, ai, bi, oi);
    }
  }
  if (aRows !== a3) free(backend, aRows);
  if (bRows !== b3) free(backend, bRows);
  return { ...out, shape: [...outBatchShape, m, n] };
}

/** Copies matrix `index` of a [batch, r, c] heap tensor into its own tensor: XNNPACK addresses tensors by id. */
function sliceMatrix(backend: WasmKernelBackend, t: TensorInfo, index: number, shape: [number, number]): TensorInfo {
  const size = shape[0] * shape[1];
  const out = backend.makeOutput(shape, 'float32');
  const source = f32(backend, t);
  f32(backend, out).set(source.subarray(index * size, (index + 1) * size));
  return out;
}

export const batchMatMulConfig: KernelConfig = {
  kernelName: tf.BatchMatMul,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(batchMatMul),
};
