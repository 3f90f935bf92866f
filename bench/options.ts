// Command-line flags of `npm run bench`, and the sizes each pass uses.
export const BENCHMARKS = ['train', 'mlp', 'features', 'profile', 'logging', 'compare', 'browser', 'startup', 'concurrency', 'methods'] as const;
/** Run only when named: the method benchmark trains hundreds of runs. */
export const OPT_IN: readonly BenchmarkName[] = ['methods'];
export type BenchmarkName = (typeof BENCHMARKS)[number];

export interface BenchOptions {
  quick: boolean;
  /** Tiny sizes for the smoke test: checks the plumbing, measures nothing meaningful. */
  tiny: boolean;
  json: string | null;
  only: ReadonlySet<BenchmarkName>;
}

export interface Sizes {
  /** Training: optimizer steps per epoch, epochs (the first is warm-up and not counted). */
  trainSteps: number;
  trainEpochs: number;
  /** PyTorch reference: timed steps. */
  torchSteps: number;
  /**
   * Training comparisons are measured this many times, Graft then PyTorch each time; the figure
   * is the median round. One pair of measurements on a shared machine moves by ±10–20 %.
   */
  trainRounds: number;
  loggingPoints: number;
  compareRuns: number;
  comparePoints: number;
  /** Runs of the concurrency experiment, and the worker counts to try. */
  concurrencyRuns: number;
  workers: number[];
  /** Steps of the per-kernel profile. */
  profileSteps: number;
  /** The method benchmark: seeds and epochs per run. */
  methodSeeds: number;
  methodEpochs: number;
}

export function sizesFor(o: Pick<BenchOptions, 'quick' | 'tiny'>): Sizes {
  if (o.tiny) {
    return { trainSteps: 2, trainEpochs: 2, torchSteps: 2, trainRounds: 1, loggingPoints: 2_000, compareRuns: 4, comparePoints: 200, concurrencyRuns: 1, workers: [1], profileSteps: 1, methodSeeds: 2, methodEpochs: 1 };
  }
  if (o.quick) {
    return { trainSteps: 10, trainEpochs: 3, torchSteps: 20, trainRounds: 1, loggingPoints: 20_000, compareRuns: 100, comparePoints: 1_000, concurrencyRuns: 4, workers: [1, 2], profileSteps: 5, methodSeeds: 5, methodEpochs: 10 };
  }
  return { trainSteps: 30, trainEpochs: 4, torchSteps: 60, trainRounds: 3, loggingPoints: 100_000, compareRuns: 100, comparePoints: 10_000, concurrencyRuns: 16, workers: [1, 2], profileSteps: 10, methodSeeds: 5, methodEpochs: 30 };
}

export function parseArgs(argv: readonly string[]): BenchOptions {
  let quick = false;
  let tiny = false;
  let json: string | null = null;
  let only: Set<BenchmarkName> = new Set(BENCHMARKS.filter((b) => !OPT_IN.includes(b)));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') quick = true;
    else if (arg === '--tiny') tiny = true;
    else if (arg === '--json') {
      json = argv[++i] ?? null;
      if (!json) throw new Error('--json needs a file name');
    } else if (arg === '--only') {
      const names = (argv[++i] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = names.filter((n) => !(BENCHMARKS as readonly string[]).includes(n));
      if (names.length === 0 || unknown.length > 0) {
        throw new Error(`--only takes a comma-separated list of ${BENCHMARKS.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`);
      }
      only = new Set(names as BenchmarkName[]);
    } else throw new Error(`unknown flag '${arg}': use --quick, --json FILE, --only ${BENCHMARKS.join(',')}`);
  }
  return { quick, tiny, json, only };
}
