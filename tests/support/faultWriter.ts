// A training process for the fault-injection suite, stripped to what a crash can damage: it
// opens (and, from an old file, migrates) the store, claims its run, and per epoch writes a
// checkpoint folder the engine's way (written beside, swapped in by two renames) and then the
// epoch's points, epochs done and checkpoint artifact in one transaction — the same order and
// the same store calls as the scheduler's writer. Killed with SIGKILL at a random moment by
// the suite. Usage: faultWriter.ts <db> <runId> <checkpointDir>
// It prints "opened", then "committed N" after each epoch's transaction.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openStore } from '../../db/open.ts';
import { freshFolder, stateJson, STATE_FILE, swapIn } from '../../main/engine/worker/run/checkpointFolder.ts';

const [file, runIdText, checkpointDir] = process.argv.slice(2) as [string, string, string];
const runId = Number(runIdText);
const store = openStore(file);
if (!store.claimRun(runId, process.pid)) throw new Error(`run ${runId} was not queued`);
process.stdout.write('opened\n');

/** The value of a metric at an epoch: any deterministic function will do. */
export const valueAt = (epoch: number, split: string): number => Math.sin(epoch + (split === 'val' ? 0.5 : 0));

for (let epoch = 1; ; epoch++) {
  // Stand-in for an epoch's training, so kills land in all phases.
  const until = Date.now() + 3;
  while (Date.now() < until);
  const fresh = await freshFolder(checkpointDir);
  await mkdir(fresh, { recursive: true });
  await writeFile(join(fresh, 'weights.bin'), Buffer.alloc(4096, epoch % 256));
  await writeFile(join(fresh, STATE_FILE), stateJson({ format: 'fault-writer', epoch, bestValLoss: Number.POSITIVE_INFINITY }));
  await swapIn(fresh, checkpointDir);
  store.withTransaction(() => {
    store.appendPoints(
      runId,
      ['train', 'val'].map((split) => ({ task: 'target', split, metric: 'loss', epoch, step: epoch, time: epoch / 100, value: valueAt(epoch, split) })),
    );
    store.setEpochsDone(runId, epoch);
    store.addArtifact(runId, { kind: 'checkpoint', path: checkpointDir, size: 4096, sha256: '0'.repeat(64), epoch });
  });
  process.stdout.write(`committed ${epoch}\n`);
}
