import { describe, expect, it } from 'vitest';
import { MAX_INPUT_DEPTH, MAX_INPUT_VALUES, inputLimitProblem } from './limits.ts';
import { parseSpec } from './spec.ts';

const spec = (extra: Record<string, unknown>) => ({
  version: 1,
  kind: 'transfer',
  name: 'limits',
  target: { builtin: 'digits' },
  arms: [{ strategy: 'scratch' }],
  ...extra,
});

function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

describe('input limits', () => {
  it('refuses a spec nested 10,000 levels deep with the limit named, not a stack overflow', () => {
    const parsed = parseSpec(spec({ question: nested(10_000) }));
    expect(parsed).toEqual({ ok: false, errors: [{ field: '(spec)', message: `is nested deeper than ${MAX_INPUT_DEPTH} levels (the limit)` }] });
  });

  it('counts depth exactly: the limit itself passes, one more does not', () => {
    expect(inputLimitProblem(nested(MAX_INPUT_DEPTH))).toBeNull();
    expect(inputLimitProblem(nested(MAX_INPUT_DEPTH + 1))).toMatch(/nested deeper than 32 levels/);
    expect(inputLimitProblem(new Array(MAX_INPUT_VALUES).fill(1))).toMatch(/more than 100000 values/);
    expect(inputLimitProblem(new Array(MAX_INPUT_VALUES - 1).fill(1))).toBeNull();
  });

  it('refuses a per-class budget that is not a safe integer, naming it', () => {
    const parsed = parseSpec(spec({ budgets: ['50/class', '99999999999999999999999/class'] }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[0]?.field).toBe('budgets[1]');
    expect(parsed.errors[0]?.message).toMatch(/"99999999999999999999999\/class" is more labels per class than Graft can count/);
    expect(parseSpec(spec({ budgets: [`${Number.MAX_SAFE_INTEGER}/class`] })).ok).toBe(true);
  });
});
