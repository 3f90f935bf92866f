// Benchmark 5: how the scheduler uses the cores — runs per minute of one small experiment
// (scratch MLPs on the shipped digits set) trained through the real Scheduler and worker threads,
// with 1, 2, … workers. Each pass uses a fresh store so every run starts queued.
import { join } from 'node:path';
import { expandRuns } from '../contract/spec.ts';
import { openStore } from '../db/open.ts';
import { Scheduler } from '../main/engine/scheduler.ts';
import { parsedSpec } from '../tests/support/seedCompare.ts';
import { benchDir } from './tempDir.ts';

export interface ConcurrencyPass {
  workers: number;
  runs: number;
  seconds: number;
  runsPerMinute: number;
  failed: number;
}

function plans(runs: number, epochs: number) {
  const spec = parsedSpec({
    version: 1,
    kind: 'transfer',
    name: 'Benchmark: concurrency',
    target: { builtin: 'digits' },
    model: { type: 'mlp', hidden: [64] },
    arms: [{ strategy: 'scratch' }],
    seeds: Array.from({ length: runs }, (_, i) => i + 1),
    budgets: ['all'],
    training: { epochs, batchSize: 32 },
  });
  return { spec, plans: expandRuns(spec) };
}

async function pass(workers: number, runs: number, epochs: number, backend: string | null): Promise<ConcurrencyPass> {
  const dir = benchDir(`concurrency-${workers}`);
  const store = openStore(join(dir, 'graft.db'));
  try {
    const { spec, plans: list } = plans(runs, epochs);
    store.createExperiment({ name: spec.name, kind: spec.kind, specVersion: 1, spec, runs: list });
    const scheduler = new Scheduler({ store, publish: () => {}, artifactsDir: join(dir, 'artifacts'), concurrency: workers, backend });
    const start = performance.now();
    scheduler.wake();
    await scheduler.idle();
    const seconds = (performance.now() - start) / 1000;
    const failed = store.listRuns({ status: ['failed'] }).length;
    return { workers, runs, seconds, runsPerMinute: (runs / seconds) * 60, failed };
  } finally {
    store.close();
  }
}

export async function concurrencyFigure(workerCounts: number[], runs: number, epochs: number, backend: string | null): Promise<ConcurrencyPass[]> {
  const out: ConcurrencyPass[] = [];
  // At least one run per worker, so every worker count keeps all its workers busy.
  for (const workers of workerCounts) out.push(await pass(workers, Math.max(runs, workers), epochs, backend));
  return out;
}
