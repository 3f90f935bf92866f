import { describe, expect, it } from 'vitest';
import { bargainingWeights, nashWeights, solveLinear } from './nashMtl.ts';

/** The closed form for two tasks: a·α₁² = c·α₂², so α₂ = α₁·√(a/c) and α₁ = 1/√(a + b·√(a/c)). */
function twoTaskClosedForm(a: number, b: number, c: number): [number, number] {
  const alpha1 = 1 / Math.sqrt(a + b * Math.sqrt(a / c));
  return [alpha1, alpha1 * Math.sqrt(a / c)];
}

describe('Nash-MTL', () => {
  it('solves a small linear system', () => {
    const x = solveLinear([[0, 2], [3, 1]], [4, 5]);
    expect(x[0]).toBeCloseTo(1, 12);
    expect(x[1]).toBeCloseTo(2, 12);
  });

  it('matches the closed-form 2-task bargaining solution (aligned, orthogonal and conflicting)', () => {
    for (const [a, b, c] of [[1, 0.5, 2], [1, 0, 1], [4, -1.5, 1], [0.3, -0.2, 5]] as const) {
      const alpha = bargainingWeights([[a, b], [b, c]]);
      const [e1, e2] = twoTaskClosedForm(a, b, c);
      expect(alpha[0]).toBeCloseTo(e1, 5);
      expect(alpha[1]).toBeCloseTo(e2, 5);
    }
  });

  it('three tasks: Gα = 1/α holds at the solution', () => {
    const g = [[2, 0.3, -0.4], [0.3, 1, 0.2], [-0.4, 0.2, 0.5]];
    const alpha = bargainingWeights(g);
    g.forEach((row, i) => expect(row.reduce((s, x, j) => s + x * alpha[j]!, 0)).toBeCloseTo(1 / alpha[i]!, 6));
  });

  it('scales G to unit Frobenius norm first, and gives a task without gradient weight 0', () => {
    // g = (3, 0), (0, 4): G = diag(9, 16), ‖G‖_F = √337; α_t = 1/√(G_tt/‖G‖_F).
    const alpha = nashWeights([Float32Array.from([3, 0]), Float32Array.from([0, 4])]);
    expect(alpha[0]).toBeCloseTo(Math.sqrt(Math.sqrt(337) / 9), 5);
    expect(alpha[1]).toBeCloseTo(Math.sqrt(Math.sqrt(337) / 16), 5);
    // Alone, G/‖G‖_F = 1: α = 1 (up to the ridge).
    const [alone, none] = nashWeights([Float32Array.from([3, 0]), Float32Array.from([0, 0])]);
    expect(alone).toBeCloseTo(1, 6);
    expect(none).toBe(0);
  });
});
