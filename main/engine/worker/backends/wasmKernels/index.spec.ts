import { describe, expect, it, vi } from 'vitest';
import { tf } from '../../tf.mjs';
import { addedKernels, registerWasmTrainingKernels, replacedKernels } from './index.ts';

describe('registerWasmTrainingKernels', () => {
  it('registers every kernel once, quietly, however often it is called', async () => {
    const warn = vi.spyOn(console, 'warn');
    await registerWasmTrainingKernels();
    const first = [...addedKernels, ...replacedKernels].map((k) => tf.getKernel(k.kernelName, 'wasm'));
    await registerWasmTrainingKernels();
    await registerWasmTrainingKernels();
    const again = [...addedKernels, ...replacedKernels].map((k) => tf.getKernel(k.kernelName, 'wasm'));
    expect(again).toEqual(first);
    for (const [i, k] of [...addedKernels, ...replacedKernels].entries()) expect(first[i]?.kernelFunc).toBe(k.kernelFunc);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
