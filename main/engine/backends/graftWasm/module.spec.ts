import { describe, expect, it } from 'vitest';
import { assembleGraftWasm, prepareGraftWasm } from './module.ts';

const validate = (bytes: Uint8Array): boolean =>
  (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly.validate(bytes);

describe("Graft's wasm module", () => {
  it('assembles with plain SIMD for engines without relaxed SIMD, and validates', async () => {
    expect(validate(await assembleGraftWasm(false))).toBe(true);
  });

  it('assembles with fused multiply-add where relaxed SIMD is on (this process turns it on)', async () => {
    const { fma } = await prepareGraftWasm();
    const bytes = await assembleGraftWasm(true);
    expect(validate(bytes)).toBe(fma);
  });
});
