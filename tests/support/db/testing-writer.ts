// A second Graft process for concurrency.spec.ts: appends batches of points to one run
// while the spec reads from its own process. Usage: testing-writer.ts <db> <runId> <batches> <steps per batch>
// Each batch writes the same steps to two series in one call, so a reader that ever sees the
// two series at different lengths has seen half a transaction.
import { openStore } from '../../../db/open.ts';
import type { MetricPoint } from '../../../db/series.ts';

const [file, runIdText, batchesText, stepsText] = process.argv.slice(2);
const runId = Number(runIdText);
const batches = Number(batchesText);
const steps = Number(stepsText);
const store = openStore(file as string);
store.markRunning(runId, { pid: process.pid, environment: { backend: 'test-writer' } });
process.stdout.write('started\n');
for (let b = 0; b < batches; b++) {
  const points: MetricPoint[] = [];
  for (let step = b * steps; step < (b + 1) * steps; step++) {
    for (const split of ['train', 'val']) {
      points.push({ task: 'target', split, metric: 'loss', epoch: b, step, time: step / 1000, value: Math.sin(step) });
    }
  }
  store.withTransaction(() => {
    store.appendPoints(runId, points);
    store.setEpochsDone(runId, b + 1);
  });
}
store.setRunStatus(runId, 'completed');
store.close();
process.stdout.write('done\n');
