// Head-to-head numbers against hand-computed cases: the verdicts' paired statistics, the choice
// of the best arm per approach, and the cost of a run (its pretraining included for transfer).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrimaryMetric } from '../../contract/compare.ts';
import { openStore } from '../../db/open.ts';
import { tempDir } from '../../tests/support/seed.ts';
import { compareExperiment } from './compare.ts';
import { budgetWords, verdictsFor } from '../../analysis/comparison/headToHead.ts';

const PRIMARY: PrimaryMetric = { task: 'target', metric: 'accuracy', direction: 'max', key: 'target/test/accuracy' };

function arm(name: string, approach: 'transfer' | 'multitask' | 'baseline', values: number[], budget = '50/class') {
  return { name, budget, approach, values: new Map(values.map((v, i) => [i + 1, v])) };
}

describe('verdictsFor', () => {
  it('pairs by seed with a paired t interval (hand-computed) and names the winner', () => {
    // fine-tune − hard-sharing per seed: 0.05, 0.04, 0.06 → mean 0.05, sd 0.01, se 0.01/√3;
    // t₀.₉₇₅(2) = 4.302653 → half-width 0.0248414; t = 8.660254, p = 1 − t/√(2 + t²) = 0.0130725.
    const verdicts = verdictsFor(
      [
        arm('scratch', 'baseline', [0.7, 0.8, 0.72]),
        arm('feature-extraction', 'transfer', [0.79, 0.83, 0.8]),
        arm('fine-tune', 'transfer', [0.8, 0.84, 0.82]),
        arm('hard-sharing+uncertainty', 'multitask', [0.75, 0.8, 0.76]),
      ],
      PRIMARY,
      'paired-t',
    );
    expect(verdicts.map((v) => [v.a, v.b])).toEqual([
      ['fine-tune', 'hard-sharing+uncertainty'],
      ['fine-tune', 'scratch'],
      ['hard-sharing+uncertainty', 'scratch'],
    ]);
    const [head] = verdicts;
    expect(head?.method).toBe('paired-t');
    expect(head?.n).toBe(3);
    expect(head?.meanDiff).toBeCloseTo(0.05, 12);
    expect(head?.ci95[0]).toBeCloseTo(0.05 - 0.0248414, 6);
    expect(head?.ci95[1]).toBeCloseTo(0.05 + 0.0248414, 6);
    expect(head?.pValue).toBeCloseTo(0.0130725, 6);
    expect(head?.sentence).toBe('At 50 labels per class, fine-tune beats hard-sharing+uncertainty by 5.0 points (95% CI 2.5 to 7.5, 3 seeds)');
  });

  it('says no difference is detectable when the interval spans 0, even at 2 seeds (t, not bootstrap)', () => {
    // Differences 0.02 and −0.01: mean 0.005, sd 0.0212132, se 0.015, t₀.₉₇₅(1) = 12.7062 → ±0.190593.
    const [v] = verdictsFor([arm('fine-tune', 'transfer', [0.82, 0.79]), arm('hard-sharing+equal', 'multitask', [0.8, 0.8])], PRIMARY, 'paired-t');
    expect(v?.ci95[0]).toBeCloseTo(0.005 - 0.190593, 5);
    expect(v?.ci95[1]).toBeCloseTo(0.005 + 0.190593, 5);
    expect(v?.sentence).toBe('At 50 labels per class, no difference detectable between fine-tune and hard-sharing+equal with 2 seeds (95% CI −18.6 to 19.6)');
    // The bootstrap, when asked for, is deterministic and (at 2 seeds) narrower.
    const [boot] = verdictsFor([arm('fine-tune', 'transfer', [0.82, 0.79]), arm('hard-sharing+equal', 'multitask', [0.8, 0.8])], PRIMARY, 'bootstrap');
    expect(boot?.method).toBe('bootstrap');
    expect((boot?.ci95[1] ?? 0) - (boot?.ci95[0] ?? 0)).toBeLessThan((v?.ci95[1] ?? 0) - (v?.ci95[0] ?? 0));
  });

  it('pairs only seeds both arms completed, and gives no interval below 2', () => {
    const a = arm('fine-tune', 'transfer', [0.8, 0.9]);
    a.values.delete(2);
    const [v] = verdictsFor([a, arm('scratch', 'baseline', [0.7, 0.7])], PRIMARY, 'paired-t');
    expect(v).toMatchObject({ n: 1, method: 'insufficient', ci95: [null, null], pValue: null });
    expect(v?.meanDiff).toBeCloseTo(0.1, 12);
    expect(v?.sentence).toContain('too few seeds');
  });

  it('judges each budget on its own', () => {
    const verdicts = verdictsFor(
      [arm('scratch', 'baseline', [0.5, 0.6], '10/class'), arm('fine-tune', 'transfer', [0.7, 0.8], '10/class'), arm('scratch', 'baseline', [0.8, 0.8], 'all')],
      PRIMARY,
      'paired-t',
    );
    expect(verdicts.map((v) => [v.budget, v.a, v.b])).toEqual([['10/class', 'fine-tune', 'scratch']]);
    expect(verdicts[0]?.sentence).toMatch(/^At 10 labels per class, fine-tune beats scratch by 20\.0 points \(95% CI 20\.0 to 20\.0, 2 seeds\)$/);
  });
});

describe('budgetWords', () => {
  it('says budgets in words', () => {
    expect(budgetWords('50/class')).toBe('50 labels per class');
    expect(budgetWords('1/class')).toBe('1 label per class');
    expect(budgetWords('10%')).toBe('10% of the labels');
    expect(budgetWords('all')).toBe('all labels');
  });
});

describe('compareExperiment on a head-to-head experiment', () => {
  it('adds approach, gain vs scratch and cost (pretraining included for transfer) from stored series', () => {
    const store = openStore(join(tempDir(), 'graft.db'));
    const joint = { kind: 'joint', architecture: 'hard-sharing', weighting: 'equal' };
    const plans = [
      { arm: 'source', seed: 1, budget: 'all', config: { strategy: 'scratch', role: 'source' }, epochsPlanned: 2 },
      { arm: 'scratch', seed: 1, budget: '10/class', config: { strategy: 'scratch' }, epochsPlanned: 2 },
      { arm: 'fine-tune', seed: 1, budget: '10/class', config: { strategy: 'fine-tune' }, epochsPlanned: 2 },
      { arm: 'hard-sharing+equal', seed: 1, budget: '10/class', config: joint, epochsPlanned: 2 },
    ];
    const { experimentId, runIds } = store.createExperiment({ name: 'h2h', kind: 'head-to-head', specVersion: 1, spec: {}, runs: plans });
    // Per run: [test accuracy, epoch seconds, samples per epoch, trainable params at epochs 1 and 2].
    const shape: [number, number, number, number, number][] = [
      [0.9, 10, 1000, 500, 500],
      [0.6, 1, 50, 300, 300],
      [0.7, 2, 50, 100, 300],
      [0.75, 3, 1050, 800, 800],
    ];
    runIds.forEach((runId, i) => {
      const [acc, seconds, samples, p1, p2] = shape[i] as [number, number, number, number, number];
      const task = i === 0 ? 'source' : 'target';
      store.appendPoints(
        runId,
        [1, 2].flatMap((epoch) => [
          { task, split: 'val', metric: 'accuracy', epoch, step: epoch, time: epoch, value: acc },
          { task, split: 'test', metric: 'accuracy', epoch, step: epoch, time: epoch, value: acc },
          { task: '_run', split: 'train', metric: 'epoch_time', epoch, step: epoch, time: epoch, value: seconds },
          { task: '_run', split: 'train', metric: 'samples', epoch, step: epoch, time: epoch, value: samples },
          { task: '_run', split: 'train', metric: 'trainable_params', epoch, step: epoch, time: epoch, value: epoch === 1 ? p1 : p2 },
        ]),
      );
      store.setRunStatus(runId, 'completed', { error: null });
    });
    const c = compareExperiment(store, experimentId);
    expect(c.primary?.key).toBe('target/test/accuracy');
    expect(c.arms.map((a) => [a.name, a.approach, a.baseline, a.cost])).toEqual([
      ['scratch', 'baseline', true, { wallSeconds: 2, samples: 100, trainableParams: 300 }],
      // 2 × 2 s + the pretraining's 2 × 10 s; 2 × 50 + 2 × 1000 samples; params of the target run.
      ['fine-tune', 'transfer', false, { wallSeconds: 24, samples: 2100, trainableParams: 300 }],
      ['hard-sharing+equal', 'multitask', false, { wallSeconds: 6, samples: 2100, trainableParams: 800 }],
    ]);
    expect(c.arms[1]?.gainVsBaseline?.abs).toBeCloseTo(0.1, 12);
    expect(c.arms[1]?.transferGain?.abs).toBeCloseTo(0.1, 12);
    expect(c.arms[2]?.gainVsBaseline?.abs).toBeCloseTo(0.15, 12);
    expect(c.arms[2]).toMatchObject({ architecture: 'hard-sharing', weighting: 'equal', transferGain: null });
    // One seed: every verdict says so.
    expect(c.verdicts?.map((v) => v.method)).toEqual(['insufficient', 'insufficient', 'insufficient']);
    store.close();
  });
});
