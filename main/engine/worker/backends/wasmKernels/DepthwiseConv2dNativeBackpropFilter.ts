import { tf } from '../../tf.mjs';
import type { DepthwiseConv2dNativeBackpropFilterAttrs, KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { depthwiseInfo } from './convInfo.ts';
import { asKernelFunc, f32, input, type KernelArgs } from './wasmBackend.ts';

/**
 * dW[kh, kw, c, m] = Σ_{b, oy, ox} x[b, iy, ix, c] · dy[b, oy, ox, c·M + m],
 * iy = oy·sh − padTop + kh·dh (likewise ix). Missing from the shipped wasm
 * backend. Each filter tap is a per-channel dot product rather than a matrix
 * product, so this is one pass over dy with the channel loop innermost (both
 * x and dy are contiguous in c there).
 */
function depthwiseConv2dNativeBackpropFilter(args: KernelArgs<DepthwiseConv2dNativeBackpropFilterAttrs>): TensorInfo {
  const { backend, attrs } = args;
  const x = input(args, 'x');
  const dy = input(args, 'dy');
  const { g, c, mult, tapSize } = depthwiseInfo(x.shape, attrs.filterShape, attrs);
  // Sums run over every output position: accumulate in doubles, as the cpu backend does.
  const sums = new Float64Array(g.kH * g.kW * tapSize);
  const xView = f32(backend, x);
  const dyView = f32(backend, dy);

  let dyAt = 0;
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < g.outH; oy++) {
      for (let ox = 0; ox < g.outW; ox++) {
        for (let kh = 0; kh < g.kH; kh++) {
          const iy = oy * g.strideH - g.padTop + kh * g.dilationH;
          if (iy < 0 || iy >= g.inH) continue;
          for (let kw = 0; kw < g.kW; kw++) {
            const ix = ox * g.strideW - g.padLeft + kw * g.dilationW;
            if (ix < 0 || ix >= g.inW) continue;
            const xAt = ((b * g.inH + iy) * g.inW + ix) * c;
            const tapAt = (kh * g.kW + kw) * tapSize;
            if (mult === 1) {
              for (let ch = 0; ch < c; ch++) sums[tapAt + ch] = sums[tapAt + ch]! + xView[xAt + ch]! * dyView[dyAt + ch]!;
            } else {
              for (let ch = 0; ch < c; ch++) {
                const xv = xView[xAt + ch]!;
                const at = ch * mult;
                for (let m = 0; m < mult; m++) sums[tapAt + at + m] = sums[tapAt + at + m]! + xv * dyView[dyAt + at + m]!;
              }
            }
          }
        }
        dyAt += tapSize;
      }
    }
  }
  const dW = backend.makeOutput([...attrs.filterShape], 'float32');
  f32(backend, dW).set(sums);
  return dW;
}

export const depthwiseConv2dNativeBackpropFilterConfig: KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(depthwiseConv2dNativeBackpropFilter),
};
