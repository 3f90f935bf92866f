// Richer seeding for the compare view: real specs expanded into runs with resolved configs,
// several arms × 3 seeds × label budgets, and per-epoch series shaped like real training
// (train loss falling, val/test accuracy rising to an arm's plateau), so transfer gains —
// and one negative transfer — show up in the numbers and the curves.
import { expandRuns, parseSpec, type ExperimentSpec } from '../../contract/spec.ts';
import { openStore } from '../../db/open.ts';
import type { RunStore } from '../../db/store.ts';
import type { MetricPoint } from '../../db/series.ts';

export const COMPARE_EPOCHS = 8;
const STEPS_PER_EPOCH = 20;

/** Plateau of test accuracy per arm and budget; feature-extraction at 50/class transfers negatively. */
export const PLATEAU: Record<string, Record<string, number>> = {
  scratch: { '10/class': 0.46, '50/class': 0.64 },
  'feature-extraction': { '10/class': 0.68, '50/class': 0.55 },
  'fine-tune': { '10/class': 0.63, '50/class': 0.76 },
  source: { all: 0.85 },
};

export const compareSpec = {
  version: 1,
  name: 'Fashion 0-4 → 5-9: strategies × budgets',
  kind: 'transfer',
  question: 'Which strategy transfers best from 10 and 50 labels per class?',
  target: { builtin: 'fashion-mnist', classes: [5, 6, 7, 8, 9] },
  source: { pretrain: { data: { builtin: 'fashion-mnist', classes: [0, 1, 2, 3, 4] }, epochs: COMPARE_EPOCHS } },
  model: { type: 'cnn', filters: [16, 32], dense: [64] },
  arms: [{ strategy: 'scratch' }, { strategy: 'feature-extraction' }, { strategy: 'fine-tune', lrFactor: 0.1 }],
  seeds: [1, 2, 3],
  budgets: ['10/class', '50/class'],
  training: { epochs: COMPARE_EPOCHS, batchSize: 32 },
};

/** A spec written in a fixture, parsed; it is a bug in the fixture when it does not parse. */
export function parsedSpec(spec: unknown): ExperimentSpec {
  const result = parseSpec(spec);
  if (!result.ok) throw new Error(`seed spec is invalid: ${JSON.stringify(result.errors)}`);
  return result.spec;
}

/** A small deterministic wobble per (seed, epoch), so seeds differ and bands have width. */
export function noise(seed: number, epoch: number): number {
  return Math.sin(seed * 12.9898 + epoch * 78.233) * 0.012;
}

export function curvePoints(task: string, plateau: number, seed: number, epochs: number, upTo = epochs): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (let epoch = 0; epoch < upTo; epoch++) {
    const rise = 1 - Math.exp(-(epoch + 1) / 2.2);
    const acc = 0.2 + (plateau - 0.2) * rise;
    const step = (epoch + 1) * STEPS_PER_EPOCH;
    const time = (epoch + 1) * 3.5 + seed * 0.1;
    const at = (split: string, metric: string, value: number): MetricPoint => ({ task, split, metric, epoch, step, time, value });
    points.push(
      at('train', 'loss', 1.6 * Math.exp(-epoch / 3) + 0.25 - plateau * 0.2 + noise(seed, epoch + 50)),
      at('train', 'accuracy', Math.min(0.99, acc + 0.06 + noise(seed, epoch + 7))),
      at('val', 'accuracy', acc + noise(seed, epoch)),
      at('val', 'loss', 1.4 * Math.exp(-epoch / 3) + 0.35 - plateau * 0.2 + noise(seed, epoch + 90)),
      // The test wobble depends on the arm (through its plateau) too: with the same wobble for
      // every arm, paired differences would be identical across seeds and carry no interval.
      at('test', 'accuracy', acc - 0.005 + noise(seed + 1 + plateau * 7, epoch)),
    );
  }
  return points;
}

/** Marks a run as having trained: its points stored, its epochs done, completed. */
export function complete(store: RunStore, runId: number, points: MetricPoint[], epochs: number): void {
  store.markRunning(runId, { pid: process.pid, environment: { backend: 'wasm', backendReason: 'seeded by tests' } });
  store.appendPoints(runId, points);
  store.setEpochsDone(runId, epochs);
  store.setRunStatus(runId, 'completed', { error: null });
}

export interface SeededComparison {
  experimentId: number;
  runIds: number[];
  /** Target runs (no source runs), in creation order. */
  targetRunIds: number[];
}

/** The transfer experiment above, every run completed. */
export function seedComparison(store: RunStore, spec: unknown = compareSpec): SeededComparison {
  const valid = parsedSpec(spec);
  const plans = expandRuns(valid);
  const { experimentId, runIds } = store.createExperiment({ name: valid.name, kind: valid.kind, specVersion: 1, spec: valid, runs: plans });
  const targetRunIds: number[] = [];
  plans.forEach((plan, i) => {
    const runId = runIds[i] as number;
    const plateau = PLATEAU[plan.arm]?.[plan.budget] ?? 0.5;
    const task = 'task' in plan.config ? plan.config.task : 'target';
    complete(store, runId, curvePoints(task, plateau, plan.seed, plan.epochsPlanned), plan.epochsPlanned);
    if (plan.arm !== 'source') targetRunIds.push(runId);
  });
  return { experimentId, runIds, targetRunIds };
}

/** An experiment in flight: one run halfway, the others queued. */
export function seedRunning(store: RunStore): { experimentId: number; runningId: number; runIds: number[] } {
  const valid = parsedSpec({
    version: 1,
    name: 'Digits 0-4 → 5-9 (in progress)',
    kind: 'transfer',
    target: { builtin: 'digits', classes: [5, 6, 7, 8, 9] },
    source: { modelPath: '/models/digits-0-4/model.json' },
    model: { type: 'mlp', hidden: [64] },
    arms: [{ strategy: 'scratch' }, { strategy: 'fine-tune' }],
    seeds: [1],
    budgets: ['20/class'],
    training: { epochs: 10 },
  });
  const plans = expandRuns(valid);
  const { experimentId, runIds } = store.createExperiment({ name: valid.name, kind: valid.kind, specVersion: 1, spec: valid, runs: plans });
  const runningId = runIds[0] as number;
  store.markRunning(runningId, { pid: process.pid, environment: { backend: 'wasm' } });
  store.appendPoints(runningId, curvePoints('target', 0.7, 1, 10, 4));
  store.setEpochsDone(runningId, 4);
  return { experimentId, runningId, runIds };
}

/** Opens the file, seeds, closes: for tests that hand the file to `graft serve`. */
export function seedComparisonFile(dbPath: string): SeededComparison & { running: ReturnType<typeof seedRunning> } {
  const store = openStore(dbPath);
  try {
    const comparison = seedComparison(store);
    const running = seedRunning(store);
    return { ...comparison, running };
  } finally {
    store.close();
  }
}
