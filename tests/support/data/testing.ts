// Small synthetic datasets for the specs of this folder (not used by the app).

import type { Dataset } from '../../../main/data/types.ts';

/** One classification task "label"; x of row i is [i, i] so a row's identity survives any selection. */
export function labelledDataset(labels: number[], numClasses: number, extra: Partial<Dataset> = {}): Dataset {
  return {
    name: 'synthetic',
    n: labels.length,
    inputShape: [2],
    x: Float32Array.from(labels.flatMap((_, i) => [i, i])),
    tasks: [{ name: 'label', type: 'classification', classes: Array.from({ length: numClasses }, (_, c) => `c${c}`) }],
    y: { label: Int32Array.from(labels) },
    ...extra,
  };
}

/** `perClass[c]` rows of class c, classes interleaved (0,1,2,0,1,2,…) until each runs out. */
export function interleavedLabels(perClass: number[]): number[] {
  const left = [...perClass];
  const labels: number[] = [];
  while (left.some((n) => n > 0)) {
    left.forEach((n, c) => {
      if (n > 0) {
        labels.push(c);
        left[c] = n - 1;
      }
    });
  }
  return labels;
}
