import { tf } from '../../tf.mjs';
import type { DepthwiseConv2dNativeBackpropInputAttrs, KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { depthwiseInfo } from './convInfo.ts';
import { asKernelFunc, f32, input, type KernelArgs } from './wasmBackend.ts';

/**
 * dx[b, iy, ix, c] = Σ_{kh, kw, m} dy[b, oy, ox, c·M + m] · W[kh, kw, c, m] over the
 * output positions whose window covers (iy, ix). Missing from the shipped wasm
 * backend. Written as a scatter from each output position, so every read and
 * write walks contiguous channels and padding/dilation need no special cases.
 */
function depthwiseConv2dNativeBackpropInput(args: KernelArgs<DepthwiseConv2dNativeBackpropInputAttrs>): TensorInfo {
  const { backend, attrs } = args;
  const dy = input(args, 'dy');
  const filter = input(args, 'filter');
  const { info, g, c, mult, tapSize } = depthwiseInfo(attrs.inputShape, filter.shape, attrs);
  const dx = backend.makeOutput([...info.inShape], 'float32');
  const dxView = f32(backend, dx);
  const dyView = f32(backend, dy);
  const w = f32(backend, filter);
  dxView.fill(0);

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
            for (let ch = 0; ch < c; ch++) {
              let sum = 0;
              const at = ch * mult;
              for (let m = 0; m < mult; m++) sum += dyView[dyAt + at + m]! * w[tapAt + at + m]!;
              dxView[xAt + ch] = dxView[xAt + ch]! + sum;
            }
          }
        }
        dyAt += tapSize;
      }
    }
  }
  return dx;
}

export const depthwiseConv2dNativeBackpropInputConfig: KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(depthwiseConv2dNativeBackpropInput),
};
