// The head-to-head half of a comparison: per arm its approach (transfer, multitask or the
// scratch baseline), its gain over scratch at the same target budget, and what it cost; and per
// budget the verdicts — best transfer arm vs best multitask arm, and each vs scratch — as
// paired differences over seeds with a 95% CI, written as sentences.
//
// Every number reads the target task's test metric at its own best validation epoch, the same
// key in every arm (transfer runs and joint multitask runs both log the task "target").
import type { Approach, ArmComparison, ArmCost, ExperimentComparison, PrimaryMetric, Verdict } from '../../contract/compare.ts';
import type { RunSummary, Series } from '../../contract/model.ts';
import { isJointConfig, TARGET_TASK } from '../../contract/specHeadToHead.ts';
import { isFractionMetric } from '../format.ts';
import { metricDirection, orientDifference } from '../metricDirection.ts';
import { holmAdjust } from '../multiplicity.ts';
import { BOOTSTRAP_MIN_SEEDS, namesWinner, pairedDifference, verdictSentence } from '../pairedTest.ts';
import { runCost, withPretraining, type RunCost } from '../runCost.ts';
import { finiteOrNull, summarize } from '../stats.ts';
import { compareArms, SCRATCH_ARM_STRATEGY, seedMap, type ArmGroup } from './arms.ts';
import { gainSummary } from './gain.ts';
import { markBest } from './bestCells.ts';
import type { ComparisonOptions, KindComparison } from './input.ts';
import { EPOCH_TIE_CONVENTION, runLevelSeries } from './runValues.ts';

const HEAD_TO_HEAD_CONVENTIONS = [
  'Values are mean ± sample std over seeds (n = seeds with a completed run).',
  'Every arm is scored on the same target test rows, at the epoch with the best validation value of the target task (task "target").',
  EPOCH_TIE_CONVENTION,
  'Gain vs scratch = metric(arm) − metric(scratch) at the same label budget, positive = better, with its 95% interval over seeds (paired by seed); negative = the whole interval below 0.',
  `Verdicts: per budget, the best transfer arm vs the best multitask arm, and each vs scratch; "best" = the best mean validation value of the target metric (chosen on validation, tested on test). Difference a − b paired by seed, mean with a 95% CI (paired t-test; a bootstrap only when asked and from ${BOOTSTRAP_MIN_SEEDS} paired seeds, where a simulation shows it calibrated). The p-values of one budget's verdicts are Holm-corrected; a winner is named only when the CI excludes 0 and the Holm-adjusted p < 0.05, never from identical paired differences.`,
  'Cost, mean over seeds: wall time = Σ epoch time (training + evaluation); samples = examples trained on, summed over epochs; transfer arms include their pretraining run of the same seed. Trainable params = weights trained on the target (max over epochs).',
];

/** A group's approach: joint runs are multitask, the scratch strategy is the baseline, the rest transfer. */
function approachOf(group: ArmGroup): Approach {
  if (isJointConfig(group.runs[0]?.config)) return 'multitask';
  return group.strategy === SCRATCH_ARM_STRATEGY ? 'baseline' : 'transfer';
}

/** "50/class" → "50 labels per class"; "10%" → "10% of the labels"; "all" → "all labels". */
export function budgetWords(budget: string): string {
  if (budget === 'all') return 'all labels';
  const perClass = /^(\d+)\/class$/.exec(budget);
  if (perClass) return `${perClass[1]} ${perClass[1] === '1' ? 'label' : 'labels'} per class`;
  return `${budget} of the labels`;
}

/**
 * Per completed run: its cost, transfer runs with the pretraining run of their seed added.
 * `runLevel`: the target runs' run-level series, `sourceSeries` the sources'. Their overviews
 * suffice: an overview keeps each epoch's last point and its highest one, all runCost reads.
 */
function runCosts(
  groups: ArmGroup[],
  sources: readonly RunSummary[],
  sourceSeries: readonly Series[],
  runLevel: Map<number, Series[]>,
  approaches: Map<ArmGroup, Approach>,
): Map<number, RunCost> {
  const sourceLevel = runLevelSeries(sourceSeries);
  const sourceBySeed = new Map(sources.map((r) => [r.seed, runCost(sourceLevel.get(r.id) ?? [])]));
  const costOf = (run: RunSummary): RunCost => runCost(runLevel.get(run.id) ?? []);
  const costs = new Map<number, RunCost>();
  for (const group of groups) {
    const transfer = approaches.get(group) === 'transfer';
    for (const run of group.runs) {
      const own = costOf(run);
      const pretraining = transfer ? sourceBySeed.get(run.seed) : undefined;
      costs.set(run.id, pretraining ? withPretraining(own, pretraining) : own);
    }
  }
  return costs;
}

function armCost(group: ArmGroup, costs: Map<number, RunCost>): ArmCost {
  const mean = (pick: (c: RunCost) => number) => finiteOrNull(summarize(group.runs.map((r) => costs.get(r.id)).filter((c): c is RunCost => c !== undefined).map(pick)).mean);
  return { wallSeconds: mean((c) => c.wallSeconds), samples: mean((c) => c.samples), trainableParams: mean((c) => c.trainableParams) };
}

/** The target's primary metric: the same key for every arm, whichever task a run logged first. */
function targetPrimary(arms: ArmComparison[]): PrimaryMetric | null {
  for (const metric of ['accuracy', 'f1', 'loss']) {
    const key = `${TARGET_TASK}/test/${metric}`;
    if (arms.some((a) => key in a.metrics)) return { task: TARGET_TASK, metric, direction: metricDirection(metric), key };
  }
  return null;
}

/** One arm as the verdicts see it: per seed, its test values (compared) and validation values (to choose by). */
export interface VerdictGroup {
  name: string;
  budget: string;
  approach: Approach;
  values: Map<number, number>;
  validation: Map<number, number>;
}

/**
 * Per budget, the best transfer arm against the best multitask arm and each against scratch.
 * "Best" is chosen by the mean validation value: choosing by the test values and then testing
 * on the same values would favour whichever arm was luckiest on test. The budget's p-values are
 * Holm-corrected together. The bootstrap, when asked for, is used only from BOOTSTRAP_MIN_SEEDS
 * paired seeds; below that the paired t test answers (the bootstrap names false winners there).
 */
export function verdictsFor(groups: VerdictGroup[], primary: PrimaryMetric, method: 'paired-t' | 'bootstrap'): Verdict[] {
  const verdicts: Verdict[] = [];
  const budgets = [...new Set(groups.map((g) => g.budget))];
  const score = (g: VerdictGroup) => orientDifference(summarize([...g.validation.values()]).mean, primary.direction);
  const best = (list: VerdictGroup[]) => list.filter((g) => Number.isFinite(score(g))).sort((x, y) => score(y) - score(x))[0];
  for (const budget of budgets) {
    const here = groups.filter((g) => g.budget === budget);
    const transfer = best(here.filter((g) => g.approach === 'transfer'));
    const multitask = best(here.filter((g) => g.approach === 'multitask'));
    const scratch = here.find((g) => g.approach === 'baseline');
    const pairs = [
      [transfer, multitask],
      [transfer, scratch],
      [multitask, scratch],
    ] as const;
    const compared = pairs.flatMap(([a, b]) => {
      if (!a || !b) return [];
      const tested = pairedDifference(a.values, b.values, { method: 'paired-t' });
      const calibrated = method === 'bootstrap' && tested.n >= BOOTSTRAP_MIN_SEEDS;
      return [{ a, b, diff: calibrated ? pairedDifference(a.values, b.values, { method: 'bootstrap' }) : tested }];
    });
    const adjusted = holmAdjust(compared.map(({ diff }) => diff.pValue));
    compared.forEach(({ a, b, diff }, i) => {
      const pAdjusted = adjusted[i] as number;
      const sentence = verdictSentence({
        budgetLabel: budgetWords(budget),
        aName: a.name,
        bName: b.name,
        diff,
        unit: isFractionMetric(primary.metric) ? 'points' : 'raw',
        direction: primary.direction,
        ...(Number.isFinite(pAdjusted) ? { pAdjusted } : {}),
      });
      const aBetter = orientDifference(diff.meanDiff, primary.direction) > 0;
      verdicts.push({
        budget,
        a: a.name,
        b: b.name,
        sentence,
        meanDiff: finiteOrNull(diff.meanDiff),
        ci95: [finiteOrNull(diff.ci95[0]), finiteOrNull(diff.ci95[1])],
        n: diff.n,
        pValue: finiteOrNull(diff.pValue),
        method: diff.method,
        pAdjusted: finiteOrNull(pAdjusted),
        winner: namesWinner(diff, pAdjusted) ? (aBetter ? a.name : b.name) : null,
      });
    });
  }
  return verdicts;
}

/**
 * A head-to-head experiment's comparison: compareArms' arms with approach, gain vs scratch and
 * cost added to each, and the verdicts.
 */
export const compareHeadToHead: KindComparison = ({ runs, series, sources, sourceSeries }, options: ComparisonOptions = {}): Pick<ExperimentComparison, 'primary' | 'conventions' | 'arms' | 'verdicts'> => {
  const { arms, groups, runLevel } = compareArms(runs, series);
  const primary = targetPrimary(arms);
  const approaches = new Map(groups.map((g) => [g, approachOf(g)]));
  const costs = runCosts(groups, sources, sourceSeries, runLevel, approaches);
  const scratchByBudget = new Map<string, ArmGroup>();
  for (const [group, approach] of approaches) {
    if (approach === 'baseline' && !scratchByBudget.has(group.budget)) scratchByBudget.set(group.budget, group);
  }

  // compareArms makes arm i of group i.
  const out = arms.map((arm, i): ArmComparison => {
    const group = groups[i]!;
    const approach = approaches.get(group)!;
    const scratch = scratchByBudget.get(arm.budget);
    const gainVsBaseline = approach !== 'baseline' && primary && scratch
      ? gainSummary(seedMap(group, primary.key), seedMap(scratch, primary.key), primary.direction)
      : null;
    const config = group.runs[0]?.config;
    const multitask = isJointConfig(config) ? { architecture: config.architecture, weighting: config.weighting } : {};
    return {
      ...arm,
      ...multitask,
      baseline: approach === 'baseline',
      approach,
      // transferGain keeps its meaning (a transfer arm against scratch); multitask arms carry gainVsBaseline only.
      transferGain: approach === 'transfer' ? gainVsBaseline : null,
      gainVsBaseline,
      cost: armCost(group, costs),
    };
  });

  const verdictGroups = primary
    ? groups.map((g): VerdictGroup => ({
        name: g.name,
        budget: g.budget,
        approach: approaches.get(g)!,
        values: seedMap(g, primary.key),
        validation: seedMap(g, `${primary.task}/val/${primary.metric}`),
      }))
    : [];
  return {
    primary,
    conventions: HEAD_TO_HEAD_CONVENTIONS,
    arms: markBest(out, groups, primary),
    verdicts: primary ? verdictsFor(verdictGroups, primary, options.verdictMethod ?? 'paired-t') : [],
  };
};
