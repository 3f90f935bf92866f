// An experiment's arms side by side: per (arm, budget), every metric as mean ± std over
// seeds, and the transfer gain against scratch. The CLI, the compare view and the reports
// all read this one result, so they can never disagree about a number.
import { summarize } from '../../analysis/stats.ts';
import { metricDirection, runMetrics } from '../../analysis/runMetrics.ts';
import { lastValueAt } from '../../analysis/seriesPoints.ts';
import { transferGain } from '../../analysis/transferGain.ts';
import type { ArmComparison, ExperimentComparison, PrimaryMetric } from '../../contract/compare.ts';
import { ApiError } from '../../contract/errors.ts';
import { RUN_LEVEL_TASK, type ExperimentDetail, type RunSummary, type Series } from '../../contract/model.ts';
import { SOURCE_ARM } from '../../contract/spec.ts';
import type { RunStore } from '../../db/store.ts';
import { MULTITASK_CONVENTIONS, withMultitask } from './compareMultitask.ts';
import { withHeadToHead, type HeadToHeadOptions } from './headToHead.ts';

/** Which metric decides the best epoch and the gain, in order of preference. */
const PRIMARY_PREFERENCE = ['accuracy', 'f1', 'rmse', 'mae', 'loss'];

export const SCRATCH_ARM_STRATEGY = 'scratch';

/** Runs a comparison's numbers come from: completed, and not the pretraining source. */
export function isComparedRun(run: Pick<RunSummary, 'status' | 'arm'>): boolean {
  return run.status === 'completed' && run.arm !== SOURCE_ARM;
}


export const TRANSFER_CONVENTIONS = [
  'Values are mean ± sample std over seeds (n = seeds with a completed run).',
  'train = last epoch; val = best epoch; test = at the epoch with the best validation value of the primary metric.',
  'Transfer gain = metric(arm) − metric(scratch) at the same label budget, positive = better; negative transfer = worse by more than the standard error of the difference (not claimed from a single seed).',
];

/** Per run: series grouped by task → metric → split. */
export type RunSeries = Map<string, Map<string, Map<string, Series>>>;

export function indexSeries(series: Series[]): Map<number, RunSeries> {
  const byRun = new Map<number, RunSeries>();
  for (const s of series) {
    if (s.task.startsWith('_')) continue; // run-level series (throughput, lr) are not task metrics
    const tasks = byRun.get(s.runId) ?? new Map<string, Map<string, Map<string, Series>>>();
    byRun.set(s.runId, tasks);
    const metrics = tasks.get(s.task) ?? new Map<string, Map<string, Series>>();
    tasks.set(s.task, metrics);
    const splits = metrics.get(s.metric) ?? new Map<string, Series>();
    metrics.set(s.metric, splits);
    splits.set(s.split, s);
  }
  return byRun;
}

function primaryMetricOf(metrics: Iterable<string>): string | null {
  const names = [...metrics];
  return PRIMARY_PREFERENCE.find((m) => names.includes(m)) ?? names[0] ?? null;
}

/** Every "<task>/<split>/<metric>" value of one run, test taken at the task's best validation epoch. */
export function runValues(tasks: RunSeries): Map<string, number> {
  const values = new Map<string, number>();
  for (const [task, metrics] of tasks) {
    const primary = primaryMetricOf(metrics.keys());
    const primarySplits = primary ? metrics.get(primary) : undefined;
    const selection = primary && primarySplits
      ? runMetrics({ train: primarySplits.get('train'), val: primarySplits.get('val'), test: primarySplits.get('test') }, metricDirection(primary))
      : null;
    const bestEpoch = selection?.bestEpoch ?? null;
    for (const [metric, splits] of metrics) {
      const direction = metricDirection(metric);
      const own = runMetrics({ train: splits.get('train'), val: splits.get('val'), test: splits.get('test') }, direction);
      if (splits.has('train')) values.set(`${task}/train/${metric}`, own.train.last);
      if (splits.has('val')) values.set(`${task}/val/${metric}`, own.val.best);
      const test = splits.get('test');
      if (test) {
        // Without validation there is no honest epoch choice: report the last test value.
        const value = bestEpoch === null ? own.test.last : lastValueAt(test.epoch, test.value, bestEpoch);
        values.set(`${task}/test/${metric}`, value);
      }
    }
  }
  return values;
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

export interface ArmGroup {
  name: string;
  budget: string;
  strategy: string | null;
  runs: RunSummary[];
  /** Per completed run (by seed): its "<task>/<split>/<metric>" values. */
  values: Map<number, Map<string, number>>;
}

/** Groups completed runs by (arm, budget), keeping the order arms first appear in. */
function groupArms(runs: RunSummary[], byRun: Map<number, RunSeries>): ArmGroup[] {
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

export function compareExperiment(store: RunStore, experimentId: number, options: HeadToHeadOptions = {}): ExperimentComparison {
  const experiment = store.getExperiment(experimentId);
  if (!experiment) throw new ApiError('not-found', `experiment ${experimentId} does not exist`, 'id');
  return compareExperimentRow(store, experiment, options);
}

/**
 * compareExperiment of an experiment already read. `completed`: its completed runs in id order,
 * when the caller has them already (read from the store otherwise).
 */
export function compareExperimentRow(
  store: RunStore,
  experiment: ExperimentDetail,
  options: HeadToHeadOptions = {},
  completed: RunSummary[] = store.listRuns({ experimentId: experiment.id, status: ['completed'] }),
): ExperimentComparison {
  const runs = completed.filter(isComparedRun);
  const { primary, arms, groups, runLevel } = compareRunSet(store, runs);
  const about = { id: experiment.id, name: experiment.name, kind: experiment.kind };
  if (experiment.kind === 'multitask') return { experiment: about, primary, conventions: MULTITASK_CONVENTIONS, ...withMultitask(arms, runs) };
  if (experiment.kind === 'head-to-head') {
    const sources = completed.filter((r) => r.arm === SOURCE_ARM);
    return { experiment: about, ...withHeadToHead(store, { sources, groups, runLevel }, arms, options) };
  }
  return { experiment: about, primary, conventions: TRANSFER_CONVENTIONS, arms };
}

/** Per run id: its run-level series (task RUN_LEVEL_TASK), in the store's order. */
export function runLevelSeries(series: Series[]): Map<number, Series[]> {
  const byRun = new Map<number, Series[]>();
  for (const s of series) {
    if (s.task !== RUN_LEVEL_TASK) continue;
    const list = byRun.get(s.runId);
    if (list) list.push(s);
    else byRun.set(s.runId, [s]);
  }
  return byRun;
}

/**
 * The arms of completed target runs of one experiment (any subset of them), side by side; with
 * the per-seed values behind them (`groups`), which the head-to-head verdicts pair by seed, and
 * the runs' run-level series overviews (`runLevel`, by run id), which the head-to-head costs read.
 */
export function compareRunSet(
  store: RunStore,
  runs: RunSummary[],
): Pick<ExperimentComparison, 'primary' | 'arms'> & { groups: ArmGroup[]; runLevel: Map<number, Series[]> } {
  // The overviews hold every point runValues depends on (each epoch's lowest, highest and last),
  // so the numbers are those of the full series without reading all of it.
  const series = runs.length > 0 ? store.readSeries(runs.map((r) => r.id), {}, { overview: true }) : [];
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
      ? transferGain(seedValues(group, primary.key), seedValues(scratch, primary.key), primary.direction)
      : null;
    return {
      name: group.name,
      budget: group.budget,
      strategy: group.strategy,
      baseline,
      runs: group.runs.length,
      seeds: group.runs.map((r) => r.seed).sort((a, b) => a - b),
      metrics,
      transferGain: gain ? { abs: gain.abs, rel: gain.rel, negative: gain.negative } : null,
    };
  });

  return { primary, arms, groups, runLevel: runLevelSeries(series) };
}
