// One run's numbers as a comparison reads them: its series indexed by task → metric → split, and
// per "<task>/<split>/<metric>" the value a table shows (train: last epoch; val: best; test: at
// the epoch the task's primary metric chose on validation).
import { RUN_LEVEL_TASK, type Series } from '../../contract/model.ts';
import { metricDirection, runMetrics } from '../runMetrics.ts';
import { lastValueAt } from '../seriesPoints.ts';

/** Printed with every comparison: how the best validation epoch is chosen when values tie. */
export const EPOCH_TIE_CONVENTION =
  "Best epoch ties (the same validation value at several epochs) go to the lower validation loss, then to the later epoch.";

/** Which metric decides the best epoch and the gain, in order of preference. */
const PRIMARY_PREFERENCE = ['accuracy', 'f1', 'rmse', 'mae', 'loss'];

/** Per run: series grouped by task → metric → split. */
export type RunSeries = Map<string, Map<string, Map<string, Series>>>;

export function indexSeries(series: readonly Series[]): Map<number, RunSeries> {
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

export function primaryMetricOf(metrics: Iterable<string>): string | null {
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
      ? runMetrics(
          { val: primarySplits.get('val'), test: primarySplits.get('test'), valLoss: metrics.get('loss')?.get('val') },
          metricDirection(primary),
        )
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

/** Per run id: its run-level series (task RUN_LEVEL_TASK), in the given order. */
export function runLevelSeries(series: readonly Series[]): Map<number, Series[]> {
  const byRun = new Map<number, Series[]>();
  for (const s of series) {
    if (s.task !== RUN_LEVEL_TASK) continue;
    const list = byRun.get(s.runId);
    if (list) list.push(s);
    else byRun.set(s.runId, [s]);
  }
  return byRun;
}
