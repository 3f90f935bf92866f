// The types of tf.mjs: the @tensorflow/tfjs namespace, values and types alike.
export * as tf from '@tensorflow/tfjs';

/** See tf.mjs: requires tfjs-node or tfjs-node-gpu; MODULE_NOT_FOUND where not installed. */
export declare function loadNativeBackend(specifier: '@tensorflow/tfjs-node' | '@tensorflow/tfjs-node-gpu'): unknown;
