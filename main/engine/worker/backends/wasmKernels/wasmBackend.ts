import { tf } from '../../tf.mjs';
// Registers the shipped wasm kernels first, so the ones we replace are there to be kept.
import '../../tfWasm.mjs';
import type { DataType, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';

/**
 * The part of tfjs-backend-wasm's `BackendWasm` our kernels use. We narrow the
 * backend to this instead of importing the class so the one cast lives here.
 * Inputs are read through heap views rather than `readSync`, which copies.
 */
export interface WasmKernelBackend {
  /** Allocates an uninitialised tensor on the wasm heap (malloc: not zeroed). */
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  /** A view (no copy) of a tensor's bytes on the heap; invalid after the heap grows. */
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: object, force?: boolean): boolean;
  /** Counts one more tensor sharing this data; disposeData frees it at the last one. */
  incRef(dataId: object): void;
  /** Per tensor data: where on the heap it starts (bytes). */
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
}

export interface KernelArgs<A> {
  inputs: Record<string, TensorInfo | undefined>;
  backend: WasmKernelBackend;
  attrs: A;
}

/** Adapts a typed kernel body (one output or several) to tfjs' untyped `KernelFunc` signature. */
export function asKernelFunc<A>(body: (args: KernelArgs<A>) => TensorInfo | TensorInfo[]): tf.KernelFunc {
  return ({ inputs, backend, attrs }) =>
    body({ inputs, backend: backend as WasmKernelBackend, attrs: attrs as unknown as A });
}

export function input(args: KernelArgs<unknown>, name: string): TensorInfo {
  const t = args.inputs[name];
  if (t === undefined) throw new Error(`wasm training kernel: missing input '${name}'`);
  return t;
}

// The shipped kernels we replace, kept so our replacements can still call them for the cases
// they leave to it (e.g. Conv2D with NCHW data, BatchMatMul on int32).
const shipped = new Map<string, tf.KernelConfig>();

/** Registers `config` for wasm, remembering the shipped kernel it replaces. */
export function registerWasmKernel(config: tf.KernelConfig): void {
  const current = tf.getKernel(config.kernelName, 'wasm');
  if (current?.kernelFunc === config.kernelFunc) return;
  if (current !== undefined && !shipped.has(config.kernelName)) shipped.set(config.kernelName, current);
  const original = shipped.get(config.kernelName);
  // Unregister first: registerKernel over an existing entry logs a warning.
  if (current !== undefined) tf.unregisterKernel(config.kernelName, 'wasm');
  if (original === undefined) {
    tf.registerKernel(config);
    return;
  }
  // The backend runs setup only for kernels registered when it starts; the
  // shipped kernel we call into binds its wasm function in that setup.
  tf.registerKernel({
    ...config,
    setupFunc: (backend) => original.setupFunc?.(backend),
    disposeFunc: (backend) => original.disposeFunc?.(backend),
  });
}

/**
 * Runs one of the shipped wasm kernels (the one we replaced, or any other) on heap
 * tensors from inside our kernel, without going through the engine: the engine
 * would record the inner call on the gradient tape and track its output.
 * The caller owns the returned tensor and must `free` it.
 */
export function runWasmKernel(
  backend: WasmKernelBackend,
  kernelName: string,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const kernel = shipped.get(kernelName) ?? tf.getKernel(kernelName, 'wasm');
  if (kernel === undefined) throw new Error(`wasm kernel '${kernelName}' is not registered`);
  const out = kernel.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(out)) throw new Error(`wasm kernel '${kernelName}' returned several outputs`);
  return out;
}

export function free(backend: WasmKernelBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** A float32 view of a heap tensor. Take views only after the last allocation. */
export function f32(backend: WasmKernelBackend, info: TensorInfo): Float32Array {
  const view = backend.typedArrayFromHeap(info);
  if (!(view instanceof Float32Array)) throw new Error(`expected a float32 tensor, got ${info.dtype}`);
  return view;
}
