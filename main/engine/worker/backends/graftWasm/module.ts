// Graft's own WebAssembly kernels, instantiated on the tfjs wasm backend's heap.
//
// One module holds the matrix product (gemmWat.ts), the data loops next to it (dataWat.ts) and
// the max-pool gradient (poolWat.ts), Adam's update (adamWat.ts), the bias + ReLU loop of a
// fused dense stack (denseWat.ts) and column sums (sumWat.ts).
// The build assembles it from its text (assemble.ts) into dist/wasm/, with and without fused
// multiply-add; each process compiles the variant its engine runs once and instantiates it against
// each wasm backend's memory, so it reads and writes tensors where they live: no copy in or out.
// Addresses are heap byte offsets (`heapAddress`).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import type { TensorInfo } from '@tensorflow/tfjs';
import type { WasmKernelBackend } from '../wasmKernels/wasmBackend.ts';

/** An NHWC convolution's geometry, in elements, in the order the patch loops take it. */
export type GeometryArgs = [
  batch: number, inH: number, inW: number, c: number, outH: number, outW: number, kH: number, kW: number,
  strideH: number, strideW: number, dilationH: number, dilationW: number, padTop: number, padLeft: number,
];

/** The exported functions. Every pointer is a heap byte address. */
export interface GraftWasm {
  gemm(
    a: number, aRowStride: number, aKStride: number,
    b: number, bKStride: number, bColStride: number,
    c: number, m: number, k: number, n: number, work: number, accumulate: number,
  ): void;
  /** cols = the patches of x, one row per output position (im2col). */
  im2col(x: number, cols: number, ...geometry: GeometryArgs): void;
  /** dx += each patch row of cols added back onto its image (col2im). */
  col2im(dx: number, cols: number, ...geometry: GeometryArgs): void;
  reluGrad(dy: number, x: number, dx: number, n: number): void;
  /** out[c] = Σ_r x[r·columns + c] (float32, added in float64; 0 when there are no rows). */
  columnSums(x: number, rows: number, columns: number, out: number): void;
  /** out's row i = x's row indices[i] (int32), rows of rowBytes (a multiple of 4). */
  gatherRows(x: number, rowBytes: number, indices: number, count: number, out: number): void;
  adam(
    x: number, m: number, v: number, g: number, xOut: number, mOut: number, vOut: number, n: number,
    beta1: number, beta2: number, oneMinusBeta1: number, oneMinusBeta2: number, epsilon: number,
    stepScale: number, rootScale: number,
  ): void;
  /** y = relu?(y + bias) in place, row by row; bias 0 for none. */
  biasRelu(y: number, bias: number, rows: number, cols: number, relu: number): void;
  maxPoolGrad2x2(x: number, dy: number, dx: number, batch: number, inH: number, inW: number, c: number, outH: number, outW: number): void;
}

/** The subset of the WebAssembly JS API used here (the Node typings leave it out). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface Compiled {
  module: object;
  fma: boolean;
}

let compiling: Promise<Compiled> | undefined;
let compiled: Compiled | undefined;
/** One instance per wasm backend: each backend has its own memory. */
const instances = new WeakMap<object, GraftWasm>();

// The smallest module that uses relaxed SIMD: (func (param v128 v128 v128) (result v128) f32x4.relaxed_madd).
const RELAXED_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 123, 123, 123, 1, 123, 3, 2, 1, 0, 10, 13, 1, 11, 0, 32, 0, 32, 1, 32, 2,
  253, 133, 2, 11,
]);

/**
 * Whether this engine runs relaxed SIMD (fused multiply-add). Chromium ≥ 114 (Electron) and
 * Node ≥ 22 ship it; Node 20's V8 has it behind a flag, which is process-wide and must be set
 * before the first module that uses it is compiled. GRAFT_NO_FMA=1 turns it off (to compare).
 */
function relaxedSimd(): boolean {
  if (process.env['GRAFT_NO_FMA'] === '1') return false;
  if (wasmApi.validate(RELAXED_PROBE)) return true;
  v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  return wasmApi.validate(RELAXED_PROBE);
}

/** The assembled module files (tools/build/entries.mjs writes them; the bundles find them beside themselves). */
export const GRAFT_WASM_FILES = {
  fma: new URL('../../../../../dist/wasm/graft-kernels-fma.wasm', import.meta.url),
  plain: new URL('../../../../../dist/wasm/graft-kernels.wasm', import.meta.url),
};

/** The prebuilt WebAssembly bytes of the module. */
export function graftWasmBytes(fma: boolean): Uint8Array {
  const file = fma ? GRAFT_WASM_FILES.fma : GRAFT_WASM_FILES.plain;
  if (!existsSync(file)) throw new Error(`Graft's wasm kernels are not built (${fileURLToPath(file)} is missing): run "npm run build"`);
  return new Uint8Array(readFileSync(file));
}

/** Compiles the module once per process. Await it before the wasm training kernels run. */
export function prepareGraftWasm(): Promise<Compiled> {
  compiling ??= (async () => {
    const fma = graftWasmUsesFma();
    compiled = { module: new wasmApi.Module(graftWasmBytes(fma)), fma };
    return compiled;
  })();
  return compiling;
}

let fmaHere: boolean | undefined;

/** Whether the product uses fused multiply-add in this process (decided once, without building the module). */
export function graftWasmUsesFma(): boolean {
  return (fmaHere ??= relaxedSimd());
}

/** The emscripten module of tfjs' wasm backend, as far as we use it. */
interface EmscriptenModule {
  asm: { memory: object };
}

/** Graft's kernels bound to this backend's heap. */
export function graftWasm(backend: WasmKernelBackend): GraftWasm {
  const wasm = (backend as unknown as { wasm: EmscriptenModule }).wasm;
  let bound = instances.get(wasm);
  if (bound) return bound;
  if (!compiled) throw new Error("Graft's wasm kernels are not compiled yet: await prepareGraftWasm() before training on wasm");
  bound = new wasmApi.Instance(compiled.module, { env: { memory: wasm.asm.memory } }).exports as unknown as GraftWasm;
  instances.set(wasm, bound);
  return bound;
}

/**
 * Byte address of a heap tensor's first float. Stays valid when the heap grows; views do not.
 * Read from the backend's table rather than from a view: a training step asks for ~40 of them.
 */
export function heapAddress(backend: WasmKernelBackend, tensor: TensorInfo): number {
  const data = backend.dataIdMap.get(tensor.dataId);
  if (data === undefined) throw new Error("Graft's wasm kernels: a tensor's data is not on the wasm heap (disposed, or from another backend)");
  return data.memoryOffset;
}
