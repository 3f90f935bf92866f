import { tf } from '../../tf.mjs';
import type { Conv2DBackpropInputAttrs, KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { convInfo } from './convInfo.ts';
import { col2imOnHeap, forEachPatchChunk } from './im2col.ts';
import { gemmInto } from '../graftWasm/gemm.ts';
import { heapAddress } from '../graftWasm/module.ts';
import { asKernelFunc, f32, input, runWasmKernel, type KernelArgs } from './wasmBackend.ts';

/**
 * dx is the "full" correlation of dy with the filter: each output position's gradient spread
 * back over the patch it was computed from. As Graft's packed matrix product (graftWasm/):
 * dcols[P, K] = dy[P, Co] · W[K, Co]ᵀ (P = b·oy·ox, K = kh·kw·ci; the product reads W
 * transposed in place), then each patch row scatter-added back onto dx (col2im), a chunk of
 * whole images at a time so dcols stays ~16 MB.
 *
 * Replaces the shipped wasm kernel, a scalar C++ loop. Measured on the reference CNN's second
 * layer (batch 64, 14×14×64 → 14×14×32, CPU ms): this 10.7; the previous stride-1 route, XNNPACK
 * convolving dy with the flipped filter, 15.1; that convolution through our im2col + gemm 16–19
 * (a 12544×576×32 product, too narrow for the packed tiles); col2im in JavaScript instead of
 * wasm 18.7 (col2im is now Graft's wasm loop, graftWasm/dataWat.ts).
 */
function conv2DBackpropInput(args: KernelArgs<Conv2DBackpropInputAttrs>): TensorInfo {
  const { backend, attrs } = args;
  const dy = input(args, 'dy');
  const filter = input(args, 'filter');
  // NCHW only reaches here from conv2dTranspose inference, which the shipped kernel handles.
  if (attrs.dataFormat === 'NCHW' || dy.dtype !== 'float32' || filter.dtype !== 'float32') {
    return runWasmKernel(backend, 'Conv2DBackpropInput', { dy, filter }, { ...attrs });
  }
  const { info, g } = convInfo(attrs.inputShape, filter.shape, attrs);
  const outChannels = info.outChannels;
  const perImage = g.outH * g.outW;
  const patch = g.kH * g.kW * g.inC;
  const imageFloats = g.inH * g.inW * g.inC;
  const dx = backend.makeOutput([g.batch, g.inH, g.inW, g.inC], 'float32');
  f32(backend, dx).fill(0);
  forEachPatchChunk(backend, g, (b0, images, cols) => {
    gemmInto(backend, { tensor: dy, offset: b0 * perImage * outChannels }, { tensor: filter, transposed: true }, { tensor: cols }, images * perImage, outChannels, patch);
    col2imOnHeap(backend, heapAddress(backend, cols), heapAddress(backend, dx) + 4 * b0 * imageFloats, { ...g, batch: images });
  });
  return dx;
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(conv2DBackpropInput),
};
