// tfjs-backend-wasm, required (not imported) for the reason tf.mjs gives; loading it registers
// the 'wasm' backend, so only the modules that start that backend import this one.
import { createRequire } from 'node:module';
import './tf.mjs';

const loadCommonJs = createRequire(import.meta.url);

export const tfWasm = loadCommonJs('@tensorflow/tfjs-backend-wasm');
