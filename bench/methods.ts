// Issue 18, item 4: the multitask methods against each other. Every loss weighting × every
// architecture on a shipped multitask set, trained through the real scheduler and worker threads
// into a real store, then Δm (LibMTL convention) with its 95% interval over seeds
// (analysis/comparison/multitask.ts's armDeltaMSpreads) and the cost: wall time per epoch relative
// to equal weighting on the same architecture (the compare service's ArmCost).
import { join } from 'node:path';
import { armDeltaMSpreads, type ArmDeltaMSpread } from '../analysis/comparison/multitask.ts';
import { runCost } from '../analysis/runCost.ts';
import { finiteOrNull, summarize } from '../analysis/stats.ts';
import { RUN_LEVEL_TASK } from '../contract/model.ts';
import { expandRuns } from '../contract/spec.ts';
import { ARCHITECTURES, WEIGHTINGS } from '../contract/specMultitask.ts';
import { openStore } from '../db/open.ts';
import { Scheduler } from '../main/engine/mainThread/scheduler.ts';
import { readComparisonInput } from '../main/services/compare.ts';
import { parsedSpec } from '../tests/support/seedCompare.ts';
import { benchDir } from './tempDir.ts';

/** `static` is left out: its weights are the user's choice, not a method to rank. */
export const BENCH_WEIGHTINGS = WEIGHTINGS.filter((w) => w !== 'static');

/** The shipped multitask sets and the trunk each is benchmarked with. */
export const METHOD_SETS = {
  penguins: { model: { type: 'mlp', hidden: [32, 16] } },
  'multi-fashion': { model: { type: 'cnn', filters: [16, 32], dense: [64], kernelSize: 3 } },
} as const;
export type MethodSet = keyof typeof METHOD_SETS;

/** GRAFT_BENCH_METHOD_SETS=penguins,multi-fashion picks the sets; penguins alone by default. */
export function methodSetsFrom(env: string | undefined): MethodSet[] {
  const names = (env ?? 'penguins').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(n in METHOD_SETS));
  if (unknown.length > 0 || names.length === 0) throw new Error(`GRAFT_BENCH_METHOD_SETS takes ${Object.keys(METHOD_SETS).join(', ')}; got ${env ?? ''}`);
  return names as MethodSet[];
}

export interface MethodsSizes {
  seeds: number;
  epochs: number;
  /** Worker threads; 1 keeps the per-epoch times free of a neighbour's load. */
  workers: number;
}

export interface MethodCell extends ArmDeltaMSpread {
  /** Mean over seeds of Σ epoch_time (training + evaluation) / epochs, seconds (analysis/runCost.ts). */
  secondsPerEpoch: number | null;
  /** secondsPerEpoch / that of `<architecture>+equal`. */
  relativeCost: number | null;
}

export interface MethodsFigure {
  dataset: string;
  seeds: number;
  epochs: number;
  failed: number;
  seconds: number;
  cells: MethodCell[];
}

export async function methodsFigure(dataset: MethodSet, sizes: MethodsSizes, backend: string | null, log: (line: string) => void): Promise<MethodsFigure> {
  const dir = benchDir(`methods-${dataset}`);
  const store = openStore(join(dir, 'graft.db'));
  try {
    // A spec holds at most 64 arms: one experiment per architecture, each with its single-task baseline.
    const experiments = ARCHITECTURES.map((architecture) => {
      const spec = parsedSpec({
        version: 1,
        kind: 'multitask',
        name: `Benchmark: methods on ${dataset}, ${architecture}`,
        data: { builtin: dataset },
        model: METHOD_SETS[dataset].model,
        arms: BENCH_WEIGHTINGS.map((weighting) => ({ architecture, weighting })),
        seeds: Array.from({ length: sizes.seeds }, (_, i) => i + 1),
        training: { epochs: sizes.epochs, batchSize: 32, lr: 0.01 },
      });
      const plans = expandRuns(spec);
      return { plans: plans.length, ...store.createExperiment({ name: spec.name, kind: spec.kind, specVersion: 1, spec, runs: plans }) };
    });
    log(`methods: ${experiments.reduce((n, e) => n + e.plans, 0)} runs on ${dataset}, ${sizes.workers} worker(s)…`);
    const scheduler = new Scheduler({ store, publish: () => {}, artifactsDir: join(dir, 'artifacts'), concurrency: sizes.workers, backend });
    const start = performance.now();
    scheduler.wake();
    await scheduler.idle();
    const seconds = (performance.now() - start) / 1000;
    const failed = store.listRuns({ status: ['failed'] }).length;
    const cells = experiments.flatMap(({ experimentId }) => {
      const completed = store.listRuns({ experimentId, status: ['completed'] });
      const input = readComparisonInput(store, completed);
      const spread = armDeltaMSpreads(input);
      const perEpoch = (arm: string): number | null => {
        const walls = input.runs.filter((r) => r.arm === arm).map((r) => runCost(input.series.filter((x) => x.runId === r.id && x.task === RUN_LEVEL_TASK)).wallSeconds);
        return finiteOrNull(summarize(walls).mean / sizes.epochs);
      };
      return spread.map((cell): MethodCell => {
        const own = perEpoch(cell.arm);
        const equal = perEpoch(`${cell.architecture}+equal`);
        return { ...cell, secondsPerEpoch: own, relativeCost: own !== null && equal ? own / equal : null };
      });
    });
    return { dataset, seeds: sizes.seeds, epochs: sizes.epochs, failed, seconds, cells };
  } finally {
    store.close();
  }
}

const num = (n: number | null, digits: number): string => (n === null ? '—' : n.toFixed(digits));

/** One markdown table: a row per weighting, a column per architecture, "Δm [95% CI] (cost×)". */
export function methodsTable(f: MethodsFigure): string {
  const lines = [
    `${f.dataset}: Δm % (LibMTL: positive = better than single-task) [95% t interval over ${f.seeds} seeds] (wall time per epoch ÷ equal weighting's, same architecture); ${f.epochs} epochs; ${f.failed} failed runs`,
    '',
    `| weighting | ${ARCHITECTURES.join(' | ')} |`,
    `|---|${ARCHITECTURES.map(() => '---').join('|')}|`,
  ];
  for (const w of BENCH_WEIGHTINGS) {
    const row = ARCHITECTURES.map((a) => {
      const c = f.cells.find((x) => x.architecture === a && x.weighting === w);
      return c ? `${num(c.mean, 1)} [${num(c.ci95[0], 1)}, ${num(c.ci95[1], 1)}] (${num(c.relativeCost, 2)}×)` : '—';
    });
    lines.push(`| ${w} | ${row.join(' | ')} |`);
  }
  return lines.join('\n');
}
