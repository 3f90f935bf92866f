import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { gemm } from '../graftWasm/gemm.ts';
import { graftWasm, heapAddress } from '../graftWasm/module.ts';
import { asKernelFunc, free, input, type KernelArgs } from './wasmBackend.ts';

/**
 * Graft's kernels for a chain of dense layers (each y = relu?(x·W + b)) run as one operation:
 * models/denseStack.ts says when and why. Inputs are `x` [n, d0] and per layer i `w{i}`
 * [d(i), d(i+1)] and, where the layer has one, `b{i}` [d(i+1)].
 */
export const DENSE_STACK = 'GraftDenseStack';
/** Its gradient: inputs `dy`, `x`, each layer's output `a{i}` and weights `w{i}`. */
export const DENSE_STACK_GRAD = 'GraftDenseStackGrad';

export interface DenseStackAttrs {
  /** Per layer: ReLU after it (else linear). */
  relu: boolean[];
  /** Per layer: whether it has a bias input. */
  bias: boolean[];
  /** Gradient only: whether to compute dx (not when x is data). */
  inputGradient?: boolean;
}

function layerCount(attrs: DenseStackAttrs): number {
  if (attrs.relu.length !== attrs.bias.length || attrs.relu.length === 0) throw new Error(`${DENSE_STACK}: relu and bias must list every layer`);
  return attrs.relu.length;
}

function float32(t: TensorInfo, kernel: string): TensorInfo {
  if (t.dtype !== 'float32') throw new Error(`${kernel}: expected float32 tensors, got ${t.dtype}`);
  return t;
}

/** Outputs: every layer's output a0 … a(L−1); the last is the stack's result. */
function denseStack(args: KernelArgs<DenseStackAttrs>): TensorInfo[] {
  const { backend, attrs } = args;
  const kernels = graftWasm(backend);
  const layers = layerCount(attrs);
  let a = float32(input(args, 'x'), DENSE_STACK);
  const rows = a.shape[0]!;
  const outputs: TensorInfo[] = [];
  for (let i = 0; i < layers; i++) {
    const w = float32(input(args, `w${i}`), DENSE_STACK);
    const [fanIn, units] = w.shape as [number, number];
    if (a.shape[1] !== fanIn) throw new Error(`${DENSE_STACK}: layer ${i} takes ${fanIn} features, its input has ${a.shape[1]}`);
    const y = gemm(backend, { tensor: a }, { tensor: w }, rows, fanIn, units);
    const bias = attrs.bias[i] ? heapAddress(backend, float32(input(args, `b${i}`), DENSE_STACK)) : 0;
    kernels.biasRelu(heapAddress(backend, y), bias, rows, units, attrs.relu[i] ? 1 : 0);
    outputs.push(y);
    a = y;
  }
  return outputs;
}

/** Outputs: dx (only with inputGradient), then per layer dW and, where it has a bias, db. */
function denseStackGrad(args: KernelArgs<DenseStackAttrs>): TensorInfo[] {
  const { backend, attrs } = args;
  const kernels = graftWasm(backend);
  const layers = layerCount(attrs);
  let g = float32(input(args, 'dy'), DENSE_STACK_GRAD);
  let gIsOurs = false;
  const rows = g.shape[0]!;
  const grads: TensorInfo[][] = [];
  const replaceG = (next: TensorInfo): void => {
    if (gIsOurs) free(backend, g);
    g = next;
    gIsOurs = true;
  };
  for (let i = layers - 1; i >= 0; i--) {
    const w = input(args, `w${i}`);
    const [fanIn, units] = w.shape as [number, number];
    const layerInput = i === 0 ? input(args, 'x') : input(args, `a${i - 1}`);
    if (attrs.relu[i]) {
      // The output a = relu(z) is > 0 exactly where z is, and NaN where z is: the same mask.
      const masked = backend.makeOutput([rows, units], 'float32');
      kernels.reluGrad(heapAddress(backend, g), heapAddress(backend, input(args, `a${i}`)), heapAddress(backend, masked), rows * units);
      replaceG(masked);
    }
    const layerGrads = [gemm(backend, { tensor: layerInput, transposed: true }, { tensor: g }, fanIn, rows, units)];
    if (attrs.bias[i]) {
      const db = backend.makeOutput([units], 'float32');
      // The bias gradient as the Sum kernel computes every other one (float64 totals).
      kernels.columnSums(heapAddress(backend, g), rows, units, heapAddress(backend, db));
      layerGrads.push(db);
    }
    grads.unshift(layerGrads);
    if (i > 0 || attrs.inputGradient) replaceG(gemm(backend, { tensor: g }, { tensor: w, transposed: true }, rows, units, fanIn));
  }
  if (!attrs.inputGradient) return grads.flat();
  // dy is never handed back as dx: with one linear layer and no input gradient g is still dy.
  return [g, ...grads.flat()];
}

export const denseStackConfig: KernelConfig = { kernelName: DENSE_STACK, backendName: 'wasm', kernelFunc: asKernelFunc(denseStack) };
export const denseStackGradConfig: KernelConfig = { kernelName: DENSE_STACK_GRAD, backendName: 'wasm', kernelFunc: asKernelFunc(denseStackGrad) };
