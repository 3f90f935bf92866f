import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultConcurrency } from './scheduler.ts';

describe('defaultConcurrency', () => {
  it('trains one run at a time on tfjs-node (one native training worker per process)', () => {
    expect(defaultConcurrency('tensorflow')).toBe(1);
    expect(defaultConcurrency('tensorflow-gpu')).toBe(1);
  });

  it('trains one run per core, at most 4, on the single-threaded wasm backend', () => {
    expect(defaultConcurrency('wasm')).toBe(Math.max(1, Math.min(availableParallelism(), 4)));
    expect(defaultConcurrency(null)).toBe(defaultConcurrency('wasm'));
  });
});
