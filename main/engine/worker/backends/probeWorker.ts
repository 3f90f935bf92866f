// The backend probe's worker thread: loads TensorFlow.js (and tfjs-node where installed) here,
// never in the main process, and posts what each backend would do. The thread is then ended.
import { parentPort } from 'node:worker_threads';
import { detectBackends } from './select.ts';

if (!parentPort) throw new Error('probeWorker must run in a worker thread');
parentPort.postMessage(await detectBackends());
