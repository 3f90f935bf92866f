import { tf } from '../../tf.mjs';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { asKernelFunc, input, runWasmKernel, type KernelArgs } from './wasmBackend.ts';

/**
 * The same data under a new tensor: shares x's heap memory and counts a reference, as the cpu
 * and webgl backends do, instead of copying it.
 *
 * tfjs clones every tensor it keeps for the backward pass (`saveTensorsForBackwardMode`), and
 * the shipped wasm Identity copies each one: ~3.5 ms of the reference CNN's training step went
 * into copying activations that are never written again (kernels always write fresh outputs;
 * a variable's assign swaps in new data rather than writing over the old).
 */
function identity(args: KernelArgs<unknown>): TensorInfo {
  const { backend } = args;
  const x = input(args, 'x');
  if (x.dtype === 'string') return runWasmKernel(backend, 'Identity', { x });
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

export const identityConfig: KernelConfig = {
  kernelName: tf.Identity,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(identity),
};
