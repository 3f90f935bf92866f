// Δm, the multi-task summary number, in the LibMTL convention (DESIGN.md):
//   Δm = 100% · (1/T) Σ_t (1/M_t) Σ_m (−1)^{w_tm} (B_tm − N_tm) / B_tm,  w_tm = 1 if higher is better,
// B the single-task baseline, N the multi-task result. Positive = better than single-task.
// Papers disagree on the sign, so the convention travels with every value.

export const DELTA_M_CONVENTION = 'Δm (LibMTL): positive = better than single-task baselines';

export interface DeltaMMetric {
  /** The single-task baseline's value (B), usually a mean over seeds. */
  baseline: number;
  /** The multi-task model's value (N) on the same task, metric and split. */
  multitask: number;
  higherIsBetter: boolean;
}

/** Per task, per metric name. */
export type DeltaMInput = Readonly<Record<string, Readonly<Record<string, DeltaMMetric>>>>;

export interface DeltaM {
  /** In percent (−2.5 means 2.5% worse than single-task on average); NaN when undefined. */
  deltaM: number;
  /** 100 · (1/M_t) Σ_m (−1)^{w_tm} (B_tm − N_tm) / B_tm per task, same sign convention. */
  perTaskDelta: Record<string, number>;
  convention: string;
  /** Why a value is NaN, in words ("task B, metric mae: baseline is 0"); empty when all is defined. */
  issues: string[];
}

/**
 * One metric's relative change, in percent, oriented so positive = multi-task better.
 * Divides by B exactly as LibMTL does (not |B|): a zero baseline has no relative change (NaN),
 * and for a metric whose baseline can be negative the sign would invert, which is why Graft
 * only feeds it metrics that are positive by nature (accuracy, F1, MAE, RMSE, loss).
 */
export function relativeDelta(metric: DeltaMMetric): number {
  const { baseline: b, multitask: n } = metric;
  if (!Number.isFinite(b) || !Number.isFinite(n) || b === 0) return Number.NaN;
  const sign = metric.higherIsBetter ? -1 : 1; // (−1)^{w_tm}
  return (100 * sign * (b - n)) / b;
}

/**
 * Δm over tasks and their metrics. Each task weighs the same however many metrics it has.
 * Any undefined term (zero or non-finite baseline, non-finite result, task without metrics)
 * makes its task's Δ and Δm NaN, with the reason in `issues`: a Δm quietly computed over fewer
 * tasks than the user asked about would not be the number they think it is. No tasks → NaN.
 */
export function deltaM(tasks: DeltaMInput): DeltaM {
  const perTaskDelta: Record<string, number> = {};
  const issues: string[] = [];
  let sum = 0;
  let taskCount = 0;
  for (const [task, metrics] of Object.entries(tasks)) {
    const entries = Object.entries(metrics);
    if (entries.length === 0) issues.push(`task ${task}: no metrics to compare`);
    let taskSum = 0;
    for (const [name, metric] of entries) {
      const delta = relativeDelta(metric);
      if (Number.isNaN(delta)) issues.push(`task ${task}, metric ${name}: ${undefinedReason(metric)}`);
      taskSum += delta;
    }
    const taskDelta = entries.length === 0 ? Number.NaN : taskSum / entries.length;
    perTaskDelta[task] = taskDelta;
    sum += taskDelta;
    taskCount++;
  }
  return {
    deltaM: taskCount === 0 ? Number.NaN : sum / taskCount,
    perTaskDelta,
    convention: DELTA_M_CONVENTION,
    issues,
  };
}

function undefinedReason(metric: DeltaMMetric): string {
  if (!Number.isFinite(metric.baseline)) return 'baseline is not a finite number';
  if (metric.baseline === 0) return 'baseline is 0, so there is no relative change';
  return 'multi-task value is not a finite number';
}
