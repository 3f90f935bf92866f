import { describe, expect, it } from 'vitest';
import { pcgrad, projectConflicts, sumVectors } from './pcgrad.ts';

const v = (...xs: number[]) => Float32Array.from(xs);
const ctx = (n: number) => ({ tasks: Array.from({ length: n }, (_, i) => ({ name: `t${i}`, type: 'classification' as const })), options: { weights: null, alpha: 1.5, temperature: 2 }, seed: 1, lr: 0.01 });

describe('PCGrad', () => {
  it('projects two conflicting gradients onto each other’s normal plane (hand-computed)', () => {
    // g1·g2 = −1 < 0. g1' = g1 − (−1/‖g2‖²)·g2 = (1,0) + ½(−1,1) = (½,½); g2' = g2 − (−1/‖g1‖²)·g1 = (0,1).
    const [a, b] = projectConflicts([v(1, 0), v(-1, 1)], (t) => [1 - t]);
    expect(Array.from(a!)).toEqual([0.5, 0.5]);
    expect(Array.from(b!)).toEqual([0, 1]);
    // The projected gradients no longer conflict with the other task's original gradient.
    expect(0.5 * -1 + 0.5 * 1).toBe(0);
    const combined = pcgrad(ctx(2)).combine({ grads: [v(1, 0), v(-1, 1)], repGrads: null, losses: [1, 1] });
    expect(Array.from(combined.shared)).toEqual([0.5, 1.5]);
    expect(combined.taskScale).toEqual([1, 1]);
  });

  it('leaves gradients that agree untouched: the sum of the originals', () => {
    const grads = [v(1, 2), v(2, 1)];
    expect(Array.from(sumVectors(projectConflicts(grads, (t) => [1 - t])))).toEqual([3, 3]);
  });

  it('draws the visiting order from the run seed: same seed, same result', () => {
    const grads = [v(1, 0, 0), v(-1, 1, 0), v(0, -1, 1)];
    const a = pcgrad(ctx(3));
    const b = pcgrad(ctx(3));
    for (let step = 0; step < 5; step++) {
      expect(Array.from(a.combine({ grads, repGrads: null, losses: [1, 1, 1] }).shared)).toEqual(Array.from(b.combine({ grads, repGrads: null, losses: [1, 1, 1] }).shared));
    }
  });
});
