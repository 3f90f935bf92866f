// --backend: asking for a backend that did not load is an error that says why, before
// anything is stored.
import { detectBackendsOffThread } from '../engine/worker/backends/probeOffThread.ts';
import { UsageError } from './command.ts';

export async function checkBackend(requested: string | undefined): Promise<string | null> {
  if (requested === undefined) return null;
  // Probed in a worker thread: the process that runs the scheduler must not load TensorFlow.js.
  const backends = await detectBackendsOffThread();
  const found = backends.find((b) => b.name === requested);
  if (!found) throw new UsageError(`--backend must be one of ${backends.map((b) => b.name).join(', ')}; got "${requested}"`);
  if (!found.available) throw new UsageError(`--backend ${requested} is not usable: ${found.reason}`);
  return requested;
}
