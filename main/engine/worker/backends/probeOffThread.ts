// The backend probe, asked from the main process. Probing loads TensorFlow.js, and tfjs-node
// where it is installed: slow, hundreds of MB, and a native library that fails to load must not
// take the app down with it. The main process only needs the answer, so the probe runs in a
// short-lived worker thread and its answer is kept for the life of the process (what is
// installed does not change under a running app).
import { Worker } from 'node:worker_threads';
import type { BackendInfo } from './select.ts';

const PROBE_ENTRY = new URL('./probeWorker.mjs', import.meta.url);

let answer: Promise<BackendInfo[]> | undefined;

function probeInWorker(entry: URL): Promise<BackendInfo[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry);
    let settled = false;
    worker.once('message', (backends: BackendInfo[]) => {
      settled = true;
      resolve(backends);
      // tfjs' wasm backend may keep the thread alive; the answer is all that was wanted.
      void worker.terminate();
    });
    worker.once('error', (error: Error) => {
      settled = true;
      reject(new Error(`the backend probe failed: ${error.message}`));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the backend probe exited with code ${code} before answering`));
    });
  });
}

/** What each training backend would do on this machine, best first; probed once per process, off the main thread. */
export function detectBackendsOffThread(): Promise<BackendInfo[]> {
  // A failed probe is not kept: the next ask tries again rather than repeating a stale error.
  answer ??= probeInWorker(PROBE_ENTRY).catch((error: unknown) => {
    answer = undefined;
    throw error;
  });
  return answer;
}
