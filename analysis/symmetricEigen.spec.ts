import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './symmetricEigen.ts';

describe('symmetricEigen (Jacobi)', () => {
  it('2×2 by hand: [[2, 1], [1, 2]] has eigenvalues 3 and 1 with vectors (1, 1)/√2 and (1, −1)/√2', () => {
    const { values, vectors } = symmetricEigen([[2, 1], [1, 2]]);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
    expect(Math.abs(vectors[0]![0]!)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[0]![0]! * vectors[0]![1]!).toBeCloseTo(0.5, 12);
    expect(vectors[1]![0]! * vectors[1]![1]!).toBeCloseTo(-0.5, 12);
  });

  it('a 3×3 with known spectrum: the second-difference matrix, λ_k = 2 − 2cos(kπ/4)', () => {
    const { values, vectors } = symmetricEigen([[2, -1, 0], [-1, 2, -1], [0, -1, 2]]);
    const expected = [3, 2, 1].map((k) => 2 - 2 * Math.cos((k * Math.PI) / 4));
    values.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
    // Eigenvector k is (sin(kπ/4), sin(2kπ/4), sin(3kπ/4)), up to sign and norm.
    const v2 = [1, 2, 3].map((j) => Math.sin((j * 2 * Math.PI) / 4));
    const n2 = Math.hypot(...v2);
    const dot = vectors[1]!.reduce((s, x, j) => s + x * v2[j]! / n2, 0);
    expect(Math.abs(dot)).toBeCloseTo(1, 12);
  });

  it('reconstructs a random symmetric 6×6 as V·diag(λ)·Vᵀ with orthonormal V', () => {
    let seed = 1;
    const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const b = Array.from({ length: 6 }, () => Array.from({ length: 6 }, next));
    const m = b.map((row, i) => row.map((_, j) => b[i]![j]! + b[j]![i]!));
    const { values, vectors } = symmetricEigen(m);
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 6; j++) {
        const rebuilt = values.reduce((s, l, k) => s + l * vectors[k]![i]! * vectors[k]![j]!, 0);
        expect(rebuilt).toBeCloseTo(m[i]![j]!, 10);
        const inner = vectors[i]!.reduce((s, x, k) => s + x * vectors[j]![k]!, 0);
        expect(inner).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
    expect(values).toEqual([...values].sort((x, y) => y - x));
  });
});
