// Δm and the per-task Δ of `compare` against a hand-computed case, on a real store.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../db/open.ts';
import { tempDir } from '../../tests/support/seed.ts';
import { compareExperiment } from './compare.ts';

const tasks = [{ name: 'kind' }, { name: 'size' }];
const config = (architecture: string, weighting: string) => ({ kind: 'multitask', architecture, weighting, tasks });

/** Two epochs; validation picks epoch 2 for kind (accuracy) and epoch 1 for size (rmse). */
function points(test: { acc: number; f1: number; mae: number; rmse: number }) {
  const p = (task: string, split: string, metric: string, epoch: number, value: number) => ({ task, split, metric, epoch, step: epoch, time: epoch, value });
  return [
    p('kind', 'val', 'accuracy', 1, 0.5),
    p('kind', 'val', 'accuracy', 2, 0.8),
    p('kind', 'test', 'accuracy', 1, 0.99),
    p('kind', 'test', 'accuracy', 2, test.acc),
    p('kind', 'test', 'f1', 1, 0.99),
    p('kind', 'test', 'f1', 2, test.f1),
    p('size', 'val', 'rmse', 1, 10),
    p('size', 'val', 'rmse', 2, 20),
    p('size', 'test', 'rmse', 1, test.rmse),
    p('size', 'test', 'rmse', 2, 1),
    p('size', 'test', 'mae', 1, test.mae),
    p('size', 'test', 'mae', 2, 1),
    p('kind', 'train', 'weight', 1, 1),
    p('kind~size', 'train', 'grad_cosine', 1, -0.2),
  ];
}

describe('compareExperiment on a multitask experiment', () => {
  it('gives Δm and per-task Δ against single-task in the LibMTL convention, flagging the task that got worse', () => {
    const store = openStore(join(tempDir(), 'graft.db'));
    const values = {
      // A little seed noise on the baseline (means unchanged): identical paired differences
      // would have no spread, and no claim is made from them.
      'single-task': [{ acc: 0.8, f1: 0.8, mae: 100.1, rmse: 200.1 }, { acc: 0.8, f1: 0.8, mae: 99.9, rmse: 199.9 }],
      shared: [{ acc: 0.879, f1: 0.84, mae: 110, rmse: 230 }, { acc: 0.881, f1: 0.84, mae: 110, rmse: 230 }],
    };
    const runs = Object.keys(values).flatMap((arm) =>
      [1, 2].map((seed) => ({ arm, seed, budget: 'all', config: arm === 'single-task' ? config('single-task', 'equal') : config('hard-sharing', 'pcgrad'), epochsPlanned: 2 })),
    );
    const { experimentId, runIds } = store.createExperiment({ name: 'mtl', kind: 'multitask', specVersion: 1, spec: {}, runs });
    runIds.forEach((runId, i) => {
      const run = runs[i]!;
      store.appendPoints(runId, points(values[run.arm as keyof typeof values][run.seed - 1]!));
      store.setRunStatus(runId, 'completed', { error: null });
    });
    const result = compareExperiment(store, experimentId);
    const [baseline, shared] = result.arms;
    expect(baseline).toMatchObject({ name: 'single-task', baseline: true, architecture: 'single-task', weighting: 'equal', deltaM: 0 });
    expect(shared).toMatchObject({ name: 'shared', baseline: false, architecture: 'hard-sharing', weighting: 'pcgrad' });
    // kind: accuracy +10%, f1 +5% → +7.5%. size: mae −10%, rmse −15% → −12.5%. Δm = (7.5 − 12.5) / 2 = −2.5%.
    expect(shared?.perTaskDelta?.['kind']).toBeCloseTo(7.5, 10);
    expect(shared?.perTaskDelta?.['size']).toBeCloseTo(-12.5, 10);
    expect(shared?.deltaM).toBeCloseTo(-2.5, 10);
    // size's RMSE is worse by 29.9 and 30.1: 30 ± 12.706·0.1, below 0 after orienting → negative transfer.
    expect(shared?.negativeTransfer).toEqual(['size']);
    // kind's accuracy is better by 0.079 and 0.081: 0.08 ± 12.706·0.001, above 0 → better beyond noise.
    expect(shared?.betterTasks).toEqual(['kind']);
    expect(result.multitask).toEqual({
      convention: 'Δm (LibMTL): positive = better than single-task baselines',
      tasks: [
        { name: 'kind', metrics: ['accuracy', 'f1'], selectedBy: 'accuracy', direction: { accuracy: 'max', f1: 'max' } },
        { name: 'size', metrics: ['mae', 'rmse'], selectedBy: 'rmse', direction: { mae: 'min', rmse: 'min' } },
      ],
    });
    expect(shared?.metrics['kind~size/train/grad_cosine']?.mean).toBeCloseTo(-0.2, 12);
    store.close();
  });
});
