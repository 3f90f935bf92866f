import { describe, expect, it } from 'vitest';
import { deriveSeed, mulberry32, permutation, randomInt, shuffleInPlace } from './random.ts';

describe('random', () => {
  it('mulberry32 gives the same stream for the same seed, pinned so stored runs stay reproducible', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(first[0]).toBe(0.6011037519201636);
  });

  it('draws uniform floats in [0, 1)', () => {
    const rng = mulberry32(7);
    const buckets = new Array<number>(10).fill(0);
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const v = rng();
      min = Math.min(min, v);
      max = Math.max(max, v);
      buckets[Math.floor(v * 10)]! += 1;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('derives different, stable seeds per purpose', () => {
    expect(deriveSeed(42, 'split')).toBe(deriveSeed(42, 'split'));
    expect(deriveSeed(42, 'split')).not.toBe(deriveSeed(42, 'budget'));
    expect(deriveSeed(42, 'split')).not.toBe(deriveSeed(43, 'split'));
  });

  it('rejects non-integer seeds instead of silently truncating them', () => {
    expect(() => mulberry32(1.5)).toThrow(/integer/);
    expect(() => deriveSeed(Number.NaN, 'x')).toThrow(/integer/);
  });

  it('permutation and shuffle keep every element exactly once', () => {
    const p = permutation(1000, mulberry32(1));
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(p)).not.toEqual(Array.from({ length: 1000 }, (_, i) => i));
    const items = [5, 6, 7, 8];
    expect(shuffleInPlace(items, mulberry32(3)).sort()).toEqual([5, 6, 7, 8]);
    const rng = mulberry32(9);
    const seen = new Set(Array.from({ length: 1000 }, () => randomInt(rng, 3)));
    expect([...seen].sort()).toEqual([0, 1, 2]);
  });
});
