// Shared by `graft run` and `graft demo`: train the given experiments' runs in this process
// with progress bars, then print each comparison. Ctrl-C stops training; the runs in
// flight become `interrupted` and resume from their last checkpoint later.
import type { GraftApp } from '../app.ts';
import { compareExperiment } from '../services/compare.ts';
import { startTraining } from '../training.ts';
import type { CliIO } from './command.ts';
import { printComparison } from './comparisonTable.ts';
import { ProgressBoard } from './progress.ts';
import { untilSettled } from './untilSettled.ts';

export interface TrainOutcome {
  /** True when every run of the experiments completed. */
  allCompleted: boolean;
  interrupted: boolean;
}

export async function trainAndWait(
  app: GraftApp,
  experimentIds: number[],
  io: CliIO,
  options: { backend?: string | null; concurrency?: number },
): Promise<TrainOutcome> {
  const runs = experimentIds.flatMap((id) => app.store.listRuns({ experimentId: id }));
  const board = new ProgressBoard(io.out, io.isTTY, runs);
  const unsubscribe = app.events.subscribe((event) => board.handle(event));
  const training = await startTraining(app, (line) => io.err(line), { ...options, experimentIds });
  let interrupted = false;
  let endWait = (): void => {};
  const onSignal = () => {
    interrupted = true;
    io.err('\nStopping: runs in flight become "interrupted"; resume them with graft resume (or from the app).');
    void training.stop();
    // Ctrl-C also ends the wait at once, without waiting for the runs to wind down.
    endWait();
  };
  process.once('SIGINT', onSignal);
  try {
    if (io.isTTY) board.draw(true);
    await Promise.race([untilSettled(app.store, training.scheduler, experimentIds, () => interrupted), new Promise<void>((resolve) => (endWait = resolve))]);
    if (io.isTTY) board.draw(true);
  } finally {
    // Whether or not Ctrl-C came: the process (a test, the demo after a run) lives on.
    process.off('SIGINT', onSignal);
    unsubscribe();
    await training.stop();
  }
  io.out('');
  for (const id of experimentIds) {
    printComparison(io, compareExperiment(app.store, id));
    io.out('');
  }
  const final = experimentIds.flatMap((id) => app.store.listRuns({ experimentId: id }));
  const failed = final.filter((r) => r.status !== 'completed');
  for (const run of failed) io.err(`run #${run.id} (${run.arm}, seed ${run.seed}, ${run.budget}) ${run.status}${run.error ? `: ${run.error}` : ''}`);
  return { allCompleted: failed.length === 0, interrupted };
}
