// Whether a training worker may take another run once its run has ended cleanly. Starting a
// thread costs more than a small run does, so workers are reused (schedule/warmWorkers.ts), but
// only when the run left the thread as it found it and did not leave it holding a large heap.

/** What a run must leave as it found it: live tensors and registered variables. */
export interface EngineFootprint {
  tensors: number;
  variables: number;
}

/** A wasm heap never shrinks; past this, ending the thread is how the memory goes back. */
export const REUSE_HEAP_LIMIT_BYTES = 512 * 1024 * 1024;

export type ReuseVerdict = { reusable: true } | { reusable: false; reason: string };

export function reuseVerdict(before: EngineFootprint, after: EngineFootprint, heapBytes: number): ReuseVerdict {
  if (after.tensors !== before.tensors || after.variables !== before.variables) {
    return {
      reusable: false,
      reason: `it had ${before.tensors} tensors and ${before.variables} variables before the run and ${after.tensors} and ${after.variables} after`,
    };
  }
  if (heapBytes > REUSE_HEAP_LIMIT_BYTES) {
    const mb = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MB`;
    return { reusable: false, reason: `its WebAssembly heap grew to ${mb(heapBytes)} (more than ${mb(REUSE_HEAP_LIMIT_BYTES)}), which only ending the thread frees` };
  }
  return { reusable: true };
}
