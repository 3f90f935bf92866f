import { describe, expect, it } from 'vitest';
import { resizeImage } from './resize.ts';

describe('resizeImage', () => {
  const img4 = Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]); // 4×4×1

  it('area: each output pixel is the mean of the block it covers', () => {
    expect(Array.from(resizeImage(img4, [4, 4, 1], [2, 2], 'area'))).toEqual([2.5, 4.5, 10.5, 12.5]);
    // Non-integer factor: 3 → 2 weighs the middle pixel half to each side.
    expect(Array.from(resizeImage(Float32Array.from([0, 3, 6]), [1, 3, 1], [1, 2], 'area'))).toEqual([1, 5]);
  });

  it('bilinear with half-pixel centres: 2× downscale averages neighbours, constant stays constant', () => {
    expect(Array.from(resizeImage(img4, [4, 4, 1], [2, 2], 'bilinear'))).toEqual([2.5, 4.5, 10.5, 12.5]);
    const flat = new Float32Array(5 * 7 * 3).fill(0.5);
    for (const v of resizeImage(flat, [5, 7, 3], [3, 11], 'bilinear')) expect(v).toBeCloseTo(0.5, 6);
  });

  it('nearest samples pixel centres; same size is a copy', () => {
    expect(Array.from(resizeImage(img4, [4, 4, 1], [2, 2], 'nearest'))).toEqual([5, 7, 13, 15]);
    const same = resizeImage(img4, [4, 4, 1], [4, 4], 'area');
    expect(same).toEqual(img4);
    expect(same).not.toBe(img4);
  });

  it('keeps channels separate', () => {
    const rgb = Float32Array.from([1, 0, 0, 0, 1, 0]); // 1×2×3: red, green
    expect(Array.from(resizeImage(rgb, [1, 2, 3], [1, 1], 'area'))).toEqual([0.5, 0.5, 0]);
  });
});
