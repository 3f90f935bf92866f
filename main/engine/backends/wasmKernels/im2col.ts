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

/**
 * Patches of x as columns: colsT[(kh, kw, c), (b, oy, ox)], read from x laid out
 * channel-major as [C, B, H, W]. In that layout each output row of a patch
 * reads consecutive (stride 1) or evenly spaced input pixels, and colsT is
 * written strictly in order, which keeps this loop memory-bound and cheap.
 */
export function im2colT(xT: Float32Array, colsT: Float32Array, g: ConvGeometry): void {
  const { batch, inH, inW, inC, outH, outW, strideH, strideW } = g;
  const plane = inH * inW;
  let to = 0;
  for (let kh = 0; kh < g.kH; kh++) {
    const iyStart = kh * g.dilationH - g.padTop;
    const [oyFrom, oyTo] = insideRange(iyStart, strideH, inH, outH);
    for (let kw = 0; kw < g.kW; kw++) {
      const ixStart = kw * g.dilationW - g.padLeft;
      const [oxFrom, oxTo] = insideRange(ixStart, strideW, inW, outW);
      for (let c = 0; c < inC; c++) {
        for (let b = 0; b < batch; b++) {
          const planeAt = (c * batch + b) * plane;
          for (const end = to + oyFrom * outW; to < end; ) colsT[to++] = 0;
          for (let oy = oyFrom; oy < oyTo; oy++) {
            for (let ox = 0; ox < oxFrom; ox++) colsT[to++] = 0;
            let from = planeAt + (iyStart + oy * strideH) * inW + ixStart + oxFrom * strideW;
            const end = to + oxTo - oxFrom;
            if (strideW === 1) {
              while (to < end) colsT[to++] = xT[from++]!;
            } else {
              for (; to < end; from += strideW) colsT[to++] = xT[from]!;
            }
            for (let ox = oxTo; ox < outW; ox++) colsT[to++] = 0;
          }
          for (const end = to + (outH - oyTo) * outW; to < end; ) colsT[to++] = 0;
        }
      }
    }
  }
}

/** The outputs o in [0, outSize) whose input start + o·stride lies in [0, inSize), as [from, to). */
function insideRange(start: number, stride: number, inSize: number, outSize: number): [number, number] {
  const from = Math.min(outSize, Math.max(0, Math.ceil(-start / stride)));
  const to = Math.max(from, Math.min(outSize, Math.ceil((inSize - start) / stride)));
  return [from, to];
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
