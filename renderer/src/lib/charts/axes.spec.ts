import { describe, expect, it } from 'vitest';
import { logTick, plusMinus, yTick } from './axes.ts';

describe('chart axes', () => {
  it('shows fractions as percentages, as the tables do', () => {
    expect(yTick(0.8123, true)).toBe('81.2%');
    expect(yTick(0.8123, false)).toBe('0.8123');
  });

  it('labels a log axis at 1, 2 and 5 × 10^k only', () => {
    expect([0.1, 0.2, 0.3, 0.5, 0.7, 1, 3, 20].map((v) => logTick(v, false))).toEqual(['0.1', '0.2', '', '0.5', '', '1', '', '20']);
  });

  it('gives a mean point with its ± std from the band edge', () => {
    const line = { points: [{ x: 1, y: 0.8 }, { x: 2, y: 0.85 }], spread: [{ x: 1, y: 0.82 }, { x: 2, y: 0.88 }] };
    expect(plusMinus(line, 1, true)).toBe('85% ± 3%');
    expect(plusMinus({ points: line.points }, 0, false)).toBe('0.8');
  });
});
