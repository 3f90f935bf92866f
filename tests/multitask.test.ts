// The reference check of the multitask issue, on penguins: every loss weighting over 5 seeds
// through the whole path a user takes — a spec file, `graft run` (real worker threads, a real
// SQLite store in a temp folder), per-task series, `graft compare --json` — gives finite,
// reproducible numbers, and the Δm `graft compare` prints equals Δm computed here, by hand,
// from the series in the store.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentComparison } from '../contract/compare.ts';
import type { Series } from '../contract/model.ts';
import { openStore } from '../db/open.ts';
import type { RunStore } from '../db/store.ts';
import { runGraft } from './support/graftProcess.ts';
import { tempDir } from './support/seed.ts';

const WEIGHTINGS = ['equal', 'static', 'uncertainty', 'dwa', 'gradnorm', 'pcgrad', 'mgda'];
const TASKS = { species: ['accuracy', 'f1'], sex: ['accuracy', 'f1'], body_mass_g: ['mae', 'rmse'] } as const;
const HIGHER_IS_BETTER: Record<string, boolean> = { accuracy: true, f1: true, mae: false, rmse: false };
/** The validation metric that picks each task's epoch. */
const SELECTED_BY: Record<string, string> = { species: 'accuracy', sex: 'accuracy', body_mass_g: 'rmse' };

function spec(name: string, seeds: number[], weightings: string[]) {
  return {
    version: 1,
    name,
    kind: 'multitask',
    data: { builtin: 'penguins' },
    model: { type: 'mlp', hidden: [16] },
    arms: weightings.map((w) => (w === 'static' ? { weighting: w, weights: [1, 1, 0.5] } : { weighting: w })),
    seeds,
    training: { epochs: 6, batchSize: 32, lr: 0.01 },
  };
}

let dir: string;
let db: string;
let store: RunStore;
let comparison: ExperimentComparison;

function run(name: string, seeds: number[], weightings: string[]): void {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(spec(name, seeds, weightings)));
  const result = runGraft(['run', file, '--db', db, '--backend', 'cpu', '--concurrency', '2']);
  if (result.code !== 0) throw new Error(`graft run ${name} exited ${result.code}:\n${result.stderr.slice(-2000)}`);
}

beforeAll(() => {
  dir = tempDir('graft-mtl-ref-');
  db = join(dir, 'graft.db');
  run('penguins-ref', [1, 2, 3, 4, 5], WEIGHTINGS);
  run('penguins-again', [3], ['pcgrad', 'uncertainty']);
  const compared = runGraft(['compare', 'penguins-ref', '--json', '--db', db]);
  expect(compared.code).toBe(0);
  comparison = JSON.parse(compared.stdout) as ExperimentComparison;
  store = openStore(db);
}, 600_000);

afterAll(() => store?.close());

/**
 * The test value of `metric` at the epoch where `val` is best; ties go to the lower validation
 * loss, then the later epoch (#16; was: the earliest epoch).
 */
function testAtBestVal(series: Series[], task: string, metric: string): number {
  const find = (split: string, m: string) => series.find((s) => s.task === task && s.split === split && s.metric === m);
  const val = find('val', SELECTED_BY[task]!)!;
  const loss = find('val', 'loss');
  const test = find('test', metric)!;
  const lossAt = (i: number) => loss?.value[loss.epoch.indexOf(val.epoch[i]!)] ?? Number.NaN;
  let best = 0;
  for (let i = 1; i < val.value.length; i++) {
    const better = HIGHER_IS_BETTER[SELECTED_BY[task]!] ? val.value[i]! > val.value[best]! : val.value[i]! < val.value[best]!;
    const tie = val.value[i] === val.value[best];
    if (better || (tie && !(lossAt(i) > lossAt(best)))) best = i;
  }
  return test.value[test.epoch.indexOf(val.epoch[best]!)]!;
}

function armMeans(experimentId: number, arm: string): Record<string, number> {
  const runs = store.listRuns({ experimentId }).filter((r) => r.arm === arm);
  expect(runs).toHaveLength(5);
  const series = store.readSeries(runs.map((r) => r.id));
  const means: Record<string, number> = {};
  for (const [task, metrics] of Object.entries(TASKS)) {
    for (const metric of metrics) {
      const values = runs.map((r) => testAtBestVal(series.filter((s) => s.runId === r.id), task, metric));
      means[`${task}/${metric}`] = values.reduce((a, b) => a + b, 0) / values.length;
    }
  }
  return means;
}

describe('multitask on penguins, spec → runs → series → Δm', () => {
  it('runs every weighting and the single-task baselines over 5 seeds, all completed', () => {
    const experiment = comparison.experiment;
    const runs = store.listRuns({ experimentId: experiment.id });
    expect(runs).toHaveLength((WEIGHTINGS.length + 1) * 5);
    expect(runs.every((r) => r.status === 'completed')).toBe(true);
    expect(comparison.arms.map((a) => a.weighting)).toEqual(['equal', ...WEIGHTINGS]);
    expect(comparison.arms[0]).toMatchObject({ name: 'single-task', architecture: 'single-task', baseline: true, deltaM: 0 });
    expect(comparison.multitask?.convention).toBe('Δm (LibMTL): positive = better than single-task baselines');
  });

  it('stores per-task series: loss and metrics per split, task weights and gradient cosines, all finite', () => {
    const [first] = store.listRuns({ experimentId: comparison.experiment.id }).filter((r) => r.arm === 'hard-sharing+gradnorm');
    const series = store.readSeries([first!.id]);
    const keys = new Set(series.map((s) => `${s.task}/${s.split}/${s.metric}`));
    for (const split of ['train', 'val', 'test']) {
      for (const key of ['species/loss', 'species/accuracy', 'species/f1', 'body_mass_g/mae', 'body_mass_g/rmse']) {
        const [task, metric] = key.split('/');
        expect(keys).toContain(`${task}/${split}/${metric}`);
      }
    }
    for (const key of ['species/train/weight', 'body_mass_g/train/weight', 'species~sex/train/grad_cosine', 'sex~body_mass_g/train/grad_cosine', '_run/train/epoch_time']) {
      expect(keys).toContain(key);
    }
    for (const s of series) {
      expect(s.epoch).toEqual([1, 2, 3, 4, 5, 6]);
      for (const v of s.value) expect(Number.isFinite(v)).toBe(true);
    }
    // GradNorm's weights move and keep summing to the task count.
    const weights = ['species', 'sex', 'body_mass_g'].map((t) => series.find((s) => s.task === t && s.metric === 'weight')!.value.at(-1)!);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 5);
  });

  it('gives Δm in graft compare --json equal to Δm computed by hand from the stored series', () => {
    const baseline = armMeans(comparison.experiment.id, 'single-task');
    for (const weighting of WEIGHTINGS) {
      const arm = comparison.arms.find((a) => a.weighting === weighting && !a.baseline)!;
      const mine = armMeans(comparison.experiment.id, arm.name);
      const perTask: Record<string, number> = {};
      for (const [task, metrics] of Object.entries(TASKS)) {
        const terms = metrics.map((m) => {
          const b = baseline[`${task}/${m}`]!;
          const n = mine[`${task}/${m}`]!;
          return ((HIGHER_IS_BETTER[m] ? -1 : 1) * (b - n)) / b;
        });
        perTask[task] = (100 * terms.reduce((a, c) => a + c, 0)) / terms.length;
      }
      const byHand = Object.values(perTask).reduce((a, b) => a + b, 0) / 3;
      expect(Number.isFinite(arm.deltaM)).toBe(true);
      expect(arm.deltaM).toBeCloseTo(byHand, 9);
      for (const task of Object.keys(TASKS)) expect(arm.perTaskDelta?.[task]).toBeCloseTo(perTask[task]!, 9);
      expect(arm.negativeTransfer?.every((t) => (perTask[t] ?? 0) < 0)).toBe(true);
    }
    console.log(comparison.arms.map((a) => `${a.name}: Δm ${a.deltaM?.toFixed(2)}%`).join('\n'));
  });

  it('reproduces the same numbers for the same seed in another experiment', () => {
    const again = store.findExperiment('penguins-again')!;
    for (const arm of ['hard-sharing+pcgrad', 'hard-sharing+uncertainty', 'single-task']) {
      const [a] = store.listRuns({ experimentId: comparison.experiment.id }).filter((r) => r.arm === arm && r.seed === 3);
      const [b] = store.listRuns({ experimentId: again.id }).filter((r) => r.arm === arm);
      const values = (id: number) =>
        store
          .readSeries([id])
          .filter((s) => !['epoch_time', 'samples_per_sec'].includes(s.metric))
          .map((s) => [`${s.task}/${s.split}/${s.metric}`, s.value] as const)
          .sort(([x], [y]) => x.localeCompare(y));
      expect(values(b!.id)).toEqual(values(a!.id));
    }
  });
});
