// Reading values out of a series by epoch (or step). A series logged per step has several points
// per epoch; the epoch's value is the one logged last in it (the end-of-epoch value), everywhere.

/** Parallel arrays in logging order; the contract's `Series` satisfies it. */
export interface PointSeries {
  readonly epoch: readonly number[];
  readonly value: readonly number[];
}

/** The value logged last at `key`, or NaN when nothing was logged there. */
export function lastValueAt(keys: readonly number[], values: readonly number[], key: number): number {
  for (let i = Math.min(keys.length, values.length) - 1; i >= 0; i--) {
    if (keys[i] === key) return values[i] ?? Number.NaN;
  }
  return Number.NaN;
}

/** Each key's last logged value, keys in first-seen order. */
export function lastValueByKey(keys: readonly number[], values: readonly number[]): Map<number, number> {
  const byKey = new Map<number, number>();
  const n = Math.min(keys.length, values.length);
  for (let i = 0; i < n; i++) byKey.set(keys[i] ?? Number.NaN, values[i] ?? Number.NaN);
  return byKey;
}
