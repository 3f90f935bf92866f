// Benchmark 5: how the scheduler uses the cores — runs per minute of one experiment trained
// through the real Scheduler and worker threads, with 1, 2, … workers. Each pass uses a fresh
// store so every run starts queued. Two workloads: small runs (an MLP on the shipped digits,
// well under a second each: worker start-up and per-run bookkeeping dominate) and compute-bound
// runs (the reference CNN on 100 Fashion-MNIST images per class), which show whether the
// scheduler turns cores into runs.
import { join } from 'node:path';
import { expandRuns } from '../contract/spec.ts';
import { openStore } from '../db/open.ts';
import { Scheduler } from '../main/engine/mainThread/scheduler.ts';
import { parsedSpec } from '../tests/support/seedCompare.ts';
import { benchDir } from './tempDir.ts';

export type Workload = 'small' | 'cnn';

export interface ConcurrencyPass {
  workload: Workload;
  workers: number;
  runs: number;
  seconds: number;
  runsPerMinute: number;
  failed: number;
}

function plans(workload: Workload, runs: number, epochs: number) {
  const seeds = Array.from({ length: runs }, (_, i) => i + 1);
  const spec = parsedSpec(
    workload === 'small'
      ? {
          version: 1,
          kind: 'transfer',
          name: 'Benchmark: concurrency, small runs',
          target: { builtin: 'digits' },
          model: { type: 'mlp', hidden: [64] },
          arms: [{ strategy: 'scratch' }],
          seeds,
          budgets: ['all'],
          training: { epochs, batchSize: 32 },
        }
      : {
          version: 1,
          kind: 'transfer',
          name: 'Benchmark: concurrency, CNN runs',
          target: { builtin: 'fashion-mnist' },
          model: { type: 'cnn', filters: [32, 64], dense: [128], kernelSize: 3 },
          arms: [{ strategy: 'scratch' }],
          seeds,
          budgets: ['100/class'],
          training: { epochs, batchSize: 64 },
        },
  );
  return { spec, plans: expandRuns(spec) };
}

async function pass(workload: Workload, workers: number, runs: number, epochs: number, backend: string | null): Promise<ConcurrencyPass> {
  const dir = benchDir(`concurrency-${workload}-${workers}`);
  const store = openStore(join(dir, 'graft.db'));
  try {
    const { spec, plans: list } = plans(workload, runs, epochs);
    store.createExperiment({ name: spec.name, kind: spec.kind, specVersion: 1, spec, runs: list });
    const scheduler = new Scheduler({ store, publish: () => {}, artifactsDir: join(dir, 'artifacts'), concurrency: workers, backend });
    const start = performance.now();
    scheduler.wake();
    await scheduler.idle();
    const seconds = (performance.now() - start) / 1000;
    const failed = store.listRuns({ status: ['failed'] }).length;
    return { workload, workers, runs, seconds, runsPerMinute: (runs / seconds) * 60, failed };
  } finally {
    store.close();
  }
}

export async function concurrencyFigure(
  workloads: readonly { workload: Workload; epochs: number; runs: number }[],
  workerCounts: number[],
  backend: string | null,
): Promise<ConcurrencyPass[]> {
  const out: ConcurrencyPass[] = [];
  for (const { workload, epochs, runs } of workloads) {
    // At least one run per worker, so every worker count keeps all its workers busy.
    for (const workers of workerCounts) out.push(await pass(workload, workers, Math.max(runs, workers), epochs, backend));
  }
  return out;
}
