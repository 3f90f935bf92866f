// The multitask half of a comparison: per arm its architecture and weighting, Δm and the per-task
// Δ against the single-task arm at the same budget, and the tasks that got worse. Built on the
// arm summaries compareArms computes (test values at each task's own best validation epoch,
// mean ± std over seeds), so the per-task table and Δm read the very same numbers.
import type { ArmComparison, MultitaskSummary } from '../../contract/compare.ts';
import type { RunSummary } from '../../contract/model.ts';
import { isMultitaskConfig, SINGLE_TASK } from '../../contract/specMultitask.ts';
import { deltaM, DELTA_M_CONVENTION, type DeltaMInput } from '../deltaM.ts';
import { metricDirection } from '../metricDirection.ts';
import { finiteOrNull, standardError, summarize, tQuantile975 } from '../stats.ts';
import { compareArms, seedMap, type ArmGroup } from './arms.ts';
import { gainSummary } from './gain.ts';
import { markBest } from './bestCells.ts';
import type { ComparisonInput, KindComparison } from './input.ts';
import { EPOCH_TIE_CONVENTION } from './runValues.ts';

/**
 * The test metrics Δm averages over, in a fixed order: the ones the multitask engine logs
 * (main/engine/worker/multitask/metrics.ts), classification first, then regression.
 */
const DELTA_M_METRICS = ['accuracy', 'f1', 'mae', 'rmse'];

/** The metric choosing a task's best validation epoch, as runValues.ts's PRIMARY_PREFERENCE picks it. */
const SELECTED_BY: Record<string, string> = { accuracy: 'accuracy', f1: 'accuracy', mae: 'rmse', rmse: 'rmse' };

export const MULTITASK_CONVENTIONS = [
  'Values are mean ± sample std over seeds (n = seeds with a completed run).',
  "train = last epoch; val = best epoch; test = at each task's own best validation epoch (accuracy for classification, RMSE for regression).",
  EPOCH_TIE_CONVENTION,
  `${DELTA_M_CONVENTION}, ± its sample std over seeds and the 95% t interval of the per-seed Δm (baselines' means held fixed). Δm = 100% · (1/T) Σ_t (1/M_t) Σ_m (−1)^{w_tm} (B_tm − N_tm) / B_tm over the test metrics accuracy and macro-F1 (classification) or MAE and RMSE (regression), B = the single-task arm at the same budget (means over seeds).`,
  "Negative transfer: a task whose Δ is below 0 and whose selecting metric is worse than single-task beyond noise: the 95% interval of the difference over seeds (paired by seed) lies below 0.",
];

function taskNames(runs: readonly RunSummary[]): string[] {
  for (const run of runs) if (isMultitaskConfig(run.config)) return run.config.tasks.map((t) => t.name);
  return [];
}

/** Per task, the Δm metrics that were logged, in a fixed order. */
function taskMetrics(tasks: string[], arms: ArmComparison[]): MultitaskSummary['tasks'] {
  return tasks.map((name) => {
    const metrics = DELTA_M_METRICS.filter((m) => arms.some((a) => `${name}/test/${m}` in a.metrics));
    return { name, metrics, selectedBy: SELECTED_BY[metrics[0] ?? ''] ?? 'loss', direction: Object.fromEntries(metrics.map((m) => [m, metricDirection(m)])) };
  });
}

/** Δm's input for one arm: per task and metric, the baseline's mean and the arm's value (`valueOf` a key). */
function deltaMInput(tasks: MultitaskSummary['tasks'], base: ArmComparison, valueOf: (key: string) => number): DeltaMInput {
  const input: Record<string, Record<string, { baseline: number; multitask: number; higherIsBetter: boolean }>> = {};
  for (const task of tasks) {
    input[task.name] = Object.fromEntries(
      task.metrics.map((m) => {
        const key = `${task.name}/test/${m}`;
        return [m, { baseline: base.metrics[key]?.mean ?? Number.NaN, multitask: valueOf(key), higherIsBetter: metricDirection(m) === 'max' }];
      }),
    );
  }
  return input;
}

/**
 * Per arm (by index), its Δm seed by seed against the baseline's means, which best-marking needs
 * to tell a lead from noise. Δm is linear in the arm's values, so these average to the arm's Δm.
 */
function deltaMBySeed(arms: readonly ArmComparison[], groups: readonly ArmGroup[], tasks: MultitaskSummary['tasks']): Map<number, Map<number, number>> {
  const baselineByBudget = new Map(arms.filter((a) => a.name === SINGLE_TASK).map((a) => [a.budget, a]));
  const bySeed = new Map<number, Map<number, number>>();
  arms.forEach((arm, i) => {
    const base = baselineByBudget.get(arm.budget);
    const group = groups[i];
    if (!base || !group) return;
    bySeed.set(i, new Map([...group.values].map(([seed, values]) => [seed, deltaM(deltaMInput(tasks, base, (key) => values.get(key) ?? Number.NaN)).deltaM])));
  });
  return bySeed;
}

/**
 * Δm's spread over an arm's seeds: sample std and the t interval of the mean of the per-seed Δm
 * (the baseline's means held fixed, so the baseline's own seed noise is not in it); null
 * without per-seed values, nulls in the interval below 2 seeds or with no spread.
 */
export function deltaMSpread(bySeed: ReadonlyMap<number, number> | undefined): ArmComparison['deltaMSpread'] {
  if (!bySeed) return null;
  const s = summarize([...bySeed.values()]);
  if (s.n === 0) return null;
  if (s.n < 2 || !(s.std > 0)) return { std: s.std, n: s.n, ci95: [null, null] };
  const half = tQuantile975(s.n - 1) * standardError(s);
  return { std: s.std, n: s.n, ci95: [s.mean - half, s.mean + half] };
}

/** Adds the multitask fields to the arms of a multitask experiment's comparison. */
export function withMultitask(
  arms: ArmComparison[],
  runs: readonly RunSummary[],
  groups: readonly ArmGroup[],
): { arms: ArmComparison[]; multitask: MultitaskSummary } {
  const tasks = taskMetrics(taskNames(runs), arms);
  const configByArm = new Map<string, { architecture: string; weighting: string }>();
  for (const run of runs) {
    if (isMultitaskConfig(run.config) && !configByArm.has(run.arm)) configByArm.set(run.arm, { architecture: run.config.architecture, weighting: run.config.weighting });
  }
  const baselineByBudget = new Map(arms.filter((a) => a.name === SINGLE_TASK).map((a) => [a.budget, a]));
  // compareArms makes arm i of group i.
  const baselineGroupByBudget = new Map(groups.filter((g) => g.name === SINGLE_TASK).map((g) => [g.budget, g]));
  const out = arms.map((arm, i): ArmComparison => {
    const config = configByArm.get(arm.name);
    const isBaseline = config?.architecture === SINGLE_TASK;
    const base = baselineByBudget.get(arm.budget);
    const fields: ArmComparison = { ...arm, baseline: isBaseline, architecture: config?.architecture ?? 'unknown', weighting: config?.weighting ?? 'unknown' };
    if (!base) return { ...fields, deltaM: null, perTaskDelta: Object.fromEntries(tasks.map((t) => [t.name, null])), negativeTransfer: [] };
    const result = deltaM(deltaMInput(tasks, base, (key) => arm.metrics[key]?.mean ?? Number.NaN));
    const group = groups[i];
    const baseGroup = baselineGroupByBudget.get(arm.budget);
    // Per task, its selecting metric against single-task with the 95% interval over seeds.
    const gains = new Map(tasks.map((task) => {
      const key = `${task.name}/test/${task.selectedBy}`;
      return [task.name, group && baseGroup ? gainSummary(seedMap(group, key), seedMap(baseGroup, key), metricDirection(task.selectedBy)) : null];
    }));
    // Worse beyond noise: Δ below 0 and the interval of (arm − single-task) below 0.
    const negativeTransfer = tasks.filter((t) => (result.perTaskDelta[t.name] ?? 0) < 0 && gains.get(t.name)?.negative === true).map((t) => t.name);
    // Better beyond noise: Δ above 0 and the interval above 0.
    const betterTasks = tasks.filter((t) => (result.perTaskDelta[t.name] ?? 0) > 0 && (gains.get(t.name)?.ci95[0] ?? 0) > 0).map((t) => t.name);
    return {
      ...fields,
      deltaM: finiteOrNull(result.deltaM),
      perTaskDelta: Object.fromEntries(Object.entries(result.perTaskDelta).map(([t, d]) => [t, finiteOrNull(d)])),
      negativeTransfer,
      betterTasks,
    };
  });
  return { arms: out, multitask: { convention: DELTA_M_CONVENTION, tasks } };
}

export const compareMultitask: KindComparison = ({ runs, series }) => {
  const { primary, arms, groups } = compareArms(runs, series);
  const { arms: withDeltas, multitask } = withMultitask(arms, runs, groups);
  const perSeed = deltaMBySeed(withDeltas, groups, multitask.tasks);
  const spread = withDeltas.map((arm, i) => (arm.baseline ? arm : { ...arm, deltaMSpread: deltaMSpread(perSeed.get(i)) }));
  const marked = markBest(spread, groups, primary, perSeed);
  return { primary, conventions: MULTITASK_CONVENTIONS, arms: marked, multitask };
};

export interface ArmDeltaMSpread {
  arm: string;
  budget: string;
  architecture: string;
  weighting: string;
  /** The arm's Δm and its 95% interval over seeds, as the comparison computes them (deltaMSpread). */
  mean: number | null;
  ci95: [number | null, number | null];
}

/**
 * Per multitask arm, its Δm with the interval over seeds, read off the one comparison
 * (compareMultitask) so the method benchmark's table shows the numbers the app and reports show.
 * Baselines are left out.
 */
export function armDeltaMSpreads({ runs, series }: Pick<ComparisonInput, 'runs' | 'series'>): ArmDeltaMSpread[] {
  const { arms } = compareMultitask({ runs, series, sources: [], sourceSeries: [] }, {});
  return arms.flatMap((arm) =>
    arm.baseline
      ? []
      : [{
          arm: arm.name,
          budget: arm.budget,
          architecture: arm.architecture ?? 'unknown',
          weighting: arm.weighting ?? 'unknown',
          mean: finiteOrNull(arm.deltaM ?? Number.NaN),
          ci95: arm.deltaMSpread?.ci95 ?? [null, null],
        }],
  );
}
