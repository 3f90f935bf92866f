// Limits on what a user may send, checked before anything walks the input recursively: a spec
// nested 10,000 levels deep must be a clear refusal naming the limit, not a stack overflow in
// the validator (a raw RangeError in the CLI, a 500 from the API). Pure: shared with the browser.

/** Deepest nesting of objects and arrays in a spec or an API payload; real specs use about 6. */
export const MAX_INPUT_DEPTH = 32;
/** Most values (objects, arrays, strings, numbers, …) in one spec or payload. */
export const MAX_INPUT_VALUES = 100_000;

/** What is wrong with the shape of `input` ("nested deeper than …"), or null when it is within the limits. */
export function inputLimitProblem(input: unknown): string | null {
  // Iterative, so the check itself cannot overflow the stack it protects.
  const stack: { value: unknown; depth: number }[] = [{ value: input, depth: 1 }];
  let values = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (++values > MAX_INPUT_VALUES) return `holds more than ${MAX_INPUT_VALUES} values (the limit)`;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_INPUT_DEPTH) return `is nested deeper than ${MAX_INPUT_DEPTH} levels (the limit)`;
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  return null;
}

/** A per-class budget ("N/class") whose N is not an exact integer in JavaScript; null when fine. */
export function budgetLimitProblem(budget: string): string | null {
  const perClass = /^(\d+)\/class$/.exec(budget);
  if (!perClass) return null;
  return Number.isSafeInteger(Number(perClass[1])) ? null : `"${budget}" is more labels per class than Graft can count (at most ${Number.MAX_SAFE_INTEGER}/class)`;
}
