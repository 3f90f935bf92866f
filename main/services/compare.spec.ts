// The comparison against a hand-computed case, on a real store seeded through the repository.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../db/open.ts';
import { tempDir } from '../../tests/support/seed.ts';
import { compareExperiment } from './compare.ts';

/** Val accuracy peaks at epoch 1 (0.9); test there is `testAtBest`, elsewhere 0.99 (a trap: the best test epoch must not be chosen). */
function points(testAtBest: number) {
  const val = [0.5, 0.9, 0.6];
  const test = [0.99, testAtBest, 0.99];
  return [0, 1, 2].flatMap((epoch) => [
    { task: 'target', split: 'val', metric: 'accuracy', epoch, step: epoch * 10, time: epoch, value: val[epoch] as number },
    { task: 'target', split: 'test', metric: 'accuracy', epoch, step: epoch * 10, time: epoch, value: test[epoch] as number },
    { task: 'target', split: 'train', metric: 'loss', epoch, step: epoch * 10, time: epoch, value: 1 - epoch * 0.25 },
    { task: '_run', split: 'train', metric: 'samples_per_sec', epoch, step: epoch * 10, time: epoch, value: 500 },
  ]);
}

describe('compareExperiment', () => {
  it('reports test at the best validation epoch, mean ± sample std, and the transfer gain vs scratch', () => {
    const store = openStore(join(tempDir(), 'graft.db'));
    const testValues: Record<string, number[]> = {
      scratch: [0.58, 0.6, 0.62],
      'fine-tune': [0.7, 0.72, 0.74],
      hurt: [0.5, 0.5, 0.5],
    };
    const runs = Object.keys(testValues).flatMap((arm) =>
      [1, 2, 3].map((seed) => ({ arm, seed, budget: '50/class', config: { strategy: arm === 'hurt' ? 'fine-tune' : arm }, epochsPlanned: 3 })),
    );
    const { experimentId, runIds } = store.createExperiment({ name: 'hand', kind: 'transfer', specVersion: 1, spec: {}, runs });
    runIds.forEach((runId, i) => {
      const arm = runs[i]?.arm as string;
      store.appendPoints(runId, points(testValues[arm]?.[(runs[i]?.seed as number) - 1] as number));
      store.setRunStatus(runId, 'completed', { error: null });
    });
    // A failed run is left out of the numbers.
    const failed = store.createExperiment({ name: 'other', kind: 'transfer', specVersion: 1, spec: {}, runs: [] });
    expect(failed.runIds).toEqual([]);

    const result = compareExperiment(store, experimentId);
    expect(result.primary).toEqual({ task: 'target', metric: 'accuracy', direction: 'max', key: 'target/test/accuracy' });
    const arm = (name: string) => result.arms.find((a) => a.name === name);

    // scratch: mean 0.60, sample std 0.02 (deviations −0.02, 0, +0.02 → √(0.0008/2)).
    expect(arm('scratch')?.metrics['target/test/accuracy']?.mean).toBeCloseTo(0.6, 12);
    expect(arm('scratch')?.metrics['target/test/accuracy']?.std).toBeCloseTo(0.02, 12);
    expect(arm('scratch')?.metrics['target/test/accuracy']?.n).toBe(3);
    expect(arm('scratch')?.metrics['target/val/accuracy']?.mean).toBeCloseTo(0.9, 12);
    expect(arm('scratch')?.metrics['target/train/loss']?.mean).toBeCloseTo(0.5, 12);
    expect(arm('scratch')?.baseline).toBe(true);
    expect(arm('scratch')?.transferGain).toBeNull();
    expect(Object.keys(arm('scratch')?.metrics ?? {})).not.toContain('_run/train/samples_per_sec');

    // fine-tune: 0.72 − 0.60 = +0.12 absolute, 0.12 / 0.60 = +20 % relative.
    expect(arm('fine-tune')?.transferGain?.abs).toBeCloseTo(0.12, 12);
    expect(arm('fine-tune')?.transferGain?.rel).toBeCloseTo(0.2, 12);
    expect(arm('fine-tune')?.transferGain?.negative).toBe(false);

    // hurt: 0.50 − 0.60 = −0.10; noise = √(0/3 + 0.0004/3) ≈ 0.0115 < 0.10 → negative transfer.
    expect(arm('hurt')?.transferGain?.abs).toBeCloseTo(-0.1, 12);
    expect(arm('hurt')?.transferGain?.negative).toBe(true);
    expect(arm('hurt')?.seeds).toEqual([1, 2, 3]);
    store.close();
  });
});
