// The compare view's state: which runs, their comparison numbers and series, and the chart
// controls. The curves themselves are derived (grouping and smoothing in curves.ts).
import type { GraftApi } from '../../../../contract/api.ts';
import type { ExperimentComparison } from '../../../../contract/compare.ts';
import type { RunSummary, Series } from '../../../../contract/model.ts';
import { SOURCE_ARM } from '../../../../contract/spec.ts';
import type { CompareTarget } from '../routes.ts';
import { curveGroups, metricKeys, seriesKey, type CurveGroup, type SeriesKeyParts, type XAxis } from './curves.ts';
import { defaultGrouping, distinct, groupKeyFn, namesById, type GroupChoice } from './grouping.ts';

/** Points per series sent by the main side; min/max per bucket keeps every spike. */
export const MAX_POINTS = 600;

export type Comparison = Pick<ExperimentComparison, 'primary' | 'conventions' | 'arms'> & { title: string; experiments: { id: number; name: string }[] };

export class CompareState {
  runs: RunSummary[] = $state([]);
  series: Series[] = $state([]);
  comparison: Comparison | null = $state(null);
  loaded = $state(false);
  error: string | null = $state(null);

  grouping: GroupChoice = $state({ by: 'arm' });
  smoothing = $state(0);
  axis: XAxis = $state('epoch');
  logY = $state(false);
  showRuns = $state(false);

  /** Names of the runs' experiments (every run's, not only the completed ones). Replaced whole, never mutated. */
  names: ReadonlyMap<number, string> = $state(namesById([]));
  readonly severalExperiments = $derived(distinct(this.runs.map((r) => r.experimentId)).length > 1);
  readonly keys: SeriesKeyParts[] = $derived(metricKeys(this.series));
  readonly tasks = $derived(distinct(this.keys.map((k) => k.task)));

  async load(api: GraftApi, target: CompareTarget): Promise<void> {
    try {
      let runs: RunSummary[];
      let comparison: Comparison;
      if ('experimentId' in target) {
        const [detail, result] = await Promise.all([api.getExperiment({ id: target.experimentId }), api.compareExperiment({ id: target.experimentId })]);
        runs = detail.runs.filter((r) => r.arm !== SOURCE_ARM);
        comparison = { ...result, title: result.experiment.name, experiments: [result.experiment] };
      } else {
        const [found, result, experiments] = await Promise.all([api.listRuns({ runIds: target.runIds }), api.compareRuns({ runIds: target.runIds }), api.listExperiments({})]);
        runs = found;
        const ids = distinct(found.map((r) => r.experimentId));
        comparison = { ...result, title: `${found.length} selected runs`, experiments: experiments.filter((e) => ids.includes(e.id)) };
      }
      const series = runs.length > 0 ? await api.readSeries({ runIds: runs.map((r) => r.id).slice(0, 1000), maxPoints: MAX_POINTS }) : [];
      this.runs = runs;
      this.comparison = comparison;
      this.series = series;
      this.names = namesById(comparison.experiments);
      this.grouping = defaultGrouping(runs);
      this.error = null;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.loaded = true;
    }
  }

  curves(key: SeriesKeyParts): CurveGroup[] {
    const wanted = seriesKey(key);
    const names = this.names;
    const keyFn = groupKeyFn(this.grouping, this.severalExperiments ? (id) => names.get(id) ?? `#${id}` : undefined);
    return curveGroups(
      this.runs,
      this.series.filter((s) => seriesKey(s) === wanted),
      keyFn,
      { axis: this.axis, smoothing: this.smoothing },
    );
  }

  runLabel(runId: number): string {
    const run = this.runs.find((r) => r.id === runId);
    return run ? `#${run.id} ${run.arm} s${run.seed}` : `#${runId}`;
  }
}
