// `npm run bench`: every figure of issue 7, each against its reference in the same run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { selectBackend } from '../main/engine/worker/backends/select.ts';
import { ensureRendererBuilt } from '../main/transports/http/rendererBuild.ts';
import { compareRenderFigure, startupFigure } from './browser.ts';
import { compareFigure } from './compare.ts';
import { concurrencyFigure } from './concurrency.ts';
import { gemmFigures } from './gemm.ts';
import { profileStep } from './kernelProfile.ts';
import { loggingFigure } from './logging.ts';
import { describeMachine } from './machine.ts';
import { methodsFigure, methodSetsFrom } from './methods.ts';
import { processStartup } from './startup.ts';
import { parseArgs, sizesFor, type BenchOptions } from './options.ts';
import { formatReport } from './report.ts';
import type { BenchResults } from './results.ts';
import { seedBenchStore, type SeededStore } from './seedStore.ts';
import { benchDir, removeBenchDirs } from './tempDir.ts';
import { backendThreads, trainFigure, TRAIN_CASES, type TrainCase } from './training.ts';

export async function runBench(o: BenchOptions, log: (line: string) => void): Promise<BenchResults> {
  const sizes = sizesFor(o);
  const repeats = o.tiny ? 1 : o.quick ? 2 : 3;
  // The backend Graft would train on here; GRAFT_BACKEND forces one, as `--backend` does for runs.
  const backend = await selectBackend(process.env.GRAFT_BACKEND || undefined);
  const results: BenchResults = {
    machine: describeMachine(backend, backendThreads(backend)),
    mode: o.tiny ? 'tiny' : o.quick ? 'quick' : 'full',
    startedAt: new Date().toISOString(),
  };
  const trainCases: TrainCase[] = ['train', 'mlp', 'features'];
  try {
    for (const which of trainCases) {
      if (!o.only.has(which)) continue;
      log(`training: ${which}…`);
      const { graft: _graft, ...figure } = await trainFigure(which, backend, sizes);
      results[which] = figure;
    }
    if (o.only.has('profile')) {
      log('per-kernel profile…');
      results.profile = {
        cnn: profileStep(TRAIN_CASES.train.model, sizes.profileSteps),
        mlp: profileStep(TRAIN_CASES.mlp.model, sizes.profileSteps * 5),
        gemm: gemmFigures(results.machine.threads, sizes.profileSteps, !o.tiny),
      };
    }
    if (o.only.has('logging')) {
      log('logging…');
      // The share of an epoch is taken against the reference CNN's epoch when it ran.
      const epochSeconds = results.train ? (sizes.trainSteps * 64) / results.train.graftSamplesPerSec : null;
      results.logging = loggingFigure(sizes.loggingPoints, epochSeconds);
    }
    let seeded: SeededStore | null = null;
    const store = (): SeededStore => (seeded ??= seedBenchStore(benchDir('store'), sizes.compareRuns, sizes.comparePoints));
    if (o.only.has('compare')) {
      log(`compare: seeding ${sizes.compareRuns} runs × ${sizes.comparePoints} points…`);
      results.compare = await compareFigure(store(), sizes.comparePoints, repeats);
    }
    if (o.only.has('browser') || o.only.has('startup')) {
      // `graft serve` builds the UI when its sources changed; that is a one-off, not start-up.
      await ensureRendererBuilt(log);
    }
    if (o.only.has('browser')) {
      log('compare view in Chromium…');
      const render = await compareRenderFigure(store(), repeats);
      results.compare = { ...(results.compare ?? (await compareFigure(store(), sizes.comparePoints, repeats))), render };
    }
    if (o.only.has('startup')) {
      log('start-up…');
      results.startup = { ...(await startupFigure(store(), repeats, !o.tiny)), processes: await processStartup(store().dbPath, Math.max(repeats, 3)) };
    }
    if (o.only.has('concurrency')) {
      log('concurrency…');
      // Full size adds compute-bound CNN runs; quick and tiny keep to the small ones. Small runs
      // are many, so that starting the workers does not dominate.
      const small = { workload: 'small' as const, epochs: o.tiny ? 1 : 3, runs: sizes.concurrencyRuns };
      const workloads = o.tiny || o.quick ? [small] : [small, { workload: 'cnn' as const, epochs: 2, runs: 4 }];
      results.concurrency = await concurrencyFigure(workloads, sizes.workers, process.env.GRAFT_BACKEND || null);
    }
    if (o.only.has('methods')) {
      // Penguins by default: MultiFashion's CNN runs (375 of them) take hours on a 2-core CPU.
      const methodSizes = { seeds: sizes.methodSeeds, epochs: sizes.methodEpochs, workers: 1 };
      results.methods = [];
      for (const set of methodSetsFrom(process.env.GRAFT_BENCH_METHOD_SETS)) {
        results.methods.push(await methodsFigure(set, methodSizes, process.env.GRAFT_BACKEND || null, log));
      }
    }
  } finally {
    removeBenchDirs();
  }
  return results;
}

export async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const started = performance.now();
  const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const results = await runBench(options, (line) => process.stderr.write(`[${elapsed()}] ${line}\n`));
  process.stdout.write(`${formatReport(results)}\n`);
  if (options.json) {
    const file = resolve(options.json);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`figures written to ${file}\n`);
  }
  return 0;
}
