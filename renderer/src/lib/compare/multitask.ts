// The multitask half of the compare view: the per-task table's layout (a column group per task:
// its test metrics and its Δ against single-task), how a Δ reads, and the curves of the two
// multitask diagnostics — task-weight trajectories and gradient conflict (cosine between task
// gradients on the shared weights). The numbers come from compareExperiment; only layout here.
import type { ArmComparison, MultitaskSummary } from '../../../../contract/compare.ts';
import type { Series } from '../../../../contract/model.ts';
import { curveGroups, type CurveGroup, type XAxis } from './curves.ts';
import { DELTA_M_COLUMN, isMarkedBest } from './summary.ts';
import { formatPercentDelta } from '../../../../analysis/format.ts';

/** Logged per epoch by the multitask loop (main/engine/worker/run/epochLoop.ts), split 'train'. */
export const WEIGHT_METRIC = 'weight';
export const COSINE_METRIC = 'grad_cosine';
/** Gradient cosines are logged under the task pair "a~b". */
const PAIR = '~';

/** Diagnostics are charted on their own, not among a task's metric curves. */
export function isDiagnostic(key: { task: string; metric: string }): boolean {
  return key.metric === WEIGHT_METRIC || key.metric === COSINE_METRIC || key.task.includes(PAIR);
}

export interface TaskColumns {
  task: string;
  /** "<task>/test/<metric>" keys, in the summary's order. */
  keys: { key: string; metric: string }[];
}

export function taskColumns(summary: MultitaskSummary): TaskColumns[] {
  return summary.tasks.map((t) => ({ task: t.name, keys: t.metrics.map((metric) => ({ key: `${t.name}/test/${metric}`, metric })) }));
}

/** A Δ in percent as people read it (one definition, in analysis/format.ts). */
export const formatDelta = formatPercentDelta;

/** How a task's Δ cell reads: flagged negative transfer, worse within the noise, better, or nothing to say. */
export type DeltaTone = 'negative-transfer' | 'worse' | 'better' | 'none';

export function deltaTone(arm: ArmComparison, task: string): DeltaTone {
  if (arm.negativeTransfer?.includes(task)) return 'negative-transfer';
  const delta = arm.perTaskDelta?.[task];
  if (delta === null || delta === undefined || !Number.isFinite(delta) || arm.baseline) return 'none';
  // "better" only beyond noise (analysis decides it); a gain within noise says nothing.
  if (delta > 0) return arm.betterTasks?.includes(task) ? 'better' : 'none';
  return delta < 0 ? 'worse' : 'none';
}

/**
 * Whether an arm's Δm is worse than the single-task baselines beyond noise: its 95% interval over
 * seeds (analysis's deltaMSpread) lies wholly below 0. A negative Δm within noise is not coloured.
 */
export function deltaMWorse(arm: ArmComparison): boolean {
  const upper = arm.deltaMSpread?.ci95[1];
  return !arm.baseline && upper !== null && upper !== undefined && upper < 0;
}

/** Indices of the arms the comparison marked best on Δm (within each budget), for the ★. */
export function bestDeltaM(arms: readonly ArmComparison[]): Set<number> {
  return new Set(arms.flatMap((arm, i) => (isMarkedBest(arm, DELTA_M_COLUMN) ? [i] : [])));
}

interface CurveOptions {
  axis: XAxis;
  smoothing: number;
}

export interface ArmWeights {
  arm: string;
  /** One group per task: its weight's mean ± std across the arm's seeds. */
  groups: CurveGroup[];
}

/**
 * Task-weight trajectories: one chart per arm, a line per task. Arms whose weights never move
 * (single-task baselines, equal weighting) are still drawn when they logged weights, except the
 * baseline arms, which have no weighting.
 */
export function taskWeightCurves<R extends { id: number; arm: string }>(
  runs: readonly R[],
  series: readonly Series[],
  isBaseline: (run: R) => boolean,
  options: CurveOptions,
  taskOrder: readonly string[] = [],
): ArmWeights[] {
  const weights = series.filter((s) => s.metric === WEIGHT_METRIC && s.split === 'train' && !s.task.includes(PAIR));
  const tasks = inTaskOrder(weights.map((s) => s.task), taskOrder);
  const arms = [...new Set(runs.filter((r) => !isBaseline(r)).map((r) => r.arm))];
  return arms
    .map((arm) => {
      const armRuns = runs.filter((r) => r.arm === arm);
      const groups = tasks.flatMap((task) => curveGroups(armRuns, weights.filter((s) => s.task === task), () => task, options));
      return { arm, groups };
    })
    .filter((a) => a.groups.length > 0);
}

export interface PairConflict {
  /** "species~sex" as logged. */
  pair: string;
  /** "species ↔ sex". */
  label: string;
  groups: CurveGroup[];
}

/** Names in the experiment's task order; unknown ones after, as first seen. */
export function inTaskOrder(names: Iterable<string>, order: readonly string[]): string[] {
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b));
}

/** Task pairs "a~b" ordered by a's, then b's place in the task order. */
function pairsInOrder(pairs: Iterable<string>, order: readonly string[]): string[] {
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return [...new Set(pairs)].sort((x, y) => {
    const [xa = '', xb = ''] = x.split(PAIR);
    const [ya = '', yb = ''] = y.split(PAIR);
    return rank(xa) - rank(ya) || rank(xb) - rank(yb) || x.localeCompare(y);
  });
}

/** Gradient conflict: one chart per task pair (in task order), a line per group of runs (arm by default). */
export function conflictCurves<R extends { id: number }>(runs: readonly R[], series: readonly Series[], keyFn: (run: R) => string, options: CurveOptions, taskOrder: readonly string[] = []): PairConflict[] {
  const cosines = series.filter((s) => s.metric === COSINE_METRIC);
  const pairs = pairsInOrder(cosines.map((s) => s.task), taskOrder);
  return pairs
    .map((pair) => ({ pair, label: pair.split(PAIR).join(' ↔ '), groups: curveGroups(runs, cosines.filter((s) => s.task === pair), keyFn, options) }))
    .filter((p) => p.groups.length > 0);
}
