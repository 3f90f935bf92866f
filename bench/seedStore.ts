// A run store the size issue 7 asks about: one experiment of 100 completed runs (4 arms × 25
// seeds), each with a 10,000-step validation-loss series and per-epoch accuracies, written through
// the run store as training would write it.
import { join } from 'node:path';
import { expandRuns } from '../contract/spec.ts';
import { openStore } from '../db/open.ts';
import type { MetricPoint } from '../db/series.ts';
import { complete, parsedSpec } from '../tests/support/seedCompare.ts';

export interface SeededStore {
  dbPath: string;
  experimentId: number;
  runIds: number[];
}

const ARMS = ['scratch', 'feature-extraction', 'fine-tune', 'lp-ft'] as const;
const EPOCHS = 10;

function specFor(runs: number): unknown {
  const seeds = Math.max(1, Math.ceil(runs / ARMS.length));
  return {
    version: 1,
    kind: 'transfer',
    name: `Benchmark: ${runs} runs`,
    target: { builtin: 'fashion-mnist', classes: [5, 6, 7, 8, 9] },
    // A model on disk as the source: no pretraining runs join the 100.
    source: { modelPath: '/models/bench/model.json' },
    model: { type: 'cnn', filters: [32, 64], dense: [128] },
    arms: ARMS.map((strategy) => ({ strategy })),
    seeds: Array.from({ length: seeds }, (_, i) => i + 1),
    budgets: ['50/class'],
    training: { epochs: EPOCHS, batchSize: 64 },
  };
}

function runPoints(seed: number, arm: number, steps: number): MetricPoint[] {
  const points: MetricPoint[] = [];
  const perEpoch = Math.max(1, Math.floor(steps / EPOCHS));
  for (let step = 0; step < steps; step++) {
    const epoch = Math.floor(step / perEpoch);
    // A falling loss with noise and the odd spike: what min/max downsampling must keep.
    const spike = (step * 7919 + seed * 104729) % 997 === 0 ? 1.5 : 0;
    const value = 2 * Math.exp(-step / (steps / 4)) + 0.2 + 0.05 * Math.sin(step * 0.37 + seed + arm) + spike;
    points.push({ task: 'target', split: 'val', metric: 'loss', epoch, step, time: step * 0.05, value });
  }
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const acc = 0.5 + 0.04 * epoch + 0.01 * arm + 0.003 * Math.sin(seed * 3 + epoch);
    const at = { epoch, step: (epoch + 1) * perEpoch - 1, time: (epoch + 1) * perEpoch * 0.05 };
    points.push({ task: 'target', split: 'val', metric: 'accuracy', ...at, value: acc }, { task: 'target', split: 'test', metric: 'accuracy', ...at, value: acc - 0.01 });
  }
  return points;
}

export function seedBenchStore(dir: string, runs: number, steps: number): SeededStore {
  const dbPath = join(dir, 'graft.db');
  const spec = parsedSpec(specFor(runs));
  const plans = expandRuns(spec).slice(0, runs);
  const store = openStore(dbPath);
  try {
    const { experimentId, runIds } = store.createExperiment({ name: spec.name, kind: spec.kind, specVersion: 1, spec, runs: plans });
    plans.forEach((plan, i) => {
      complete(store, runIds[i] as number, runPoints(plan.seed, ARMS.indexOf(plan.arm as (typeof ARMS)[number]), steps), EPOCHS);
    });
    return { dbPath, experimentId, runIds };
  } finally {
    store.close();
  }
}
