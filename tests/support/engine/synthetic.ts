// Small synthetic datasets for the engine's tests: class k draws a bright square at a
// class-specific place on a noisy image, so a tiny CNN learns it in a few epochs.
import { deriveSeed, mulberry32 } from '../../../main/data/random.ts';
import type { Dataset } from '../../../main/data/types.ts';

export function syntheticImages(opts: { n: number; classes: number; size?: number; seed?: number; name?: string }): Dataset {
  const size = opts.size ?? 8;
  const rng = mulberry32(deriveSeed(opts.seed ?? 0, 'synthetic'));
  const x = new Float32Array(opts.n * size * size);
  const y = new Int32Array(opts.n);
  const cells = Math.max(2, Math.ceil(Math.sqrt(opts.classes)));
  const cell = Math.floor(size / cells);
  for (let i = 0; i < opts.n; i++) {
    const k = i % opts.classes;
    y[i] = k;
    const r0 = Math.floor(k / cells) * cell;
    const c0 = (k % cells) * cell;
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        const on = r >= r0 && r < r0 + cell && c >= c0 && c < c0 + cell;
        x[i * size * size + r * size + c] = Math.min(1, (on ? 0.7 : 0.1) + rng() * 0.3);
      }
    }
  }
  return {
    name: opts.name ?? 'synthetic',
    n: opts.n,
    inputShape: [size, size, 1],
    x,
    tasks: [{ name: 'label', type: 'classification', classes: Array.from({ length: opts.classes }, (_, i) => `c${i}`) }],
    y: { label: y },
  };
}
