// A run store seeded through the repository, the way the engine fills it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../db/open.ts';
import type { RunStore } from '../../db/store.ts';

export function tempDir(prefix = 'graft-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface Seeded {
  dbPath: string;
  transferId: number;
  multitaskId: number;
  runIds: number[];
}

/** Two experiments: a transfer one with completed, failed and queued runs, and a multitask one. */
export function seedStore(dbPath: string = join(tempDir(), 'graft.db')): Seeded {
  const store: RunStore = openStore(dbPath);
  try {
    const transfer = store.createExperiment({
      name: 'Fashion 0-4 → 5-9 at 50 labels/class',
      kind: 'transfer',
      specVersion: 1,
      spec: { note: 'seeded by tests' },
      runs: [
        { arm: 'scratch', seed: 1, budget: '50/class', config: { lr: 0.001 }, epochsPlanned: 3 },
        { arm: 'fine-tune', seed: 1, budget: '50/class', config: { lr: 0.0001 }, epochsPlanned: 3 },
        { arm: 'fine-tune', seed: 2, budget: '50/class', config: { lr: 0.0001 }, epochsPlanned: 3 },
      ],
    });
    const [scratch, fineTune, queued] = transfer.runIds as [number, number, number];
    for (const runId of [scratch, fineTune]) {
      store.markRunning(runId, { pid: process.pid, environment: { backend: 'wasm' } });
      store.appendPoints(
        runId,
        [0, 1, 2].map((epoch) => ({ task: 'target', split: 'val', metric: 'accuracy', epoch, step: (epoch + 1) * 10, time: epoch + 1, value: 0.5 + epoch * 0.1 + (runId === fineTune ? 0.05 : 0) })),
      );
      store.setEpochsDone(runId, 3);
    }
    store.setRunStatus(scratch, 'completed', { error: null });
    store.setRunStatus(fineTune, 'failed', { error: 'diverged at epoch 2, step 25' });
    const multitask = store.createExperiment({
      name: 'Penguins: species + sex + mass',
      kind: 'multitask',
      specVersion: 1,
      spec: {},
      runs: [{ arm: 'hard-sharing+equal', seed: 1, budget: 'all', config: {}, epochsPlanned: 5 }],
    });
    return { dbPath, transferId: transfer.experimentId, multitaskId: multitask.experimentId, runIds: [scratch, fineTune, queued, ...multitask.runIds] };
  } finally {
    store.close();
  }
}
