import { tf } from '../../tf.mjs';
import type { BatchMatMulAttrs, KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { gemmInto } from '../graftWasm/gemm.ts';
import { asKernelFunc, input, runWasmKernel, type KernelArgs } from './wasmBackend.ts';

/**
 * Every float32 product goes to Graft's packed matrix product (graftWasm/), which reads
 * transposed operands and each matrix of a batch in place. The shipped kernel reached XNNPACK
 * only for one untransposed pair (a dense layer's backward products, xᵀ·dy and dy·Wᵀ, ran a
 * scalar C++ loop), and XNNPACK re-packed a weight matrix every time Adam replaced it.
 */
function batchMatMul(args: KernelArgs<BatchMatMulAttrs>): TensorInfo {
  const { backend, attrs } = args;
  const a = input(args, 'a');
  const b = input(args, 'b');
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return runWasmKernel(backend, 'BatchMatMul', { a, b }, { ...attrs });
  const ra = a.shape.length;
  const rb = b.shape.length;
  const m = attrs.transposeA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
  const k = attrs.transposeA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
  const n = attrs.transposeB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
  const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  const outBatchShape = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batch = Math.max(batchA, batchB);
  const out = backend.makeOutput([...outBatchShape, m, n], 'float32');
  for (let i = 0; i < batch; i++) {
    // tfjs broadcasts a batch of one against the other operand's batch.
    gemmInto(
      backend,
      { tensor: a, offset: (batchA === 1 ? 0 : i) * m * k, transposed: attrs.transposeA },
      { tensor: b, offset: (batchB === 1 ? 0 : i) * k * n, transposed: attrs.transposeB },
      { tensor: out, offset: i * m * n },
      m,
      k,
      n,
    );
  }
  return out;
}

export const batchMatMulConfig: KernelConfig = {
  kernelName: tf.BatchMatMul,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(batchMatMul),
};
