// The arms of a set of completed runs side by side: runs grouped by (arm, budget), per group every
// metric as mean ± std over seeds, and the transfer gain against scratch at the same budget. Every
// kind's comparison starts from these arms and adds its own numbers.
import type { ArmComparison, PrimaryMetric } from '../../contract/compare.ts';
import type { RunSummary, Series } from '../../contract/model.ts';
import { SOURCE_ARM } from '../../contract/spec.ts';
import { metricDirection } from '../metricDirection.ts';
import { summarize } from '../stats.ts';
import { gainSummary } from './gain.ts';
import { indexSeries, primaryMetricOf, runLevelSeries, runValues, type RunSeries } from './runValues.ts';

export const SCRATCH_ARM_STRATEGY = 'scratch';

/** Runs a comparison's numbers come from: completed, and not the pretraining source. */
export function isComparedRun(run: Pick<RunSummary, 'status' | 'arm'>): boolean {
  return run.status === 'completed' && run.arm !== SOURCE_ARM;
}

export interface ArmGroup {
  name: string;
  budget: string;
  strategy: string | null;
  runs: RunSummary[];
  /** Per completed run (by seed): its "<task>/<split>/<metric>" values. */
  values: Map<number, Map<string, number>>;
}

/** The compared arms with what the kinds build on: per-seed values and run-level series. */
export interface ComparedArms {
  primary: PrimaryMetric | null;
  /** Arm i summarizes group i. */
  arms: ArmComparison[];
  groups: ArmGroup[];
  /** Per run id: its run-level series (cost, throughput), for the kinds that show a cost. */
  runLevel: Map<number, Series[]>;
}

function strategyOf(run: RunSummary): string | null {
  const config = run.config as { strategy?: unknown } | null;
  return typeof config?.strategy === 'string' ? config.strategy : null;
}

function choosePrimary(byRun: Map<number, RunSeries>): PrimaryMetric | null {
  for (const tasks of byRun.values()) {
    for (const [task, metrics] of tasks) {
      const metric = primaryMetricOf(metrics.keys());
      if (metric) {
        return { task, metric, direction: metricDirection(metric), key: `${task}/test/${metric}` };
      }
    }
  }
  return null;
}

/** Groups completed runs by (arm, budget), keeping the order arms first appear in. */
function groupArms(runs: readonly RunSummary[], byRun: Map<number, RunSeries>): ArmGroup[] {
  const groups = new Map<string, ArmGroup>();
  for (const run of runs) {
    const key = `${run.arm}\u0000${run.budget}`;
    const group: ArmGroup = groups.get(key) ?? { name: run.arm, budget: run.budget, strategy: strategyOf(run), runs: [], values: new Map() };
    groups.set(key, group);
    group.runs.push(run);
    group.values.set(run.seed, runValues(byRun.get(run.id) ?? new Map()));
  }
  return [...groups.values()];
}

export function seedValues(group: ArmGroup, key: string): number[] {
  return [...group.values.values()].map((v) => v.get(key) ?? Number.NaN);
}

/** Per seed, the group's value of `key` (NaN where a run lacks it). */
export function seedMap(group: ArmGroup, key: string): Map<number, number> {
  return new Map([...group.values].map(([seed, values]) => [seed, values.get(key) ?? Number.NaN]));
}

/**
 * The arms of completed target runs (any subset of one experiment's), from their series; the
 * series' overviews suffice, since they keep every point runValues depends on (each epoch's
 * lowest, highest and last).
 */
export function compareArms(runs: readonly RunSummary[], series: readonly Series[]): ComparedArms {
  const byRun = indexSeries(series);
  const primary = choosePrimary(byRun);
  const groups = groupArms(runs, byRun);
  const scratchByBudget = new Map(groups.filter((g) => g.strategy === SCRATCH_ARM_STRATEGY).map((g) => [g.budget, g]));

  const arms: ArmComparison[] = groups.map((group) => {
    const keys = new Set<string>();
    for (const values of group.values.values()) for (const key of values.keys()) keys.add(key);
    const metrics: ArmComparison['metrics'] = {};
    for (const key of [...keys].sort()) {
      const s = summarize(seedValues(group, key));
      metrics[key] = { mean: s.mean, std: s.std, n: s.n };
    }
    const baseline = group.strategy === SCRATCH_ARM_STRATEGY;
    const scratch = scratchByBudget.get(group.budget);
    const gain = !baseline && scratch && primary
      ? gainSummary(seedMap(group, primary.key), seedMap(scratch, primary.key), primary.direction)
      : null;
    return {
      name: group.name,
      budget: group.budget,
      strategy: group.strategy,
      baseline,
      runs: group.runs.length,
      seeds: group.runs.map((r) => r.seed).sort((a, b) => a - b),
      metrics,
      transferGain: gain,
    };
  });

  return { primary, arms, groups, runLevel: runLevelSeries(series) };
}
