import { describe, expect, it } from 'vitest';
import { REUSE_HEAP_LIMIT_BYTES, reuseVerdict } from './reuse.ts';

describe('reuseVerdict', () => {
  const clean = { tensors: 3, variables: 0 };

  it('lets a worker that the run left as it found take another run', () => {
    expect(reuseVerdict(clean, { ...clean }, 64 * 2 ** 20)).toEqual({ reusable: true });
  });

  it('ends a worker that kept tensors or variables, naming the counts', () => {
    const verdict = reuseVerdict(clean, { tensors: 5, variables: 2 }, 0);
    expect(verdict.reusable).toBe(false);
    expect(!verdict.reusable && verdict.reason).toBe('it had 3 tensors and 0 variables before the run and 5 and 2 after');
  });

  it('ends a worker whose wasm heap grew past the limit, so its memory goes back', () => {
    const verdict = reuseVerdict(clean, clean, REUSE_HEAP_LIMIT_BYTES + 1);
    expect(verdict.reusable).toBe(false);
    expect(!verdict.reusable && verdict.reason).toMatch(/heap grew to 512 MB \(more than 512 MB\)/);
    expect(reuseVerdict(clean, clean, REUSE_HEAP_LIMIT_BYTES).reusable).toBe(true);
  });
});
