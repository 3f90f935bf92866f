import { describe, expect, it } from 'vitest';
import { ARM_PALETTE, armColors, BASELINE_COLOR, withAlpha } from './armColors.ts';

describe('armColors', () => {
  it('gives each arm one colour by name, in the listed order, the baseline grey', () => {
    const arms = [
      { name: 'scratch', baseline: true },
      { name: 'fine-tune', baseline: false },
      { name: 'scratch', baseline: true },
      { name: 'linear-probe', baseline: false },
      { name: 'fine-tune', baseline: false },
    ];
    const colors = armColors(arms);
    expect([...colors]).toEqual([
      ['scratch', BASELINE_COLOR],
      ['fine-tune', ARM_PALETTE[0]],
      ['linear-probe', ARM_PALETTE[1]],
    ]);
    // Fixed: the same arms give the same colours, whatever budgets repeat them.
    expect(armColors(arms.slice(0, 4))).toEqual(colors);
  });

  it('colours head-to-head arms by their approach family, distinct within it', () => {
    const colors = armColors([
      { name: 'scratch', baseline: true, approach: 'baseline' },
      { name: 'fine-tune', baseline: false, approach: 'transfer' },
      { name: 'hs+equal', baseline: false, approach: 'multitask' },
      { name: 'lp-ft', baseline: false, approach: 'transfer' },
    ]);
    expect(colors.get('scratch')).toBe(BASELINE_COLOR);
    expect(colors.get('fine-tune')).toBe('#4e79a7');
    expect(colors.get('lp-ft')).toBe('#76b7b2');
    expect(colors.get('hs+equal')).toBe('#f28e2b');
  });

  it('wraps around the palette past ten arms', () => {
    const arms = Array.from({ length: 11 }, (_, i) => ({ name: `a${i}`, baseline: false }));
    expect(armColors(arms).get('a10')).toBe(ARM_PALETTE[0]);
    expect(withAlpha('#4e79a7', 0.2)).toBe('rgba(78, 121, 167, 0.2)');
  });
});
