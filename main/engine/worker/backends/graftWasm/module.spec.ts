import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../data/random.ts';
import { gemmScratchFloats } from './gemmWat.ts';
import { assembleGraftWasm } from './assemble.ts';
import { prepareGraftWasm, type GraftWasm } from './module.ts';

interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer; grow(pages: number): number };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The module on a memory of its own (not a tfjs backend's), for testing the product directly. */
async function standalone(fma: boolean): Promise<{ kernels: GraftWasm; heap: () => Float32Array; grow: (floats: number) => void }> {
  const memory = new wasmApi.Memory({ initial: 1 });
  const kernels = new wasmApi.Instance(new wasmApi.Module(await assembleGraftWasm(fma)), { env: { memory } }).exports as unknown as GraftWasm;
  return {
    kernels,
    heap: () => new Float32Array(memory.buffer),
    grow: (floats) => {
      const missing = floats * 4 - memory.buffer.byteLength;
      if (missing > 0) memory.grow(Math.ceil(missing / 65536));
    },
  };
}

/** C (+)= op(A)·op(B) in float64, from row-major storage (transposed operands stored [cols, rows]). */
function reference(a: Float32Array, b: Float32Array, m: number, k: number, n: number, ta: boolean, tb: boolean, c0?: Float32Array): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = c0 ? c0[i * n + j]! : 0;
      for (let p = 0; p < k; p++) sum += a[ta ? p * m + i : i * k + p]! * b[tb ? j * k + p : p * n + j]!;
      c[i * n + j] = sum;
    }
  }
  return c;
}

/** Whether this engine runs relaxed SIMD (Node 20 does once Graft sets its flag). */
const { fma: ENGINE_HAS_FMA } = await prepareGraftWasm();

// Around the tile (4 rows × 8 columns) and k-block (512) edges, and the 4-k rounds of packing A.
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [4, 8, 8],
  [5, 3, 9],
  [8, 7, 8],
  [12, 515, 9],
  [13, 600, 17],
  [64, 1100, 10],
];

describe("Graft's wasm module", () => {
  it('assembles with fused multiply-add where relaxed SIMD is on (this process turns it on)', async () => {
    expect(wasmApi.validate(await assembleGraftWasm(true))).toBe(ENGINE_HAS_FMA);
  });

  for (const fma of [false, true]) {
    describe(fma ? 'with fused multiply-add' : 'with SIMD multiply and add (engines without relaxed SIMD)', () => {
      for (const [m, k, n] of SHAPES) {
        for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
          it.skipIf(fma && !ENGINE_HAS_FMA)(`multiplies ${m}×${k}·${k}×${n}${ta ? ', A transposed' : ''}${tb ? ', B transposed' : ''}, and adds onto C`, async () => {
            const { kernels, heap, grow } = await standalone(fma);
            const random = mulberry32(m * 1000 + k * 10 + n);
            const a = Float32Array.from({ length: m * k }, () => random() * 2 - 1);
            const b = Float32Array.from({ length: k * n }, () => random() * 2 - 1);
            const c0 = Float32Array.from({ length: m * n }, () => random() * 2 - 1);
            // Layout in floats: A, B, C, scratch.
            const [aAt, bAt, cAt] = [16, 16 + a.length, 16 + a.length + b.length];
            const work = cAt + m * n;
            grow(work + gemmScratchFloats(n));
            heap().set(a, aAt);
            heap().set(b, bAt);
            // Byte strides, as gemm.ts passes them: A's (row, k) and B's (k, column).
            const [aRow, aK] = ta ? [4, 4 * m] : [4 * k, 4];
            const [bK, bCol] = tb ? [4, 4 * k] : [4 * n, 4];
            const call = (accumulate: boolean): void =>
              kernels.gemm(aAt * 4, aRow, aK, bAt * 4, bK, bCol, cAt * 4, m, k, n, work * 4, accumulate ? 1 : 0);
            call(false);
            const product = heap().slice(cAt, cAt + m * n);
            heap().set(c0, cAt);
            call(true);
            const summed = heap().slice(cAt, cAt + m * n);
            const expected = reference(a, b, m, k, n, ta, tb);
            const expectedSum = reference(a, b, m, k, n, ta, tb, c0);
            const tolerance = 1e-5 * Math.sqrt(k);
            for (let i = 0; i < m * n; i++) {
              expect(Math.abs(product[i]! - expected[i]!)).toBeLessThan(tolerance);
              expect(Math.abs(summed[i]! - expectedSum[i]!)).toBeLessThan(tolerance);
            }
          });
        }
      }
    });
  }
});
