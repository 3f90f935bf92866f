// Graft's matrix product on the wasm backend's own heap: C[m×n] = A[m×k]·B[k×n].
//
// Operands are described by a heap tensor, a float offset into it and whether it is stored
// transposed, so a transposed operand, one matrix of a batch or a column of patches costs
// nothing to address. The product itself is gemmWat.ts, in module.ts.
import type { TensorInfo } from '@tensorflow/tfjs';
import type { WasmKernelBackend } from '../wasmKernels/wasmBackend.ts';
import { gemmScratchFloats } from './gemmWat.ts';
import { graftWasm, heapAddress } from './module.ts';

/** One operand: a heap tensor, where the matrix starts in it, and whether it is stored transposed. */
export interface Operand {
  tensor: TensorInfo;
  /** Float offset of the matrix in the tensor (for one matrix of a batch). */
  offset?: number;
  /** Stored as [cols, rows] (Aᵀ stored as k×m, Bᵀ stored as n×k). */
  transposed?: boolean;
}

/** Where a product goes: m×n floats at a float offset of a heap tensor. */
export interface Target {
  tensor: TensorInfo;
  offset?: number;
  /** Add the product to what is there (C += A·B) instead of overwriting it. */
  accumulate?: boolean;
}

/**
 * Writes A·B into `out`. A is m×k (or k×m stored transposed), B is k×n (or n×k). All three
 * live on the backend's heap.
 */
export function gemmInto(backend: WasmKernelBackend, a: Operand, b: Operand, out: Target, m: number, k: number, n: number): void {
  const kernels = graftWasm(backend);
  if (m === 0 || n === 0) return;
  const scratch = backend.makeOutput([gemmScratchFloats(n)], 'float32');
  try {
    // Addresses after the last allocation are as valid as before it: only views detach.
    const aAt = heapAddress(backend, a.tensor) + 4 * (a.offset ?? 0);
    const bAt = heapAddress(backend, b.tensor) + 4 * (b.offset ?? 0);
    const cAt = heapAddress(backend, out.tensor) + 4 * (out.offset ?? 0);
    if (k === 0) {
      if (out.accumulate) return;
      new Float32Array(backend.typedArrayFromHeap(out.tensor).buffer, cAt, m * n).fill(0);
      return;
    }
    const [aRow, aK] = a.transposed ? [4, 4 * m] : [4 * k, 4];
    const [bK, bCol] = b.transposed ? [4, 4 * k] : [4 * n, 4];
    kernels.gemm(aAt, aRow, aK, bAt, bK, bCol, cAt, m, k, n, heapAddress(backend, scratch), out.accumulate ? 1 : 0);
  } finally {
    backend.disposeData(scratch.dataId);
  }
}

/** A·B as a new m×n heap tensor. */
export function gemm(backend: WasmKernelBackend, a: Operand, b: Operand, m: number, k: number, n: number): TensorInfo {
  const out = backend.makeOutput([m, n], 'float32');
  gemmInto(backend, a, b, { tensor: out }, m, k, n);
  return out;
}
