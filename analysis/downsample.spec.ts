import { describe, expect, it } from 'vitest';
import type { Series } from '../contract/model.ts';
import { downsampleIndices, downsampleSeries } from './downsample.ts';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** The kept points themselves, as (x, y) arrays. */
function keptPoints(x: readonly number[], y: readonly number[], maxPoints: number): { x: number[]; y: number[] } {
  const indices = downsampleIndices(x, y, maxPoints);
  return { x: indices.map((i) => x[i]!), y: indices.map((i) => y[i]!) };
}

function isAscending(values: readonly number[]): boolean {
  return values.every((v, i) => i === 0 || v > (values[i - 1] ?? Number.NEGATIVE_INFINITY));
}

describe('downsampleIndices', () => {
  it('keeps min and max of each bucket, plus the endpoints (hand-worked case)', () => {
    // x 0..9, maxPoints 6 → 2 buckets over x 1..8: x 1–4 and x 5–8.
    // Bucket 1 (idx 1–4: 5, 1, 9, 2): min idx 2, max idx 3.
    // Bucket 2 (idx 5–8: 3, 8, −4, 6): max idx 6, min idx 7.
    const y = [0, 5, 1, 9, 2, 3, 8, -4, 6, 7];
    expect(downsampleIndices(range(10), y, 6)).toEqual([0, 2, 3, 6, 7, 9]);
  });

  it('is the identity when the series already fits', () => {
    expect(downsampleIndices([1, 2, 3], [4, 5, 6], 3)).toEqual([0, 1, 2]);
    expect(downsampleIndices([], [], 10)).toEqual([]);
    expect(keptPoints([1, 2], [3, 4], 1000)).toEqual({ x: [1, 2], y: [3, 4] });
  });

  it('keeps a single spike among 100k points, within maxPoints, sorted by x', () => {
    const n = 100_000;
    const x = range(n);
    const y = x.map((i) => Math.sin(i / 500) * 0.1);
    y[61_803] = 50;
    y[27_182] = -50;
    const out = keptPoints(x, y, 1000);
    expect(out.x.length).toBeLessThanOrEqual(1000);
    expect(out.x.length).toBeGreaterThan(900);
    expect(out.y).toContain(50);
    expect(out.y).toContain(-50);
    expect(out.x[out.y.indexOf(50)]).toBe(61_803);
    expect(isAscending(out.x)).toBe(true);
    expect(out.x[0]).toBe(0);
    expect(out.x.at(-1)).toBe(n - 1);
  });

  it('is deterministic', () => {
    const y = range(5000).map((i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    expect(downsampleIndices(range(5000), y, 100)).toEqual(downsampleIndices(range(5000), y, 100));
  });

  it('buckets by x range, so a sparse stretch of x is not crowded out', () => {
    // 90 points in x 0..89, then 10 points in x 1000..9100: the sparse stretch keeps its points.
    const x = [...range(90), ...range(10).map((i) => 1000 + i * 900)];
    const y = x.map((v) => v % 7);
    const kept = downsampleIndices(x, y, 40).map((i) => x[i] ?? Number.NaN);
    expect(kept.length).toBeLessThanOrEqual(40);
    expect(kept.filter((v) => v >= 1000).length).toBeGreaterThanOrEqual(9);
  });

  it('splits by count when x does not span a range', () => {
    const x = new Array<number>(1000).fill(0);
    const y = range(1000).map((i) => (i === 500 ? 99 : 0));
    const kept = downsampleIndices(x, y, 20);
    expect(kept.length).toBeLessThanOrEqual(20);
    expect(kept).toContain(500);
  });

  it('keeps an all-NaN bucket as a gap and ignores NaN elsewhere', () => {
    // maxPoints 6 → buckets idx 1–4 and 5–8; the second is all NaN.
    const y = [0, 1, Number.NaN, 3, 2, Number.NaN, Number.NaN, Number.NaN, Number.NaN, 0];
    const kept = downsampleIndices(range(10), y, 6);
    expect(kept).toEqual([0, 1, 3, 5, 9]);
  });

  it('handles tiny and odd limits', () => {
    const y = range(10);
    expect(downsampleIndices(range(10), y, 0)).toEqual([]);
    expect(downsampleIndices(range(10), y, -5)).toEqual([]);
    expect(downsampleIndices(range(10), y, Number.NaN)).toEqual([]);
    expect(downsampleIndices(range(10), y, 1)).toEqual([0]);
    expect(downsampleIndices(range(10), y, 3)).toEqual([0, 9]);
    for (const limit of [4, 5, 7, 9]) {
      const kept = downsampleIndices(range(10), y, limit);
      expect(kept.length).toBeLessThanOrEqual(limit);
      expect(isAscending(kept)).toBe(true);
    }
  });

  it('handles 100 series of 10,000 points, each within its limit', () => {
    const x = range(10_000);
    for (let s = 0; s < 100; s++) {
      const y = x.map((i) => Math.sin(i / (s + 1)));
      const kept = downsampleIndices(x, y, 500);
      expect(kept.length).toBeLessThanOrEqual(500);
      expect(kept[0]).toBe(0);
      expect(kept.at(-1)).toBe(9_999);
    }
  });
});

describe('downsampleSeries', () => {
  it('keeps epoch, step, time and value in step with each other', () => {
    const n = 2000;
    const series: Series = {
      runId: 7,
      task: 'digits',
      split: 'train',
      metric: 'loss',
      step: range(n),
      epoch: range(n).map((i) => Math.floor(i / 100)),
      time: range(n).map((i) => i * 0.5),
      value: range(n).map((i) => (i === 1234 ? 9 : 1)),
    };
    const out = downsampleSeries(series, 100);
    expect(out.value.length).toBeLessThanOrEqual(100);
    expect(out).toMatchObject({ runId: 7, task: 'digits', split: 'train', metric: 'loss' });
    const spikeAt = out.value.indexOf(9);
    expect(out.step[spikeAt]).toBe(1234);
    expect(out.epoch[spikeAt]).toBe(12);
    expect(out.time[spikeAt]).toBe(617);
    expect(downsampleSeries(series, n)).toBe(series);
  });
});
