// Summaries of repeated timings. The median, because a 2-core machine shared with other work
// gives the odd slow repeat that a mean would let dominate.
import { quantileOfSorted } from '../analysis/stats.ts';

/** Median of the finite values; NaN when there are none. */
export function median(values: readonly number[]): number {
  return quantileOfSorted(values.filter(Number.isFinite).sort((a, b) => a - b), 0.5);
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

/** CPU seconds this process has used, every thread (process.cpuUsage: waiting for a core is left out). */
export function cpuSeconds(): number {
  const cpu = process.cpuUsage();
  return (cpu.user + cpu.system) / 1e6;
}
