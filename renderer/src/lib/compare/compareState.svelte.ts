// The compare view's state: which runs, their comparison numbers and series, and the chart
// controls. The curves themselves are derived (grouping and smoothing in curves.ts).
import { groupBy } from '../../../../analysis/aggregate.ts';
import type { GraftApi } from '../../../../contract/api.ts';
import type { ExperimentComparison } from '../../../../contract/compare.ts';
import type { RunSummary, Series } from '../../../../contract/model.ts';
import { SOURCE_ARM } from '../../../../contract/spec.ts';
import { colorAt } from '../charts/palette.ts';
import { armColors } from '../../../../analysis/armColors.ts';
import { sortBudgets } from '../../../../analysis/budgets.ts';
import type { CompareTarget } from '../routes.ts';
import type { CompareView } from './viewUrl.ts';
import { TARGET_TASK } from '../../../../contract/specHeadToHead.ts';
import { isMultitaskConfig, SINGLE_TASK } from '../../../../contract/specMultitask.ts';
import { curveGroups, metricKeys, seriesKey, type CurveGroup, type SeriesKeyParts, type XAxis } from './curves.ts';
import { defaultGrouping, distinct, groupKeyFn, namesById, places, type GroupChoice } from './grouping.ts';
import { conflictCurves, inTaskOrder, isDiagnostic, taskWeightCurves, type ArmWeights, type PairConflict } from './multitask.ts';

/** Points per series sent by the main side; min/max per bucket keeps every spike. */
export const MAX_POINTS = 600;

/** What the view shows: an experiment's comparison (with its kind's extras), or selected runs'. */
export type Comparison = Pick<ExperimentComparison, 'primary' | 'conventions' | 'arms' | 'multitask' | 'verdicts'> & {
  title: string;
  /** The experiment's kind; null for runs selected across experiments. */
  kind: string | null;
  experiments: { id: number; name: string }[];
};

type ArmOfGroup = Pick<RunSummary, 'arm' | 'budget'>;
const NO_ARMS: ReadonlyMap<string, ArmOfGroup> = new Map();

function armsOfGroups(runs: readonly RunSummary[], keyOf: (run: RunSummary) => string): ReadonlyMap<string, ArmOfGroup> {
  return new Map(runs.map((r) => [keyOf(r), { arm: r.arm, budget: r.budget }]));
}

export class CompareState {
  runs: RunSummary[] = $state([]);
  /** Raw, not deeply reactive: replaced whole on load, and a proxy on every point of 100 runs'
   *  series made the first render several times slower. */
  series: Series[] = $state.raw([]);
  comparison: Comparison | null = $state(null);
  loaded = $state(false);
  error: string | null = $state(null);

  grouping: GroupChoice = $state({ by: 'arm' });
  smoothing = $state(0);
  axis: XAxis = $state('epoch');
  logY = $state(false);
  showRuns = $state(false);
  /** Arms hidden from every chart (the page's one set of arm toggles). */
  hidden: string[] = $state([]);
  /** The metric whose charts come first; null = the experiment's primary metric. */
  metric: string | null = $state(null);

  /** The runs the charts draw: the hidden arms' runs left out, so their lines and bands go together. */
  readonly visibleRuns: RunSummary[] = $derived(this.hidden.length === 0 ? this.runs : this.runs.filter((r) => !this.hidden.includes(r.arm)));
  /** Arm names in the comparison's order (then any arm with no completed run yet). */
  readonly armNames: string[] = $derived(distinct([...(this.comparison?.arms.map((a) => a.name) ?? []), ...this.runs.map((r) => r.arm)]));
  /** The metric shown first: the picked one, else the primary's. */
  readonly shownMetric: string | null = $derived(this.metric ?? this.comparison?.primary?.metric ?? null);

  /** Names of the runs' experiments (every run's, not only the completed ones). */
  readonly names: ReadonlyMap<number, string> = $derived(namesById(this.comparison?.experiments ?? []));
  readonly severalExperiments = $derived(distinct(this.runs.map((r) => r.experimentId)).length > 1);
  /** Task metrics; the multitask diagnostics (task weights, gradient cosines) are charted apart. */
  readonly keys: SeriesKeyParts[] = $derived(metricKeys(this.series).filter((k) => !isDiagnostic(k)));
  /** The experiment's tasks in its own order (multitask), else as logged. */
  readonly taskOrder: string[] = $derived(this.comparison?.multitask?.tasks.map((t) => t.name) ?? (this.comparison?.kind === 'head-to-head' ? [TARGET_TASK] : []));
  readonly tasks = $derived(inTaskOrder(this.keys.map((k) => k.task), this.taskOrder));

  /** The group a run belongs to under the chosen grouping. */
  private readonly keyFn: (run: RunSummary) => string = $derived.by(() => {
    const names = this.names;
    return groupKeyFn(this.grouping, this.severalExperiments ? (id) => names.get(id) ?? `#${id}` : undefined);
  });
  /** Arm name → its fixed colour (analysis/armColors.ts), as the tables' swatches show it. */
  readonly armColors: ReadonlyMap<string, string> = $derived(armColors(this.comparison?.arms ?? []));
  /** Group key → its runs' arm and budget, when the grouping is by arm (every run of a group shares them). */
  private readonly groupArm: ReadonlyMap<string, ArmOfGroup> = $derived(this.grouping.by === 'config' ? NO_ARMS : armsOfGroups(this.runs, this.keyFn));
  private readonly budgetOrder: string[] = $derived(sortBudgets(distinct(this.runs.map((r) => r.budget))));
  /** Each group key's place among all groups of the runs. */
  private readonly groupIndex: ReadonlyMap<string, number> = $derived(places(this.runs.map(this.keyFn)));
  /** The series by seriesKey, each list in load order. */
  private readonly seriesByKey: ReadonlyMap<string, readonly Series[]> = $derived(groupBy(this.series, seriesKey));

  async load(api: GraftApi, target: CompareTarget): Promise<void> {
    try {
      let runs: RunSummary[];
      let comparison: Comparison;
      if ('experimentId' in target) {
        const [detail, result] = await Promise.all([api.getExperiment({ id: target.experimentId }), api.compareExperiment({ id: target.experimentId })]);
        runs = detail.runs.filter((r) => r.arm !== SOURCE_ARM);
        comparison = { ...result, title: result.experiment.name, kind: result.experiment.kind, experiments: [result.experiment] };
      } else {
        const [found, result, experiments] = await Promise.all([api.listRuns({ runIds: target.runIds }), api.compareRuns({ runIds: target.runIds }), api.listExperiments({})]);
        runs = found;
        const ids = distinct(found.map((r) => r.experimentId));
        comparison = { ...result, title: `${found.length} selected runs`, kind: null, experiments: experiments.filter((e) => ids.includes(e.id)) };
      }
      const series = runs.length > 0 ? await api.readSeries({ runIds: runs.map((r) => r.id).slice(0, 1000), maxPoints: MAX_POINTS }) : [];
      this.runs = runs;
      this.comparison = comparison;
      this.series = series;
      // The first load takes the link's grouping or the default; reloads keep the user's choice.
      if (!this.loaded) this.grouping = this.linkedGrouping ?? defaultGrouping(runs);
      this.error = null;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.loaded = true;
    }
  }

  /** A group's colour: its arm's fixed colour when grouped by arm, else by its place among all
   *  groups of the runs. The same in every chart and every table swatch. */
  groupColor(key: string): string | undefined {
    const arm = this.groupArm.get(key);
    const fixed = arm && this.armColors.get(arm.arm);
    if (fixed) return fixed;
    const at = this.groupIndex.get(key);
    return at === undefined ? undefined : colorAt(at);
  }

  /** Budgets of one arm share its colour, so they differ by dash (as in the reports): the budget's place. */
  groupDash(key: string): number {
    const arm = this.groupArm.get(key);
    return this.grouping.by === 'arm-budget' && arm ? Math.max(0, this.budgetOrder.indexOf(arm.budget)) : 0;
  }

  curves(key: SeriesKeyParts): CurveGroup[] {
    return curveGroups(this.visibleRuns, this.seriesByKey.get(seriesKey(key)) ?? [], this.keyFn, { axis: this.axis, smoothing: this.smoothing });
  }

  /** Task-weight trajectories, one chart per arm (single-task baselines have no weighting). */
  taskWeights(): ArmWeights[] {
    const isBaseline = (run: RunSummary) => run.arm === SINGLE_TASK || (isMultitaskConfig(run.config) && run.config.architecture === SINGLE_TASK);
    return taskWeightCurves(this.visibleRuns, this.series, isBaseline, { axis: this.axis, smoothing: this.smoothing }, this.taskOrder);
  }

  /** Gradient cosine between tasks on the shared weights, one chart per task pair. */
  conflicts(): PairConflict[] {
    return conflictCurves(this.visibleRuns, this.series, this.keyFn, { axis: this.axis, smoothing: this.smoothing }, this.taskOrder);
  }

  /** The grouping a link asked for, applied once the runs are loaded. */
  private linkedGrouping: GroupChoice | null = null;

  /** Restores a view from the address (viewUrl.ts). */
  applyView(view: CompareView): void {
    this.linkedGrouping = view.grouping;
    if (view.grouping && this.loaded) this.grouping = view.grouping;
    this.smoothing = view.smoothing;
    this.axis = view.axis;
    this.logY = view.logY;
    this.metric = view.metric;
    this.hidden = view.hidden;
  }

  /** The view as the address holds it. */
  get view(): CompareView {
    return { grouping: this.grouping, smoothing: this.smoothing, axis: this.axis, logY: this.logY, metric: this.metric, hidden: this.hidden };
  }

  toggleArm(arm: string): void {
    this.hidden = this.hidden.includes(arm) ? this.hidden.filter((a) => a !== arm) : [...this.hidden, arm];
  }

  /** Whether the lines are coloured by arm (then the page's legend names them; charts need none). */
  get byArm(): boolean {
    return this.grouping.by !== 'config';
  }

  runLabel(runId: number): string {
    const run = this.runs.find((r) => r.id === runId);
    return run ? `#${run.id} ${run.arm} s${run.seed}` : `#${runId}`;
  }
}
