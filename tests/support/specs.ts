// Small specs that train in seconds, shared by the tests that train for real.

/** Digits 0–4 → 5–9: an MLP, scratch against fine-tune, 10 labels per class. */
export function tinyDigitsTransfer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    name: 'digits tiny',
    kind: 'transfer',
    target: { builtin: 'digits', classes: [5, 6, 7, 8, 9] },
    source: { pretrain: { data: { builtin: 'digits', classes: [0, 1, 2, 3, 4] }, epochs: 2 } },
    model: { type: 'mlp', hidden: [32] },
    arms: [{ strategy: 'scratch' }, { strategy: 'fine-tune' }],
    seeds: [1, 2],
    budgets: ['10/class'],
    training: { epochs: 2, batchSize: 32 },
    ...overrides,
  };
}
