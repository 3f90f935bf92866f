import * as tf from '@tensorflow/tfjs';
import type { Conv2DBackpropFilterAttrs, KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { convInfo } from './convInfo.ts';
import { im2col, type ConvGeometry } from './im2col.ts';
import {
  asKernelFunc,
  f32,
  free,
  input,
  matMul,
  runWasmKernel,
  transpose2d,
  type KernelArgs,
  type WasmKernelBackend,
} from './wasmBackend.ts';

/**
 * dW[kh, kw, ci, co] = Σ_{b, oy, ox} x[b, oy·s + kh − pad, ox·s + kw − pad, ci] · dy[b, oy, ox, co]
 *
 * Missing from the shipped wasm backend. Two ways to hand the work to XNNPACK:
 * - as a convolution: with ci as the batch, b as the channels and dy as a
 *   filter dilated by the stride, the sum above is a plain convolution whose
 *   output is the [kh, kw] grid. XNNPACK builds no patch matrix for it.
 * - as a matrix product: dWᵀ[Co, K] = dyᵀ[Co, P] · cols[P, K] with P = b·oy·ox,
 *   K = kh·kw·ci and x's patches as the rows of cols (im2col). Cheaper when the
 *   patches are few (a first layer on grey images), and the only way when the
 *   convolution above would need negative padding (the forward conv skipped
 *   trailing rows).
 */
function conv2DBackpropFilter(args: KernelArgs<Conv2DBackpropFilterAttrs>): TensorInfo {
  const { backend, attrs } = args;
  const x = input(args, 'x');
  const dy = input(args, 'dy');
  const { info, g } = convInfo(x.shape, attrs.filterShape, attrs);
  const pads = correlationPads(g);
  // XNNPACK re-packs one big operand on every call: dy in the convolution (co floats per
  // position), the patch matrix in the product (kh·kw·ci per position). Take the smaller.
  const patchesAreSmaller = g.kH * g.kW * g.inC < info.outChannels;
  const dW =
    pads === undefined || patchesAreSmaller
      ? viaMatMul(backend, x, dy, g, info.outChannels)
      : viaConvolution(backend, x, dy, g, pads);
  return { ...dW, shape: [...attrs.filterShape] };
}

/** Padding that makes the convolution's output exactly kh×kw; undefined if it would be negative. */
function correlationPads(g: ConvGeometry): tf.backend_util.ExplicitPadding | undefined {
  const bottom = g.kH + (g.outH - 1) * g.strideH - g.inH - g.padTop;
  const right = g.kW + (g.outW - 1) * g.strideW - g.inW - g.padLeft;
  if (bottom < 0 || right < 0) return undefined;
  return [
    [0, 0],
    [g.padTop, bottom],
    [g.padLeft, right],
    [0, 0],
  ];
}

function viaConvolution(
  backend: WasmKernelBackend,
  x: TensorInfo,
  dy: TensorInfo,
  g: ConvGeometry,
  pad: tf.backend_util.ExplicitPadding,
): TensorInfo {
  const images = runWasmKernel(backend, 'Transpose', { x }, { perm: [3, 1, 2, 0] }); // [ci, h, w, b]
  const filter = runWasmKernel(backend, 'Transpose', { x: dy }, { perm: [1, 2, 0, 3] }); // [oy, ox, b, co]
  const grid = runWasmKernel(
    backend,
    'Conv2D',
    { x: images, filter },
    { strides: 1, pad, dataFormat: 'NHWC', dilations: [g.strideH, g.strideW] },
  ); // [ci, kh, kw, co]
  const dW = runWasmKernel(backend, 'Transpose', { x: grid }, { perm: [1, 2, 0, 3] });
  free(backend, images, filter, grid);
  return dW;
}

function viaMatMul(backend: WasmKernelBackend, x: TensorInfo, dy: TensorInfo, g: ConvGeometry, outChannels: number): TensorInfo {
  const positions = g.batch * g.outH * g.outW;
  // dWᵀ[Co, K] = dyᵀ[Co, P] · cols[P, K]: XNNPACK packs its right operand afresh for every
  // new tensor, so the patches (the smaller operand whenever this path is taken by choice)
  // go on the right and dy is transposed instead.
  const dyT = backend.makeOutput([outChannels, positions], 'float32');
  const cols = backend.makeOutput([positions, g.kH * g.kW * g.inC], 'float32');
  // Views are taken after the last allocation: a heap growth detaches older ones.
  const colsView = f32(backend, cols);
  transposeTiled(f32(backend, dy), f32(backend, dyT), positions, outChannels);
  im2col(new Float32Array(colsView.buffer), f32(backend, x).byteOffset >> 2, colsView.byteOffset >> 2, g);
  const dWT = matMul(backend, dyT, cols);
  const dW = transpose2d(backend, dWT);
  free(backend, dyT, cols, dWT);
  return dW;
}

/**
 * out[c·rows + r] = src[r·cols + c], in 32×32 tiles. The shipped Transpose writes one output
 * row per input element in turn, a cache miss each when rows is large (dy of a first layer:
 * 50,176 rows × 32).
 */
export function transposeTiled(src: Float32Array, out: Float32Array, rows: number, cols: number): void {
  const TILE = 32;
  for (let r0 = 0; r0 < rows; r0 += TILE) {
    const r1 = Math.min(rows, r0 + TILE);
    for (let c0 = 0; c0 < cols; c0 += TILE) {
      const c1 = Math.min(cols, c0 + TILE);
      for (let c = c0; c < c1; c++) {
        let to = c * rows + r0;
        for (let from = r0 * cols + c; to < c * rows + r1; from += cols) out[to++] = src[from]!;
      }
    }
  }
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(conv2DBackpropFilter),
};
