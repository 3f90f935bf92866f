// The types of tfWasm.mjs: the @tensorflow/tfjs-backend-wasm namespace.
export * as tfWasm from '@tensorflow/tfjs-backend-wasm';
