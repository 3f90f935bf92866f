// Validation errors name spec fields ("arms[1].lrFactor", "seeds[2]", "source.pretrain.data.builtin");
// the form shows each beside the input that holds that field. An input is known by the spec
// path it edits; an error goes to the input with the longest path that contains its field,
// and to the form's general list when no input holds it.
import type { SpecError } from '../../../../contract/specErrors.ts';

export const GENERAL = '(general)';

/** "arms[1].lr" → ["arms[1].lr", "arms[1]", "arms"]: the field, then its parents. */
export function fieldAncestors(field: string): string[] {
  const out = [field];
  let current = field;
  for (;;) {
    const next = current.replace(/(\[\d+\]|\.[^.[\]]+)$/, '');
    if (next === current || next === '') break;
    out.push(next);
    current = next;
  }
  return out;
}

export function errorsByInput(errors: readonly SpecError[], inputs: ReadonlySet<string>): Map<string, string[]> {
  const byInput = new Map<string, string[]>();
  for (const error of errors) {
    const input = fieldAncestors(error.field).find((f) => inputs.has(f)) ?? GENERAL;
    const message = input === GENERAL || input !== error.field ? `${error.field}: ${error.message}` : error.message;
    byInput.set(input, [...(byInput.get(input) ?? []), message]);
  }
  return byInput;
}

/** A DOM id for the input editing a spec path. */
export function inputId(path: string): string {
  return `spec-${path.replace(/[^\w-]+/g, '-')}`;
}
