import { tf } from '../../tf.mjs';
import type { Conv2DBackpropFilterAttrs, KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { gemmInto } from '../graftWasm/gemm.ts';
import { heapAddress } from '../graftWasm/module.ts';
import { convInfo } from './convInfo.ts';
import { forEachPatchChunk, im2colOnHeap } from './im2col.ts';
import { asKernelFunc, input, type KernelArgs } from './wasmBackend.ts';

/**
 * dW[kh, kw, ci, co] = Σ_{b, oy, ox} x[b, oy·s + kh − pad, ox·s + kw − pad, ci] · dy[b, oy, ox, co]
 *
 * Missing from the shipped wasm backend. As a matrix product, dW[K, Co] = colsᵀ[K, P] · dy[P, Co]
 * with P = b·oy·ox positions, K = kh·kw·ci, and x's patches as the rows of cols (im2col). Graft's
 * product (graftWasm/) reads cols transposed where it lies and writes dW in the filter's own
 * [kh, kw, ci, co] order, so the patches are the only copy. They are built a few images at a
 * time, each chunk's product added onto dW, so the patch matrix stays small whatever the batch.
 */
function conv2DBackpropFilter(args: KernelArgs<Conv2DBackpropFilterAttrs>): TensorInfo {
  const { backend, attrs } = args;
  const x = input(args, 'x');
  const dy = input(args, 'dy');
  const { info, g } = convInfo(x.shape, attrs.filterShape, attrs);
  const co = info.outChannels;
  const patch = g.kH * g.kW * g.inC;
  const positionsPerImage = g.outH * g.outW;
  const dW = backend.makeOutput([...attrs.filterShape], 'float32');
  forEachPatchChunk(backend, g, (first, images, cols) => {
    const xAt = heapAddress(backend, x) + 4 * first * g.inH * g.inW * g.inC;
    im2colOnHeap(backend, xAt, heapAddress(backend, cols), { ...g, batch: images });
    const positions = images * positionsPerImage;
    gemmInto(
      backend,
      { tensor: cols, transposed: true },
      { tensor: dy, offset: first * positionsPerImage * co },
      { tensor: dW, accumulate: first > 0 },
      patch,
      positions,
      co,
    );
  });
  return dW;
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(conv2DBackpropFilter),
};
