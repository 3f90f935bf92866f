import * as tf from '@tensorflow/tfjs';
import type { Conv2DBackpropFilterAttrs, KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { geometryOf, im2colT } from './im2col.ts';
import { asKernelFunc, copyOf, f32, free, input, matMul, runWasmKernel, type KernelArgs } from './wasmBackend.ts';

/**
 * dW[kh, kw, ci, co] = Σ_{b, oy, ox} x[b, oy·s + kh − pad, ox·s + kw − pad, ci] · dy[b, oy, ox, co]
 *
 * As matrices, with P = b·oy·ox and K = kh·kw·ci: dW[K, Co] = colsT[K, P] · dy[P, Co],
 * where colsT holds x's patches as columns. The product runs in the wasm
 * backend's XNNPACK matmul, which is fast only without transposes and which
 * re-packs its right operand on every new tensor: dy is the small one to pack
 * (P·Co floats against P·K for the patches).
 */
function conv2DBackpropFilter(args: KernelArgs<Conv2DBackpropFilterAttrs>): TensorInfo {
  const { backend, attrs } = args;
  const x = input(args, 'x');
  const dy = input(args, 'dy');
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(attrs.dataFormat),
  );
  const g = geometryOf(info);
  const positions = g.batch * g.outH * g.outW;
  const patch = g.kH * g.kW * g.inC;

  // Channel-major x makes each patch row a run of neighbouring pixels.
  const xT = runWasmKernel(backend, 'Transpose', { x }, { perm: [3, 0, 1, 2] });
  // XNNPACK caches its packed right operand by tensor id, and dy's id may meet
  // a matmul elsewhere under another shape: multiply a private copy.
  const dyRows = copyOf(backend, { ...dy, shape: [positions, info.outChannels] });
  const colsT = backend.makeOutput([patch, positions], 'float32');
  // Views are taken after the last allocation: a heap growth detaches older ones.
  im2colT(f32(backend, xT), f32(backend, colsT), g);

  const dW = matMul(backend, colsT, dyRows);
  free(backend, xT, dyRows, colsT);
  return { ...dW, shape: [...attrs.filterShape] };
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(conv2DBackpropFilter),
};
