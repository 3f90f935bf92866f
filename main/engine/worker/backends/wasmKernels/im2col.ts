import type { backend_util, TensorInfo } from '@tensorflow/tfjs';
import { graftWasm, type GeometryArgs } from '../graftWasm/module.ts';
import { free, type WasmKernelBackend } from './wasmBackend.ts';

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

/** Patch floats the patch matrix of one chunk may hold: 16 MB, well inside a core's L3 share. */
const PATCH_CHUNK_FLOATS = 4 * 1024 * 1024;

/**
 * How many images to turn into patches at a time. A whole batch's patch matrix is
 * kh·kw·ci / (stride²) times the input: 9× for a 3×3 convolution, which on 128×128 images
 * with 64 channels would not fit the wasm heap.
 */
export function imagesPerPatchChunk(g: ConvGeometry, maxFloats = PATCH_CHUNK_FLOATS): number {
  const perImage = g.outH * g.outW * g.kH * g.kW * g.inC;
  return Math.max(1, Math.min(g.batch, Math.floor(maxFloats / Math.max(1, perImage))));
}

/**
 * Calls `each(first, images, cols)` for the batch a chunk of whole images at a time
 * (imagesPerPatchChunk), with one patch matrix `cols` [chunk images' positions, kh·kw·ci]
 * for every chunk, freed when done or when `each` throws.
 */
export function forEachPatchChunk(backend: WasmKernelBackend, g: ConvGeometry, each: (first: number, images: number, cols: TensorInfo) => void): void {
  const chunk = imagesPerPatchChunk(g);
  const cols = backend.makeOutput([chunk * g.outH * g.outW, g.kH * g.kW * g.inC], 'float32');
  try {
    for (let first = 0; first < g.batch; first += chunk) each(first, Math.min(chunk, g.batch - first), cols);
  } finally {
    free(backend, cols);
  }
}

/**
 * Patches of x as rows: cols[(b, oy, ox), (kh, kw, c)], zero where a patch covers padding.
 * `x` and `cols` are heap byte addresses; the loop is Graft's wasm im2col (graftWasm/dataWat.ts),
 * which copies each kernel row (kw·c contiguous floats when nothing is clipped) in SIMD runs.
 */
export function im2colOnHeap(backend: WasmKernelBackend, x: number, cols: number, g: ConvGeometry): void {
  graftWasm(backend).im2col(x, cols, ...geometryArgs(g));
}

/** dx += col2im(cols): each patch row added back where it came from (overlaps accumulate). */
export function col2imOnHeap(backend: WasmKernelBackend, cols: number, dx: number, g: ConvGeometry): void {
  graftWasm(backend).col2im(dx, cols, ...geometryArgs(g));
}

function geometryArgs(g: ConvGeometry): GeometryArgs {
  return [g.batch, g.inH, g.inW, g.inC, g.outH, g.outW, g.kH, g.kW, g.strideH, g.strideW, g.dilationH, g.dilationW, g.padTop, g.padLeft];
}
