import { describe, expect, it } from 'vitest';
import { sortBudgets } from './budgets.ts';

describe('sortBudgets', () => {
  it('sorts budgets by size: per class, then percentages, then all', () => {
    expect(sortBudgets(['all', '50/class', '10%', '5/class', '100/class', '2.5%'])).toEqual(['5/class', '50/class', '100/class', '2.5%', '10%', 'all']);
  });
});
