// TensorFlow.js for the engine, loaded once here, with require() rather than `import`.
// Why: Node imports a CommonJS package into an ES module by first scanning its source (and the
// source of every package it re-exports) for export names; for @tensorflow/tfjs that scan of
// ~7 MB cost about as much as compiling it, over a second of a training worker's start-up
// (BENCHMARKS.md, "Start-up"). require() skips the scan and gives the same module instance the
// native backends (tfjs-node, tfjs-node-gpu) register with, since they require it too.
// Why the whole @tensorflow/tfjs and not just tfjs-core + tfjs-layers + tfjs-backend-cpu: the
// gradients and chained ops ship, as CommonJS, only in its bundle; without them nothing trains.
// The types come from tf.d.mts, so `tf.Tensor` works as a type as with `import * as tf`.
import { createRequire } from 'node:module';

const loadCommonJs = createRequire(import.meta.url);

export const tf = loadCommonJs('@tensorflow/tfjs');

/**
 * tfjs-node or tfjs-node-gpu by name, required for the same reason (an `import` of either would
 * scan it and the @tensorflow/tfjs it re-exports); loading one registers its 'tensorflow' backend
 * with the `tf` above. Throws an error with code MODULE_NOT_FOUND where it is not installed.
 */
export function loadNativeBackend(specifier) {
  return loadCommonJs(specifier);
}
