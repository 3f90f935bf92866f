// The comparison reads series' overviews, not every point: its numbers must still be those of
// the whole series, for series far longer than an overview, and follow points written later.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../analysis/random.ts';
import { openStore } from '../../db/open.ts';
import type { MetricPoint } from '../../db/series.ts';
import { OVERVIEW_POINTS } from '../../db/seriesOverview.ts';
import { tempDir } from '../../tests/support/seed.ts';
import { indexSeries, runValues } from '../../analysis/comparison/runValues.ts';
import { compareExperiment } from './compare.ts';

const STEPS = 3 * OVERVIEW_POINTS;
const PER_EPOCH = 600;

/** Per-step val and test accuracy and train loss: noisy, with ties and NaN, the best val epoch somewhere inside. */
function runPoints(seed: number, from = 0, to = STEPS): MetricPoint[] {
  const rng = mulberry32(seed);
  const points: MetricPoint[] = [];
  for (let step = from; step < to; step++) {
    const epoch = Math.floor(step / PER_EPOCH);
    const at = { epoch, step, time: step / 10 };
    const noisy = (base: number) => (rng() < 0.01 ? Number.NaN : Math.round((base + 0.1 * rng()) * 1000) / 1000);
    points.push(
      { task: 'target', split: 'val', metric: 'accuracy', ...at, value: noisy(0.5 + 0.3 * Math.sin(step / 4000)) },
      { task: 'target', split: 'test', metric: 'accuracy', ...at, value: noisy(0.5 + 0.2 * Math.sin(step / 3000)) },
      { task: 'target', split: 'train', metric: 'loss', ...at, value: noisy(2 / (1 + step / 1000)) },
    );
  }
  return points;
}

describe('compareExperiment on long series', () => {
  it('gives the numbers of the whole series, and follows points written later', () => {
    const store = openStore(join(tempDir(), 'graft.db'));
    try {
      const runs = ['scratch', 'fine-tune'].flatMap((arm) => [1, 2].map((seed) => ({ arm, seed, budget: 'all', config: { strategy: arm }, epochsPlanned: 40 })));
      const { experimentId, runIds } = store.createExperiment({ name: 'long', kind: 'transfer', specVersion: 1, spec: {}, runs });
      runIds.forEach((runId, i) => {
        store.appendPoints(runId, runPoints(i + 1));
        store.setRunStatus(runId, 'completed', { error: null });
      });
      const expectExact = () => {
        const whole = indexSeries(store.readSeries(runIds));
        const overview = indexSeries(store.readSeries(runIds, {}, { overview: true }));
        for (const runId of runIds) {
          const fromOverview = overview.get(runId)?.get('target')?.get('accuracy')?.get('val');
          expect(fromOverview?.value.length).toBeLessThan(STEPS / 2); // really a cut of the series
          expect(runValues(overview.get(runId) ?? new Map())).toEqual(runValues(whole.get(runId) ?? new Map()));
        }
      };
      expectExact();
      const before = compareExperiment(store, experimentId);

      // A later epoch with the best val accuracy of all: the test value at it becomes the number.
      const last = runIds[0] as number;
      const newEpoch = Math.floor(STEPS / PER_EPOCH) + 1;
      store.appendPoints(last, [
        { task: 'target', split: 'val', metric: 'accuracy', epoch: newEpoch, step: STEPS + 5, time: 1e4, value: 0.999 },
        { task: 'target', split: 'test', metric: 'accuracy', epoch: newEpoch, step: STEPS + 5, time: 1e4, value: 0.123 },
      ]);
      expectExact();
      const after = compareExperiment(store, experimentId);
      const scratch = (c: typeof before) => c.arms.find((a) => a.name === 'scratch')?.metrics;
      expect(scratch(after)?.['target/val/accuracy']?.mean).not.toBe(scratch(before)?.['target/val/accuracy']?.mean);
      expect(runValues(indexSeries(store.readSeries([last], {}, { overview: true })).get(last) ?? new Map()).get('target/test/accuracy')).toBe(0.123);
    } finally {
      store.close();
    }
  });
});
