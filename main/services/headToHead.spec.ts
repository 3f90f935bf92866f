// Head-to-head numbers against hand-computed cases: the verdicts' paired statistics, the choice
// of the best arm per approach, and the cost of a run (its pretraining included for transfer).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrimaryMetric } from '../../contract/compare.ts';
import { openStore } from '../../db/open.ts';
import { tempDir } from '../../tests/support/seed.ts';
import { compareExperiment } from './compare.ts';
import { budgetWords, verdictsFor } from '../../analysis/comparison/headToHead.ts';
import { BOOTSTRAP_MIN_SEEDS } from '../../analysis/pairedTest.ts';

const PRIMARY: PrimaryMetric = { task: 'target', metric: 'accuracy', direction: 'max', key: 'target/test/accuracy' };

/** An arm whose validation values are its test values unless given (best arms are chosen on validation). */
function arm(name: string, approach: 'transfer' | 'multitask' | 'baseline', values: number[], budget = '50/class', validation = values) {
  const bySeed = (list: number[]) => new Map(list.map((v, i) => [i + 1, v]));
  return { name, budget, approach, values: bySeed(values), validation: bySeed(validation) };
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
    // Holm over the budget's three p-values: fine-tune − scratch 0.1, 0.04, 0.1 → t = 4, p = 1 − 4/√18
    // = 0.0571909; hard-sharing − scratch 0.05, 0, 0.04 → t = 1.963961, p = 1 − t/√(2 + t²) = 0.188497. Sorted:
    // 3·0.0130725 = 0.0392175; 2·0.0571909 = 0.114382; max(0.114382, 0.188497) = 0.188497.
    expect(head?.pAdjusted).toBeCloseTo(0.0392175, 6);
    expect(verdicts[1]?.pAdjusted).toBeCloseTo(0.114382, 5);
    expect(verdicts[2]?.pAdjusted).toBeCloseTo(0.188497, 5);
    expect(verdicts.map((v) => v.winner)).toEqual(['fine-tune', null, null]);
    expect(head?.sentence).toBe(
      'At 50 labels per class, fine-tune beats hard-sharing+uncertainty by 5.0 points (95% CI 2.5 to 7.5, 3 seeds, Holm-adjusted p = 0.039)',
    );
    // fine-tune vs scratch: 0.08 ± 4.302653 · 0.02 spans 0, and its corrected p says the same.
    expect(verdicts[1]?.sentence).toMatch(/^At 50 labels per class, no difference detectable between fine-tune and scratch with 3 seeds \(95% CI .* Holm-adjusted p = 0\.114\)$/);
  });

  it('chooses the best transfer and multitask arms by validation, then compares them on test', () => {
    // lucky-on-test has the higher test mean but the lower validation mean: it is not chosen.
    const verdicts = verdictsFor(
      [
        arm('lucky-on-test', 'transfer', [0.9, 0.92, 0.91], '50/class', [0.7, 0.71, 0.72]),
        arm('fine-tune', 'transfer', [0.8, 0.84, 0.82], '50/class', [0.8, 0.81, 0.8]),
        arm('hard-sharing+equal', 'multitask', [0.75, 0.8, 0.76]),
      ],
      PRIMARY,
      'paired-t',
    );
    expect(verdicts.map((v) => [v.a, v.b])).toEqual([['fine-tune', 'hard-sharing+equal']]);
    expect(verdicts[0]?.meanDiff).toBeCloseTo(0.05, 12);
  });

  it('says no difference is detectable when the interval spans 0, even at 2 seeds (t, not bootstrap)', () => {
    // Differences 0.02 and −0.01: mean 0.005, sd 0.0212132, se 0.015, t₀.₉₇₅(1) = 12.7062 → ±0.190593.
    const [v] = verdictsFor([arm('fine-tune', 'transfer', [0.82, 0.79]), arm('hard-sharing+equal', 'multitask', [0.8, 0.8])], PRIMARY, 'paired-t');
    expect(v?.ci95[0]).toBeCloseTo(0.005 - 0.190593, 5);
    expect(v?.ci95[1]).toBeCloseTo(0.005 + 0.190593, 5);
    // One verdict on the budget: Holm leaves p = 1 − (2/π)·atan(1/3) = 0.795167 as it is.
    expect(v?.pAdjusted).toBeCloseTo(0.795167, 5);
    expect(v?.sentence).toBe(
      'At 50 labels per class, no difference detectable between fine-tune and hard-sharing+equal with 2 seeds (95% CI −18.6 to 19.6, Holm-adjusted p = 0.795)',
    );
    // The bootstrap, asked for at 2 seeds, is refused (it names false winners there): the t test answers.
    const [boot] = verdictsFor([arm('fine-tune', 'transfer', [0.82, 0.79]), arm('hard-sharing+equal', 'multitask', [0.8, 0.8])], PRIMARY, 'bootstrap');
    expect(boot).toEqual(v);
  });

  it('uses the bootstrap, when asked for, from BOOTSTRAP_MIN_SEEDS paired seeds', () => {
    const n = BOOTSTRAP_MIN_SEEDS;
    const a = Array.from({ length: n }, (_, i) => 0.8 + 0.01 * (i % 5));
    const b = Array.from({ length: n }, (_, i) => 0.8 + 0.01 * ((i * 3) % 7) - 0.02);
    const [boot] = verdictsFor([arm('fine-tune', 'transfer', a), arm('scratch', 'baseline', b)], PRIMARY, 'bootstrap');
    expect(boot?.method).toBe('bootstrap');
    expect(boot?.n).toBe(n);
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
    // Both differences are 0.2: no spread, so no winner (#16; it used to say "95% CI 20.0 to 20.0").
    expect(verdicts[0]?.winner).toBeNull();
    expect(verdicts[0]?.sentence).toBe(
      'At 10 labels per class, no winner between fine-tune and scratch with 2 seeds: every paired difference is the same, so there is no spread to measure the noise',
    );
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
