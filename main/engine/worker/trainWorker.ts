// The training worker: one run at a time. Selects the backend, trains through its kind's trainer, and
// posts everything as FromWorker messages. After a run that ended cleanly and left no tensor or
// variable behind it says it is reusable, and the scheduler may send it the next run: starting a
// thread costs more than a small run does (tsx, TypeScript, TensorFlow.js and its wasm load).
import { availableParallelism, cpus, platform } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { tf } from './tf.mjs';
import { selectBackend } from './backends/select.ts';
import type { RunHooks } from './run/lifecycle.ts';
import { trainerFor } from './trainers.ts';
import type { FromWorker, ToWorker } from './messages.ts';
import { reuseVerdict, type EngineFootprint } from './reuse.ts';
import { classifyRunError } from './failure.ts';

const PROGRESS_INTERVAL_MS = 250;

const port = parentPort;
if (!port) throw new Error('trainWorker must run in a worker thread');
const post = (message: FromWorker): void => port.postMessage(message);
/** The run in progress's cancel switch: a fresh one per run. */
let abort = new AbortController();

function engineFootprint(): EngineFootprint {
  return { tensors: tf.memory().numTensors, variables: Object.keys(tf.engine().registeredVariables).length };
}

/** Bytes of the wasm backend's heap (0 on other backends). */
function wasmHeapBytes(): number {
  const backend = tf.backend() as { wasm?: { HEAPU8?: Uint8Array } };
  return backend.wasm?.HEAPU8?.buffer.byteLength ?? 0;
}

/** Runs this thread has started, this one included. */
let runsInThread = 0;

async function run(start: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  abort = new AbortController();
  runsInThread++;
  try {
    if (runsInThread > 1) post({ type: 'log', line: `training in a reused worker thread (run ${runsInThread} in this thread)` });
    const backend = await selectBackend(start.backend ?? undefined);
    const before = engineFootprint();
    post({
      type: 'started',
      environment: {
        backend: backend.name,
        backendReason: backend.reason,
        versions: backend.versions,
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: availableParallelism(),
        gpu: null,
        platform: `${platform()} ${process.arch}`,
      },
    });
    let lastProgress = 0;
    const hooks: RunHooks = {
      onEpoch: (report) => post({ type: 'epoch', report }),
      onProgress: (fraction, etaSeconds) => {
        const now = Date.now();
        if (now - lastProgress < PROGRESS_INTERVAL_MS && fraction < 1) return;
        lastProgress = now;
        post({ type: 'progress', fraction, etaSeconds });
      },
      onLog: (line) => post({ type: 'log', line }),
      onDataNotes: (notes) => post({ type: 'data-notes', notes }),
      onCheckpoint: (path, info) => post({ type: 'artifact', path, info }),
    };
    // The job arrives as stored JSON: its config's `kind` picks the trainer (trainers.ts).
    const outcome = await trainerFor(start.job.config).train(start.job, hooks, abort.signal, start.resume ?? undefined);
    const verdict = reuseVerdict(before, engineFootprint(), wasmHeapBytes());
    if (!verdict.reusable) post({ type: 'log', line: `this worker thread will not take another run: ${verdict.reason}` });
    post({ type: 'finished', status: outcome.status, epochsDone: outcome.epochsDone, reusable: verdict.reusable });
  } catch (err) {
    post({ type: 'failed', failure: classifyRunError(err) });
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') abort.abort();
  else void run(message);
});
// Loaded (TensorFlow.js included) and listening: what the start-up bench times.
post({ type: 'ready' });
