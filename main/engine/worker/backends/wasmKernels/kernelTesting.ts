// Helpers for the kernel specs: run one kernel on the cpu backend (the reference) and on wasm
// with the same inputs, and compare. Test-only; nothing in the engine imports this.
import { tf } from '../../tf.mjs';
import '../../tfWasm.mjs';
import type { DataType, NamedAttrMap } from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from './index.ts';

export interface HostTensor {
  shape: number[];
  dtype: DataType;
  values: Float32Array | Int32Array;
}

export interface KernelResult {
  shape: number[];
  values: Float32Array | Int32Array | Uint8Array;
}

export async function startWasm(): Promise<void> {
  await registerWasmTrainingKernels();
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend did not start');
}

/** Graft's seeded PRNG, so a failing case reproduces. */
export { mulberry32 as randomSource } from '../../../../data/random.ts';

export function randomTensor(random: () => number, shape: number[], round = false): HostTensor {
  const values = new Float32Array(tf.util.sizeFromShape(shape));
  // Rounded values make exact ties (as after a ReLU), which pooling gradients must break alike.
  for (let i = 0; i < values.length; i++) values[i] = round ? Math.round(random() * 4 - 2) : random() * 2 - 1;
  return { shape, dtype: 'float32', values };
}

export async function runKernelOn(
  backend: 'cpu' | 'wasm',
  kernelName: string,
  inputs: Record<string, HostTensor>,
  attrs: NamedAttrMap,
): Promise<KernelResult> {
  await tf.setBackend(backend);
  const tensors = Object.fromEntries(
    Object.entries(inputs).map(([name, t]) => [name, tf.tensor(t.values, t.shape, t.dtype)]),
  );
  const out = tf.engine().runKernel(kernelName, tensors, attrs) as tf.Tensor;
  const result = { shape: out.shape, values: (await out.data()) as KernelResult['values'] };
  tf.dispose([out, ...Object.values(tensors)]);
  return result;
}

/** Largest absolute difference, relative to the reference's largest magnitude (at least 1). */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  let scale = 1;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return worst / scale;
}

/** Runs the kernel on both backends and returns both results for the spec to compare. */
export async function onBothBackends(
  kernelName: string,
  inputs: Record<string, HostTensor>,
  attrs: NamedAttrMap,
): Promise<{ cpu: KernelResult; wasm: KernelResult; error: number }> {
  const cpu = await runKernelOn('cpu', kernelName, inputs, attrs);
  const wasm = await runKernelOn('wasm', kernelName, inputs, attrs);
  return { cpu, wasm, error: relativeError(wasm.values, cpu.values) };
}
