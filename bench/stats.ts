// Summaries of repeated timings. The median, because a 2-core machine shared with other work
// gives the odd slow repeat that a mean would let dominate.
export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Milliseconds `fn` takes, median of `repeats` runs. */
export async function timeMs(fn: () => unknown, repeats = 1): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

export function ratio(value: number, reference: number | null): number | null {
  return reference === null || !(reference > 0) ? null : value / reference;
}
