import { tf } from '../../tf.mjs';
import type { GradConfig, KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { graftWasm, heapAddress } from '../graftWasm/module.ts';
import { asKernelFunc, input, type KernelArgs } from './wasmBackend.ts';

/** Graft's kernel name for dy · step(x), the gradient of a ReLU (wasm only). */
export const GRAFT_RELU_GRAD = 'GraftReluGrad';

/** dx = dy · step(x) in one SIMD pass (graftWasm/dataWat.ts). */
function reluGrad(args: KernelArgs<unknown>): TensorInfo {
  const { backend } = args;
  const dy = input(args, 'dy');
  const x = input(args, 'x');
  const dx = backend.makeOutput([...x.shape], 'float32');
  graftWasm(backend).reluGrad(heapAddress(backend, dy), heapAddress(backend, x), heapAddress(backend, dx), tf.util.sizeFromShape(x.shape));
  return dx;
}

export const reluGradKernelConfig: KernelConfig = {
  kernelName: GRAFT_RELU_GRAD,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(reluGrad),
};

/**
 * tfjs computes a ReLU's gradient as mul(dy, cast(step(x))): three kernels and two temporary
 * tensors per ReLU, ~3.5 ms of the reference CNN's training step on wasm. On wasm this runs our
 * one-pass kernel instead; on every other backend it is tfjs' own formula. Gradients are
 * registered for all backends at once, which is why the choice is made here, per call.
 */
export const reluGradConfig: GradConfig = {
  kernelName: tf.Relu,
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => {
    const [x] = saved as tf.Tensor[];
    const upstream = dy as tf.Tensor;
    return {
      x: () =>
        tf.getBackend() === 'wasm' && x!.dtype === 'float32' && upstream.dtype === 'float32'
          ? (tf.engine().runKernel(GRAFT_RELU_GRAD, { dy: upstream, x: x! }) as tf.Tensor)
          : tf.mul(upstream, tf.cast(tf.step(x!), 'float32')),
    };
  },
};
