import type { backend_util } from '@tensorflow/tfjs';

/** The NHWC convolution geometry our im2col/col2im loops need, from tfjs' Conv2DInfo. */
export interface ConvGeometry {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  padTop: number;
  padLeft: number;
}

export function geometryOf(info: backend_util.Conv2DInfo): ConvGeometry {
  if (info.dataFormat !== 'channelsLast') {
    // The shipped wasm Conv2D is NHWC-only too, so an NCHW graph never trains on wasm.
    throw new Error("Graft's wasm training kernels support only NHWC (channelsLast) data");
  }
  return {
    batch: info.batchSize,
    inH: info.inHeight,
    inW: info.inWidth,
    inC: info.inChannels,
    outH: info.outHeight,
    outW: info.outWidth,
    kH: info.filterHeight,
    kW: info.filterWidth,
    strideH: info.strideHeight,
    strideW: info.strideWidth,
    dilationH: info.dilationHeight,
    dilationW: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

// Below this length a plain loop beats the call overhead of copyWithin (a memmove).
const SHORT_RUN = 16;

function copyRun(heap: Float32Array, from: number, to: number, length: number): void {
  if (length < SHORT_RUN) {
    for (let i = 0; i < length; i++) heap[to + i] = heap[from + i]!;
  } else {
    heap.copyWithin(to, from, from + length);
  }
}

function zeroRun(heap: Float32Array, to: number, length: number): void {
  for (let i = 0; i < length; i++) heap[to + i] = 0;
}

/**
 * Patches of x as rows: cols[(b, oy, ox), (kh, kw, c)]. Both live on the wasm heap
 * (`xAt`, `colsAt` are float offsets into `heap`), so a whole kernel row (kw·c
 * contiguous floats when nothing is clipped) moves with one memmove.
 */
export function im2col(heap: Float32Array, xAt: number, colsAt: number, g: ConvGeometry): void {
  const { inH, inW, inC: c, kH, kW } = g;
  const rowRun = kW * c;
  let to = colsAt;
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < g.outH; oy++) {
      const iy0 = oy * g.strideH - g.padTop;
      for (let ox = 0; ox < g.outW; ox++) {
        const ix0 = ox * g.strideW - g.padLeft;
        const wholeRow = g.dilationW === 1 && ix0 >= 0 && ix0 + kW <= inW;
        for (let kh = 0; kh < kH; kh++) {
          const iy = iy0 + kh * g.dilationH;
          if (iy < 0 || iy >= inH) {
            zeroRun(heap, to, rowRun);
            to += rowRun;
            continue;
          }
          const rowAt = xAt + (b * inH + iy) * inW * c;
          if (wholeRow) {
            copyRun(heap, rowAt + ix0 * c, to, rowRun);
            to += rowRun;
            continue;
          }
          for (let kw = 0; kw < kW; kw++) {
            const ix = ix0 + kw * g.dilationW;
            if (ix < 0 || ix >= inW) zeroRun(heap, to, c);
            else copyRun(heap, rowAt + ix * c, to, c);
            to += c;
          }
        }
      }
    }
  }
}

/**
 * The adjoint of patch extraction: adds each patch row of cols[(b, oy, ox), (kh, kw, c)]
 * back onto the NHWC image it came from. `dx` must be zeroed by the caller;
 * overlapping patches accumulate.
 */
export function col2imAdd(cols: Float32Array, dx: Float32Array, g: ConvGeometry): void {
  const { inH, inW, inC: c, kH, kW } = g;
  const rowRun = kW * c;
  let from = 0;
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < g.outH; oy++) {
      const iy0 = oy * g.strideH - g.padTop;
      for (let ox = 0; ox < g.outW; ox++) {
        const ix0 = ox * g.strideW - g.padLeft;
        // With dilation 1 and no clipping, a kernel row is one contiguous run in dx.
        const wholeRow = g.dilationW === 1 && ix0 >= 0 && ix0 + kW <= inW;
        for (let kh = 0; kh < kH; kh++) {
          const iy = iy0 + kh * g.dilationH;
          if (iy < 0 || iy >= inH) {
            from += rowRun;
            continue;
          }
          const rowAt = (b * inH + iy) * inW * c;
          if (wholeRow) {
            let to = rowAt + ix0 * c;
            for (const end = from + rowRun; from < end; ) dx[to] = dx[to++]! + cols[from++]!;
            continue;
          }
          for (let kw = 0; kw < kW; kw++) {
            const ix = ix0 + kw * g.dilationW;
            if (ix >= 0 && ix < inW) {
              let to = rowAt + ix * c;
              for (const end = from + c; from < end; ) dx[to] = dx[to++]! + cols[from++]!;
            } else {
              from += c;
            }
          }
        }
      }
    }
  }
}
