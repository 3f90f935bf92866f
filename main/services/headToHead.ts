// The head-to-head half of a comparison: per arm its approach (transfer, multitask or the
// scratch baseline), its gain over scratch at the same target budget, and what it cost; and per
// budget the verdicts — best transfer arm vs best multitask arm, and each vs scratch — as
// paired differences over seeds with a 95% CI, written as sentences.
//
// Every number reads the target task's test metric at its own best validation epoch, the same
// key in every arm (transfer runs and joint multitask runs both log the task "target").
import { isFractionMetric } from '../../analysis/format.ts';
import { metricDirection, orientDifference } from '../../analysis/metricDirection.ts';
import { pairedDifference, verdictSentence } from '../../analysis/pairedTest.ts';
import { runCost, withPretraining, type RunCost, type RunLevelSeries } from '../../analysis/runCost.ts';
import { summarize } from '../../analysis/stats.ts';
import { transferGain } from '../../analysis/transferGain.ts';
import type { Approach, ArmComparison, ArmCost, ExperimentComparison, PrimaryMetric, Verdict } from '../../contract/compare.ts';
import type { RunSummary } from '../../contract/model.ts';
import { isJointConfig, SCRATCH, TARGET_TASK } from '../../contract/specHeadToHead.ts';
import type { RunStore } from '../../db/store.ts';
import { seedValues, type ArmGroup } from './compare.ts';

export interface HeadToHeadOptions {
  /** 'paired-t' (default: its interval widens honestly at 2–4 seeds) or 'bootstrap'. */
  verdictMethod?: 'paired-t' | 'bootstrap';
}

export const HEAD_TO_HEAD_CONVENTIONS = [
  'Values are mean ± sample std over seeds (n = seeds with a completed run).',
  'Every arm is scored on the same target test rows, at the epoch with the best validation value of the target task (task "target").',
  'Gain vs scratch = metric(arm) − metric(scratch) at the same label budget, positive = better; negative = worse by more than the standard error of the difference.',
  'Verdicts: per budget, the best transfer arm vs the best multitask arm, and each vs scratch; difference a − b paired by seed, mean with a 95% CI (paired t-test unless a bootstrap was asked for); a winner is named only when the CI excludes 0.',
  'Cost, mean over seeds: wall time = Σ epoch time (training + evaluation); samples = examples trained on, summed over epochs; transfer arms include their pretraining run of the same seed. Trainable params = weights trained on the target (max over epochs).',
];

function approachOf(run: RunSummary | undefined): Approach {
  if (isJointConfig(run?.config)) return 'multitask';
  const strategy = (run?.config as { strategy?: unknown } | null | undefined)?.strategy;
  return strategy === SCRATCH ? 'baseline' : 'transfer';
}

/** "50/class" → "50 labels per class"; "10%" → "10% of the labels"; "all" → "all labels". */
export function budgetWords(budget: string): string {
  if (budget === 'all') return 'all labels';
  const perClass = /^(\d+)\/class$/.exec(budget);
  if (perClass) return `${perClass[1]} ${perClass[1] === '1' ? 'label' : 'labels'} per class`;
  return `${budget} of the labels`;
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** Per completed run: its cost, transfer runs with the pretraining run of their seed added. */
function runCosts(store: RunStore, runs: RunSummary[], sources: RunSummary[]): Map<number, RunCost> {
  const all = [...runs, ...sources];
  const series = all.length > 0 ? store.readSeries(all.map((r) => r.id), { task: '_run' }) : [];
  const byRun = new Map<number, RunLevelSeries[]>();
  for (const s of series) byRun.set(s.runId, [...(byRun.get(s.runId) ?? []), s]);
  const costOf = (run: RunSummary): RunCost => runCost(byRun.get(run.id) ?? []);
  const sourceBySeed = new Map(sources.map((r) => [r.seed, costOf(r)]));
  return new Map(
    runs.map((run) => {
      const own = costOf(run);
      const pretraining = approachOf(run) === 'transfer' ? sourceBySeed.get(run.seed) : undefined;
      return [run.id, pretraining ? withPretraining(own, pretraining) : own];
    }),
  );
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
 * Adds approach, gain vs scratch and cost to each arm, and the verdicts. `runs`: completed target
 * runs; `sources`: the completed pretraining runs; `groups`: compareRunSet's per-seed values of `runs`.
 */
export function withHeadToHead(
  store: RunStore,
  { runs, sources, groups }: { runs: RunSummary[]; sources: RunSummary[]; groups: ArmGroup[] },
  arms: ArmComparison[],
  options: HeadToHeadOptions = {},
): Pick<ExperimentComparison, 'primary' | 'conventions' | 'arms' | 'verdicts'> {
  const primary = targetPrimary(arms);
  const costs = runCosts(store, runs, sources);
  const firstRun = new Map<string, RunSummary>();
  for (const run of runs) if (!firstRun.has(run.arm)) firstRun.set(run.arm, run);
  const groupOf = (arm: ArmComparison) => groups.find((g) => g.name === arm.name && g.budget === arm.budget);
  const scratchOf = (budget: string) => groups.find((g) => g.budget === budget && approachOf(firstRun.get(g.name)) === 'baseline');

  const out = arms.map((arm): ArmComparison => {
    const run = firstRun.get(arm.name);
    const approach = approachOf(run);
    const group = groupOf(arm);
    const scratch = scratchOf(arm.budget);
    const gain = approach !== 'baseline' && primary && group && scratch
      ? transferGain(seedValues(group, primary.key), seedValues(scratch, primary.key), primary.direction)
      : null;
    const gainVsBaseline = gain ? { abs: gain.abs, rel: gain.rel, negative: gain.negative } : null;
    const multitask = isJointConfig(run?.config) ? { architecture: run.config.architecture, weighting: run.config.weighting } : {};
    return {
      ...arm,
      ...multitask,
      baseline: approach === 'baseline',
      approach,
      // transferGain keeps its meaning (a transfer arm against scratch); multitask arms carry gainVsBaseline only.
      transferGain: approach === 'transfer' ? gainVsBaseline : null,
      gainVsBaseline,
      cost: group ? armCost(group, costs) : { wallSeconds: null, samples: null, trainableParams: null },
    };
  });

  const verdictGroups = primary
    ? groups.map((g) => ({ name: g.name, budget: g.budget, approach: approachOf(firstRun.get(g.name)), values: bySeed(g, primary.key) }))
    : [];
  return {
    primary,
    conventions: HEAD_TO_HEAD_CONVENTIONS,
    arms: out,
    verdicts: primary ? verdictsFor(verdictGroups, primary, options.verdictMethod ?? 'paired-t') : [],
  };
}
