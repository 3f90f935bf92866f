import type { KernelConfig } from '@tensorflow/tfjs';
import { batchMatMulConfig } from './BatchMatMul.ts';
import { conv2DBackpropFilterConfig } from './Conv2DBackpropFilter.ts';
import { conv2DBackpropInputConfig } from './Conv2DBackpropInput.ts';
import { depthwiseConv2dNativeBackpropFilterConfig } from './DepthwiseConv2dNativeBackpropFilter.ts';
import { depthwiseConv2dNativeBackpropInputConfig } from './DepthwiseConv2dNativeBackpropInput.ts';
import { maxPoolGradConfig } from './MaxPoolGrad.ts';
import { unsortedSegmentSumConfig } from './UnsortedSegmentSum.ts';
import { registerWasmKernel } from './wasmBackend.ts';

/** Kernels the shipped wasm backend (4.22) does not have at all. */
export const addedKernels: readonly KernelConfig[] = [
  conv2DBackpropFilterConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  depthwiseConv2dNativeBackpropInputConfig,
  unsortedSegmentSumConfig,
];

/**
 * Shipped kernels we replace: wrong (MaxPoolGrad), a scalar loop where XNNPACK could run
 * (Conv2DBackpropInput, transposed BatchMatMul).
 */
export const replacedKernels: readonly KernelConfig[] = [
  conv2DBackpropInputConfig,
  batchMatMulConfig,
  maxPoolGradConfig,
];

/**
 * Makes the wasm backend able to train (and train fast). Idempotent; call it
 * before or after `tf.setBackend('wasm')`.
 */
export function registerWasmTrainingKernels(): void {
  for (const config of [...addedKernels, ...replacedKernels]) registerWasmKernel(config);
}
