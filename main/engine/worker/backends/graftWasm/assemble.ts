// Build time only: assembles Graft's WebAssembly kernels from their WAT text with wabt. `npm run
// build` writes both variants into dist/wasm/ (tools/build/entries.mjs); the app loads those
// bytes (module.ts) and never loads wabt.
import { ADAM_WAT } from './adamWat.ts';
import { dataWat } from './dataWat.ts';
import { DENSE_WAT } from './denseWat.ts';
import { GEMM_SHAPE, gemmWat } from './gemmWat.ts';
import { POOL_WAT } from './poolWat.ts';
import { SUM_WAT } from './sumWat.ts';

/** The module's text: with fma, the product uses relaxed SIMD's fused multiply-add. */
function graftWasmText(fma: boolean): string {
  return `(module (import "env" "memory" (memory 1)) ${gemmWat({ ...GEMM_SHAPE, fma })} ${dataWat()} ${POOL_WAT} ${ADAM_WAT} ${DENSE_WAT} ${SUM_WAT})`;
}

/** WebAssembly bytes of the module. */
export async function assembleGraftWasm(fma: boolean): Promise<Uint8Array> {
  const { default: loadWabt } = await import('wabt');
  const wabt = await loadWabt();
  const parsed = wabt.parseWat('graft-kernels.wat', graftWasmText(fma), { simd: true, relaxed_simd: fma });
  try {
    return parsed.toBinary({}).buffer;
  } finally {
    parsed.destroy();
  }
}
