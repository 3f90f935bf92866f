// What this machine offers Graft, in words a user understands: which training backends
// loaded (and why the others did not), whether Electron is there, where data lives.
import type { EnvironmentInfo } from '../contract/api.ts';
import { detectElectron } from './electronPresence.ts';
import { GRAFT_VERSION } from './version.ts';

export async function describeEnvironment(where: { dbPath: string; artifactsDir: string }): Promise<EnvironmentInfo> {
  // Loaded on demand: TensorFlow.js takes a moment to import, and `graft list` never needs it.
  const { detectBackends } = await import('./engine/backends/select.ts');
  const { defaultConcurrency } = await import('./engine/scheduler.ts');
  const backends = await detectBackends();
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
