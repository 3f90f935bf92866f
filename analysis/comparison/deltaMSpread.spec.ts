import { describe, expect, it } from 'vitest';
import type { RunSummary, Series } from '../../contract/model.ts';
import { armDeltaMSpreads } from './multitask.ts';

const TASKS = [{ name: 'a', type: 'classification' }];

function run(id: number, arm: string, architecture: string, seed: number): RunSummary {
  return {
    id, experimentId: 1, arm, seed, budget: 'all', status: 'completed', error: null,
    config: { kind: 'multitask', architecture, weighting: 'equal', tasks: TASKS },
    environment: null, tags: [], note: '', createdAt: '', startedAt: null, finishedAt: null, epochsDone: 1, epochsPlanned: 1,
  };
}

/** One epoch: val accuracy picks it, test accuracy is what Δm reads. */
function accuracy(runId: number, split: 'val' | 'test', value: number): Series {
  return { runId, task: 'a', split, metric: 'accuracy', epoch: [0], step: [10], time: [1], value: [value] };
}

describe('armDeltaMSpreads', () => {
  it('gives each multitask arm its Δm and the 95% t interval of its per-seed Δm, by hand', () => {
    // Baseline test accuracy 0.8, 0.8, 0.8 (mean 0.8); the arm 0.84, 0.88, 0.80 → Δ 5, 10, 0 %.
    const base = [0.8, 0.8, 0.8];
    const shared = [0.84, 0.88, 0.8];
    const runs: RunSummary[] = [];
    const series: Series[] = [];
    [1, 2, 3].forEach((seed, i) => {
      runs.push(run(seed, 'single-task', 'single-task', seed), run(10 + seed, 'hard-sharing+equal', 'hard-sharing', seed));
      series.push(accuracy(seed, 'val', 0.5), accuracy(seed, 'test', base[i] as number));
      series.push(accuracy(10 + seed, 'val', 0.5), accuracy(10 + seed, 'test', shared[i] as number));
    });
    const [arm, ...rest] = armDeltaMSpreads({ runs, series });
    expect(rest).toEqual([]);
    expect(arm?.arm).toBe('hard-sharing+equal');
    // mean 5, sample std 5, se 5/√3, t(0.975, 2) = 4.302653 → half-width 12.4207.
    expect(arm?.mean).toBeCloseTo(5, 9);
    expect(arm?.ci95[0]).toBeCloseTo(5 - 12.42067, 4);
    expect(arm?.ci95[1]).toBeCloseTo(5 + 12.42067, 4);
  });

  it('has no interval from one seed', () => {
    const runs = [run(1, 'single-task', 'single-task', 1), run(2, 'mmoe+equal', 'mmoe', 1)];
    const series = [accuracy(1, 'val', 0.5), accuracy(1, 'test', 0.5), accuracy(2, 'val', 0.5), accuracy(2, 'test', 0.55)];
    const [arm] = armDeltaMSpreads({ runs, series });
    expect(arm?.mean).toBeCloseTo(10, 9);
    expect(arm?.ci95).toEqual([null, null]);
  });
});
