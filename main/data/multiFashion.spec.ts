import { describe, expect, it } from 'vitest';
import { loadMultiFashion, makeMultiFashion } from './multiFashion.ts';
import type { Dataset } from './types.ts';

/** n 28×28 images; image i is a constant square of value (i+1)/n over its whole frame. */
function squares(n: number, testRows?: Int32Array): Dataset {
  const x = new Float32Array(n * 784);
  for (let i = 0; i < n; i++) x.fill((i + 1) / n, i * 784, (i + 1) * 784);
  const ds: Dataset = {
    name: 'squares',
    n,
    inputShape: [28, 28, 1],
    x,
    tasks: [{ name: 'label', type: 'classification', classes: Array.from({ length: n }, (_, i) => `s${i}`) }],
    y: { label: Int32Array.from({ length: n }, (_, i) => i) },
  };
  if (testRows !== undefined) ds.testRows = testRows;
  return ds;
}

describe('makeMultiFashion', () => {
  it('left = the row itself, right = a partner from the same part, never itself', () => {
    const source = squares(12, Int32Array.from([8, 9, 10, 11]));
    const mf = makeMultiFashion(source, { seed: 1 });
    expect(mf.tasks.map((t) => t.name)).toEqual(['left', 'right']);
    expect(Array.from(mf.y.left!)).toEqual(Array.from(source.y.label!));
    const right = Array.from(mf.y.right!);
    right.forEach((r, i) => {
      expect(r).not.toBe(i);
      expect(r >= 8).toBe(i >= 8); // test composites use only test images
    });
    expect(Array.from(mf.testRows!)).toEqual([8, 9, 10, 11]);
  });

  it('composes top-left and bottom-right with max in the overlap, then resizes to 28×28', () => {
    const mf = makeMultiFashion(squares(2), { seed: 3 });
    // Row 0 (value 0.5) left, row 1 (value 1) right. Nearest resize from 36 samples canvas
    // pixel floor((o + 0.5) · 36/28): output (0,0) → canvas (0,0): left only.
    const at = (img: number, r: number, c: number) => mf.x[img * 784 + r * 28 + c]!;
    expect(at(0, 0, 0)).toBe(0.5);
    expect(at(0, 27, 27)).toBe(0); // canvas (35,35): the 2-px margin, empty
    expect(at(0, 25, 25)).toBe(1); // canvas (32,32): right image only
    expect(at(0, 14, 14)).toBe(1); // overlap: the brighter right image wins
    expect(at(0, 0, 26)).toBe(0); // top-right corner: neither image
    expect(at(1, 0, 0)).toBe(1); // image 1: itself left (1.0), partner 0 right
    expect(at(1, 14, 14)).toBe(1);
  });

  it('is deterministic by seed', () => {
    const source = squares(50);
    const a = makeMultiFashion(source, { seed: 5 });
    expect(makeMultiFashion(source, { seed: 5 }).y.right).toEqual(a.y.right);
    expect(makeMultiFashion(source, { seed: 6 }).y.right).not.toEqual(a.y.right);
  });

  it('rejects non-grayscale sources', () => {
    const rgb = { ...squares(2), inputShape: [28, 28, 3] };
    expect(() => makeMultiFashion(rgb, { seed: 1 })).toThrow(/needs grayscale images \[h, w, 1\]/);
  });

  it('builds from the shipped Fashion-MNIST subset', async () => {
    const mf = await loadMultiFashion({ seed: 1, resize: 'area' });
    expect(mf.n).toBe(12000);
    expect(mf.inputShape).toEqual([28, 28, 1]);
    expect(mf.tasks[1]!.classes![9]).toBe('Ankle boot');
  });
});
