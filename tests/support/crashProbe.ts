// Run as its own process (node --import tsx): loads tfjs' wasm backend, as a training process
// does, installs Graft's crash handler, then throws an error nobody catches.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installCrashHandler, wantsStack } from '../../main/crash.ts';

if (process.argv.includes('--handler')) installCrashHandler((text) => process.stderr.write(`${text}\n`), wantsStack(process.argv));
await tf.setBackend('wasm');
await tf.ready();
function failDeepInside(): never {
  throw new TypeError('the model has no layer named "head"');
}
if (process.argv.includes('--reject')) void Promise.reject(new Error('a promise nobody awaited failed'));
else setTimeout(failDeepInside, 0);
