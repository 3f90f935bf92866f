import * as tf from '@tensorflow/tfjs';
import type { Conv2DBackpropInputAttrs, KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { convInfo } from './convInfo.ts';
import { col2imAdd, type ConvGeometry } from './im2col.ts';
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
 * dx is the "full" correlation of dy with the filter: each output position's
 * gradient spread back over the patch it was computed from.
 *
 * This replaces the shipped wasm kernel, a scalar C++ loop that took ~120 ms of
 * a ~230 ms training step of our reference CNN. At stride 1 it is an ordinary
 * convolution of dy with the spatially flipped, in/out-swapped filter, which
 * XNNPACK runs; other strides use dy[P, Co] · Wᵀ[Co, K] (P = b·oy·ox,
 * K = kh·kw·ci) in XNNPACK's matmul and scatter-add the patches (col2im).
 */
function conv2DBackpropInput(args: KernelArgs<Conv2DBackpropInputAttrs>): TensorInfo {
  const { backend, attrs } = args;
  const dy = input(args, 'dy');
  const filter = input(args, 'filter');
  // NCHW only reaches here from conv2dTranspose inference, which the shipped kernel handles.
  if (attrs.dataFormat === 'NCHW') return runWasmKernel(backend, 'Conv2DBackpropInput', { dy, filter }, { ...attrs });
  const { info, g } = convInfo(attrs.inputShape, filter.shape, attrs);
  const pads = flippedPads(info);
  if (g.strideH === 1 && g.strideW === 1 && pads !== undefined) {
    const flipped = flipFilter(backend, filter, g);
    const dx = runWasmKernel(backend, 'Conv2D', { x: dy, filter: flipped }, {
      strides: 1,
      pad: pads,
      dataFormat: 'NHWC',
      dilations: 1,
    });
    free(backend, flipped);
    return dx;
  }

  const positions = g.batch * g.outH * g.outW;
  const patch = g.kH * g.kW * g.inC;
  // The filter is tiny next to dy, so transposing it is the cheap way to keep
  // the product on the no-transpose XNNPACK path.
  const filterT = transpose2d(backend, { ...filter, shape: [patch, info.outChannels] });
  const cols = matMul(backend, { ...dy, shape: [positions, info.outChannels] }, filterT);
  const dx = backend.makeOutput([...info.inShape], 'float32');
  const dxView = f32(backend, dx);
  dxView.fill(0);
  col2imAdd(f32(backend, cols), dxView, g);
  free(backend, filterT, cols);
  return dx;
}

/** Padding of the stride-1 flipped convolution; undefined when the forward pad exceeded the filter. */
function flippedPads(info: tf.backend_util.Conv2DInfo): tf.backend_util.ExplicitPadding | undefined {
  const { top, bottom, left, right } = info.padInfo;
  const h = info.filterHeight - 1;
  const w = info.filterWidth - 1;
  if (Math.max(top, bottom) > h || Math.max(left, right) > w) return undefined;
  return [
    [0, 0],
    [h - top, h - bottom],
    [w - left, w - right],
    [0, 0],
  ];
}

/** W[kh, kw, ci, co] → W'[KH−1−kh, KW−1−kw, co, ci]: the filter of the transposed convolution. */
function flipFilter(backend: WasmKernelBackend, filter: TensorInfo, g: ConvGeometry): TensorInfo {
  const co = filter.shape[3]!;
  const out = backend.makeOutput([g.kH, g.kW, co, g.inC], 'float32');
  const to = f32(backend, out);
  const from = f32(backend, filter);
  for (let kh = 0; kh < g.kH; kh++) {
    for (let kw = 0; kw < g.kW; kw++) {
      const src = (kh * g.kW + kw) * g.inC * co;
      const dst = ((g.kH - 1 - kh) * g.kW + (g.kW - 1 - kw)) * co * g.inC;
      for (let i = 0; i < g.inC; i++) {
        for (let o = 0; o < co; o++) to[dst + o * g.inC + i] = from[src + i * co + o]!;
      }
    }
  }
  return out;
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(conv2DBackpropInput),
};
