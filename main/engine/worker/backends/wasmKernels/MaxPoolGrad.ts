import { tf } from '../../tf.mjs';
import type { KernelConfig, MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs';
import { graftWasm, heapAddress } from '../graftWasm/module.ts';
import { asKernelFunc, f32, input, type KernelArgs } from './wasmBackend.ts';

/**
 * Routes each window's gradient to the first largest input in it (row-major
 * window order), as the cpu and native backends do.
 *
 * This replaces the shipped wasm kernel, which starts its running max at
 * FLT_MIN (the smallest *positive* float): a window whose inputs are all ≤ 0 —
 * common after a zero-centred conv or tanh — loses its gradient, and ties go
 * to the last element instead of the first. It was also the second slowest
 * kernel of our reference CNN's training step.
 */
function maxPoolGrad(args: KernelArgs<MaxPoolGradAttrs>): TensorInfo {
  const { backend, attrs } = args;
  const dy = input(args, 'dy');
  const x = input(args, 'input');
  const info = tf.backend_util.computePool2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { batchSize, inHeight: inH, inWidth: inW, inChannels: c, outHeight: outH, outWidth: outW } = info;
  const dx = backend.makeOutput([...x.shape], 'float32');

  // The reference CNN's case: 2×2 windows at stride 2 that all lie inside the input, channels
  // a multiple of 4. A SIMD kernel writes every covered dx element once (~11 ms → ~2 ms).
  const simd =
    info.effectiveFilterHeight === 2 && info.effectiveFilterWidth === 2 &&
    info.strideHeight === 2 && info.strideWidth === 2 &&
    info.padInfo.top === 0 && info.padInfo.left === 0 &&
    2 * outH <= inH && 2 * outW <= inW && c % 4 === 0;
  if (simd) {
    // An odd trailing row or column lies outside every window: its gradient is 0.
    if (2 * outH !== inH || 2 * outW !== inW) f32(backend, dx).fill(0);
    graftWasm(backend).maxPoolGrad2x2(heapAddress(backend, x), heapAddress(backend, dy), heapAddress(backend, dx), batchSize, inH, inW, c, outH, outW);
    return dx;
  }

  const dxView = f32(backend, dx);
  const xView = f32(backend, x);
  const dyView = f32(backend, dy);
  dxView.fill(0);

  // The common 2×2 window gets an unrolled loop: with only four inputs per window, loop
  // overhead dominated the generic path (~8 ms → ~5 ms for the reference CNN's first pool).
  const twoByTwo = info.effectiveFilterHeight === 2 && info.effectiveFilterWidth === 2;
  let dyAt = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const iyStart = oy * info.strideHeight - info.padInfo.top;
      const iyFrom = Math.max(0, iyStart);
      const iyTo = Math.min(inH, iyStart + info.effectiveFilterHeight);
      for (let ox = 0; ox < outW; ox++) {
        const ixStart = ox * info.strideWidth - info.padInfo.left;
        const ixFrom = Math.max(0, ixStart);
        const ixTo = Math.min(inW, ixStart + info.effectiveFilterWidth);
        if (twoByTwo && iyFrom === iyStart && iyTo === iyStart + 2 && ixFrom === ixStart && ixTo === ixStart + 2) {
          routeTwoByTwo(xView, dxView, dyView, ((b * inH + iyStart) * inW + ixStart) * c, dyAt, c, inW * c);
          dyAt += c;
          continue;
        }
        for (let ch = 0; ch < c; ch++) {
          let best = -Infinity;
          let bestAt = -1;
          for (let iy = iyFrom; iy < iyTo; iy++) {
            let at = ((b * inH + iy) * inW + ixFrom) * c + ch;
            for (let ix = ixFrom; ix < ixTo; ix++, at += c) {
              const v = xView[at]!;
              // Strict '>' keeps the first maximum and never picks NaN.
              if (v > best) {
                best = v;
                bestAt = at;
              }
            }
          }
          if (bestAt >= 0) dxView[bestAt] = dxView[bestAt]! + dyView[dyAt + ch]!;
        }
        dyAt += c;
      }
    }
  }
  return dx;
}

/** One interior 2×2 window, all channels; same first-maximum rule as the generic loop. */
function routeTwoByTwo(x: Float32Array, dx: Float32Array, dy: Float32Array, at0: number, dyAt: number, c: number, row: number): void {
  for (let ch = 0; ch < c; ch++) {
    const at = at0 + ch;
    let best = -Infinity;
    let bestAt = -1;
    let v = x[at]!;
    if (v > best) {
      best = v;
      bestAt = at;
    }
    v = x[at + c]!;
    if (v > best) {
      best = v;
      bestAt = at + c;
    }
    v = x[at + row]!;
    if (v > best) {
      best = v;
      bestAt = at + row;
    }
    v = x[at + row + c]!;
    if (v > best) bestAt = at + row + c;
    if (bestAt >= 0) dx[bestAt] = dx[bestAt]! + dy[dyAt + ch]!;
  }
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: tf.MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(maxPoolGrad),
};
