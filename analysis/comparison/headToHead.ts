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
import { pairedDifference, verdictSentence } from '../pairedTest.ts';
import { runCost, withPretraining, type RunCost } from '../runCost.ts';
import { finiteOrNull, summarize } from '../stats.ts';
import { transferGain } from '../transferGain.ts';
import { compareArms, SCRATCH_ARM_STRATEGY, seedValues, type ArmGroup } from './arms.ts';
import { markBest } from './bestCells.ts';
import type { ComparisonOptions, KindComparison } from './input.ts';
import { EPOCH_TIE_CONVENTION, runLevelSeries } from './runValues.ts';

const HEAD_TO_HEAD_CONVENTIONS = [
  'Values are mean ± sample std over seeds (n = seeds with a completed run).',
  'Every arm is scored on the same target test rows, at the epoch with the best validation value of the target task (task "target").',
  EPOCH_TIE_CONVENTION,
  'Gain vs scratch = metric(arm) − metric(scratch) at the same label budget, positive = better; negative = worse by more than the standard error of the difference.',
  'Verdicts: per budget, the best transfer arm vs the best multitask arm, and each vs scratch; difference a − b paired by seed, mean with a 95% CI (paired t-test unless a bootstrap was asked for); a winner is named only when the CI excludes 0.',
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

function bySeed(group: ArmGroup, key: string): Map<number, number> {
  return new Map([...group.values].map(([seed, values]) => [seed, values.get(key) ?? Number.NaN]));
}

/** The target's primary metric: the same key for every arm, whichever task a run logged first. */
function targetPrimary(arms: ArmComparison[]): PrimaryMetric | null {
  for (const metric of ['accuracy', 'f1', 'loss']) {
    const key = `${TARGET_TASK}/test/${metric}`;
    if (arms.some((a) => key in a.metrics)) return { task: TARGET_TASK, metric, direction: metricDirection(metric), key };
  }
  return null;
}

export function verdictsFor(
  groups: { name: string; budget: string; approach: Approach; values: Map<number, number> }[],
  primary: PrimaryMetric,
  method: 'paired-t' | 'bootstrap',
): Verdict[] {
  const verdicts: Verdict[] = [];
  const budgets = [...new Set(groups.map((g) => g.budget))];
  const score = (g: { values: Map<number, number> }) => orientDifference(summarize([...g.values.values()]).mean, primary.direction);
  const best = (list: typeof groups) => list.filter((g) => Number.isFinite(score(g))).sort((x, y) => score(y) - score(x))[0];
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
    for (const [a, b] of pairs) {
      if (!a || !b) continue;
      const diff = pairedDifference(a.values, b.values, { method });
      const sentence = verdictSentence({
        budgetLabel: budgetWords(budget),
        aName: a.name,
        bName: b.name,
        diff,
        unit: isFractionMetric(primary.metric) ? 'points' : 'raw',
        direction: primary.direction,
      });
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
      });
    }
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
    const gain = approach !== 'baseline' && primary && scratch
      ? transferGain(seedValues(group, primary.key), seedValues(scratch, primary.key), primary.direction)
      : null;
    const gainVsBaseline = gain ? { abs: gain.abs, rel: gain.rel, negative: gain.negative } : null;
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
    ? groups.map((g) => ({ name: g.name, budget: g.budget, approach: approaches.get(g)!, values: bySeed(g, primary.key) }))
    : [];
  return {
    primary,
    conventions: HEAD_TO_HEAD_CONVENTIONS,
    arms: markBest(out, groups, primary),
    verdicts: primary ? verdictsFor(verdictGroups, primary, options.verdictMethod ?? 'paired-t') : [],
  };
};
