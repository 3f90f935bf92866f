// The types of tf.mjs: the @tensorflow/tfjs namespace, values and types alike.
export * as tf from '@tensorflow/tfjs';
