import { tf } from '../../tf.mjs';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { graftWasm, heapAddress } from '../graftWasm/module.ts';
import { asKernelFunc, input, type KernelArgs } from './wasmBackend.ts';

/** Graft's own kernel (no tfjs op has this name): one Adam step for one variable. */
export const ADAM_UPDATE = 'GraftAdamUpdate';

/**
 * Scalars of one Adam step. Each is used as the float32 scalar tfjs's AdamOptimizer would make
 * of it (the kernel rounds them with Math.fround), so pass plain JS numbers exactly as that
 * optimizer computes them: `oneMinusBeta1` is the double `1 - beta1`, `oneMinusAccBeta1` is
 * `1 - accBeta1` with accBeta1 read back from its float32 variable.
 */
export interface AdamUpdateAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  oneMinusBeta1: number;
  oneMinusBeta2: number;
  epsilon: number;
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
  /**
   * Write m' and v' over m and v and return only [x']. Only for moments whose data no other
   * tensor shares (the caller checks the reference count): it saves two allocations and, the
   * step being memory-bound, a fifth of its memory traffic.
   */
  momentsInPlace?: boolean;
}

/**
 * Adam's update of one variable in one pass: reads the variable x, its moments m and v and the
 * gradient g, and returns [x', m', v'] as three new tensors. It replaces the ~12 elementwise
 * kernels (each allocating a full-size tensor) tfjs's AdamOptimizer runs per variable. The
 * moments are tfjs' to the bit, except that a moment below the smallest normal float is stored
 * as 0 (subnormal arithmetic is slow); the step folds the bias corrections into two scalars, as
 * PyTorch does (graftWasm/adamWat.ts has the formula and why for both).
 *
 * Outputs are fresh: x must not change in place (the shipped XNNPACK kernels still used in
 * inference cache packed weights by tensor id), and m, v may share their data with other
 * tensors (a clone, setWeights' source).
 */
function adamUpdate(args: KernelArgs<AdamUpdateAttrs>): TensorInfo[] {
  const { backend, attrs } = args;
  const x = input(args, 'x');
  const m = input(args, 'm');
  const v = input(args, 'v');
  const g = input(args, 'g');
  for (const t of [x, m, v, g]) {
    if (t.dtype !== 'float32') throw new Error(`${ADAM_UPDATE}: expected float32 tensors, got ${t.dtype}`);
  }
  const n = tf.util.sizeFromShape(x.shape);
  for (const t of [m, v, g]) {
    if (tf.util.sizeFromShape(t.shape) !== n) throw new Error(`${ADAM_UPDATE}: shapes [${x.shape}] and [${t.shape}] differ`);
  }
  const xOut = backend.makeOutput([...x.shape], 'float32');
  const mOut = attrs.momentsInPlace ? m : backend.makeOutput([...x.shape], 'float32');
  const vOut = attrs.momentsInPlace ? v : backend.makeOutput([...x.shape], 'float32');
  // In place, each element of m and v is read before the same element is written.
  const [xa, ma, va, ga, xoa, moa, voa] = [x, m, v, g, xOut, mOut, vOut].map((t) => heapAddress(backend, t)) as Seven<number>;
  graftWasm(backend).adam(
    xa, ma, va, ga, xoa, moa, voa, n,
    attrs.beta1, attrs.beta2, attrs.oneMinusBeta1, attrs.oneMinusBeta2, attrs.epsilon,
    // The bias corrections folded into two scalars (graftWasm/adamWat.ts).
    -attrs.learningRate / attrs.oneMinusAccBeta1, 1 / Math.sqrt(attrs.oneMinusAccBeta2),
  );
  return attrs.momentsInPlace ? [xOut] : [xOut, mOut, vOut];
}

type Seven<T> = [T, T, T, T, T, T, T];

export const adamUpdateConfig: KernelConfig = {
  kernelName: ADAM_UPDATE,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(adamUpdate),
};
