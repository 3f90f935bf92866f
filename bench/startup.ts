// Start-up as a user feels it, each beside a bare `node -e ''` started in the same run: the
// `graft` command (the bundled dist/cli.mjs, as installed) listing a store, and a training
// worker thread (dist/train-worker.mjs) loaded and ready to take a run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { median } from './stats.ts';

const CLI = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
const TRAIN_WORKER = new URL('../dist/train-worker.mjs', import.meta.url);

export interface ProcessStartup {
  /** `node -e ''`: the floor every Node process pays. */
  nodeMs: number;
  /** `graft list` on the bench store, process start to exit. */
  listMs: number;
  listTargetMs: number;
  /** new Worker(train-worker) to its 'ready' message. */
  workerReadyMs: number;
  workerTargetMs: number;
}

function timeProcess(args: string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return performance.now() - start;
}

function workerReady(): Promise<number> {
  const start = performance.now();
  const worker = new Worker(TRAIN_WORKER);
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: { type: string }) => {
      if (message.type !== 'ready') return;
      const ms = performance.now() - start;
      void worker.terminate().then(() => resolve(ms));
    });
  });
}

/** Medians over `repeats`, after one start not counted (a cold disk cache is not start-up). */
export async function processStartup(dbPath: string, repeats: number): Promise<ProcessStartup> {
  const node: number[] = [];
  const list: number[] = [];
  const ready: number[] = [];
  for (let i = -1; i < repeats; i += 1) {
    const n = timeProcess(['-e', '']);
    const l = timeProcess([CLI, 'list', '--db', dbPath]);
    const w = await workerReady();
    if (i < 0) continue;
    node.push(n);
    list.push(l);
    ready.push(w);
  }
  return { nodeMs: median(node), listMs: median(list), listTargetMs: 300, workerReadyMs: median(ready), workerTargetMs: 300 };
}
