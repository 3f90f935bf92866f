import { tf } from '../../tf.mjs';
import type { KernelConfig } from '@tensorflow/tfjs';
import { adamUpdateConfig } from './AdamUpdate.ts';
import { batchMatMulConfig } from './BatchMatMul.ts';
import { conv2DBiasReluConfig, conv2DConfig } from './Conv2D.ts';
import { conv2DBackpropFilterConfig } from './Conv2DBackpropFilter.ts';
import { conv2DBackpropInputConfig } from './Conv2DBackpropInput.ts';
import { denseStackConfig, denseStackGradConfig } from './DenseStack.ts';
import { depthwiseConv2dNativeBackpropFilterConfig } from './DepthwiseConv2dNativeBackpropFilter.ts';
import { depthwiseConv2dNativeBackpropInputConfig } from './DepthwiseConv2dNativeBackpropInput.ts';
import { gatherV2Config } from './GatherV2.ts';
import { identityConfig } from './Identity.ts';
import { maxPoolGradConfig } from './MaxPoolGrad.ts';
import { reluGradConfig, reluGradKernelConfig } from './ReluGrad.ts';
import { sliceConfig } from './Slice.ts';
import { softmaxXentGradConfig, softmaxXentKernelConfigs } from './SoftmaxCrossEntropy.ts';
import { sumConfig } from './Sum.ts';
import { unsortedSegmentSumConfig } from './UnsortedSegmentSum.ts';
import { registerWasmKernel } from './wasmBackend.ts';
import { prepareGraftWasm } from '../graftWasm/module.ts';

/** Kernels the shipped wasm backend (4.22) does not have at all. */
export const addedKernels: readonly KernelConfig[] = [
  conv2DBackpropFilterConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  depthwiseConv2dNativeBackpropInputConfig,
  unsortedSegmentSumConfig,
  // Graft's own: one Adam step for one variable (train/fusedAdam.ts), a ReLU's gradient.
  adamUpdateConfig,
  reluGradKernelConfig,
  ...softmaxXentKernelConfigs,
  // A run of dense layers as one operation, and its gradient (models/denseStack.ts).
  denseStackConfig,
  denseStackGradConfig,
  // A convolution with its bias and ReLU (models/convBlock.ts).
  conv2DBiasReluConfig,
];

/**
 * Shipped kernels we replace: wrong (MaxPoolGrad), slower than Graft's matrix product
 * (Conv2D, Conv2DBackpropInput, BatchMatMul), or a needless transpose or copy (the rest).
 */
export const replacedKernels: readonly KernelConfig[] = [
  // XNNPACK's convolution, slower than im2col + Graft's matrix product (Conv2D.ts).
  conv2DConfig,
  conv2DBackpropInputConfig,
  batchMatMulConfig,
  maxPoolGradConfig,
  sumConfig,
  // Copies: a per-element stride loop (GatherV2), a copy of the whole input per slice (Slice),
  // a copy of every tensor kept for the backward pass (Identity).
  gatherV2Config,
  sliceConfig,
  identityConfig,
];

/**
 * Makes the wasm backend able to train (and train fast). Idempotent; call it
 * before or after `tf.setBackend('wasm')`. Compiles Graft's matrix product first, which
 * the matmul and convolution kernels run on.
 */
export async function registerWasmTrainingKernels(): Promise<void> {
  await prepareGraftWasm();
  for (const config of [...addedKernels, ...replacedKernels]) registerWasmKernel(config);
  // Runs our kernel on wasm only; every other backend keeps tfjs' formula (ReluGrad.ts).
  tf.registerGradient(reluGradConfig);
  // The gradient of Graft's own loss kernel (train/softmaxCrossEntropy.ts).
  tf.registerGradient(softmaxXentGradConfig);
}
