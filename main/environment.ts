// What this machine offers Graft, in words a user understands: which training backends
// loaded (and why the others did not), whether Electron is there, where data lives.
import type { EnvironmentInfo } from '../contract/api.ts';
import { detectBackendsOffThread } from './engine/worker/backends/probeOffThread.ts';
import { detectElectron } from './electronPresence.ts';
import { GRAFT_VERSION } from './version.ts';

export async function describeEnvironment(where: { dbPath: string; artifactsDir: string }): Promise<EnvironmentInfo> {
  // Loaded on demand: the scheduler's imports take a moment, and `graft list` never needs them.
  const { defaultConcurrency } = await import('./engine/mainThread/scheduler.ts');
  // The probe loads TensorFlow.js, which must stay out of this (main) process: see probeOffThread.
  const backends = await detectBackendsOffThread();
  const electron = detectElectron();
  const chosenBackend = backends.find((b) => b.available)?.name ?? null;
  return {
    graftVersion: GRAFT_VERSION,
    dbPath: where.dbPath,
    dataDir: where.artifactsDir,
    electron: { available: electron.available, reason: electron.reason },
    backends,
    chosenBackend,
    concurrency: defaultConcurrency(chosenBackend),
  };
}
