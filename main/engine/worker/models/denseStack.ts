// A run of plain dense layers — an MLP, or a CNN's dense blocks and head — as one operation on
// the wasm backend.
//
// Why: through tfjs-layers each dense layer is a matmul, a bias add and a ReLU forward and five
// kernels backward, and every kernel costs ~15–20 µs of engine and tape work in JavaScript. For
// the reference MLP (784-256-128-10, batch 64) that overhead was as large as the arithmetic.
// Here the whole stack is one kernel forward and one backward (wasmKernels/DenseStack.ts), with
// the same products (Graft's wasm matmul) and the same float32 operations in the same order,
// so the numbers match the layer-by-layer path (tested in denseStack.spec.ts).
import { tf } from '../tf.mjs';
import { DENSE_STACK, DENSE_STACK_GRAD, type DenseStackAttrs } from '../backends/wasmKernels/DenseStack.ts';
import type { Block, Layer } from './net.ts';

/** One dense layer's weights as the stack uses them. */
export interface StackLayer {
  kernel: tf.Tensor;
  bias?: tf.Tensor;
  relu: boolean;
  /** Its block flattens its input first (a Dense alone acts on the last axis only). */
  flattens: boolean;
}

/** The part of tfjs-layers' Dense this reads (its fields are not in the public typings). */
interface DenseInternals {
  kernel?: { read(): tf.Tensor };
  bias?: { read(): tf.Tensor } | null;
  activation?: { getClassName(): string };
}

/**
 * The dense layer of a block made only of [Flatten,] Dense with a ReLU or no activation, in a
 * mode where nothing else in it acts: dropout only outside training. Undefined for any other
 * block (batch norm, conv, an active dropout), which then runs layer by layer.
 */
export function plainDense(block: Block, training: boolean): StackLayer | undefined {
  let dense: StackLayer | undefined;
  let flattens = false;
  for (const layer of block.layers) {
    const kind = layer.getClassName();
    if (kind === 'Flatten' && !dense) {
      flattens = true;
      continue;
    }
    if (kind === 'Dropout' && (!training || Number(layer.getConfig()['rate'] ?? 0) === 0)) continue;
    if (kind !== 'Dense' || dense) return undefined;
    dense = denseWeights(layer, flattens);
    if (!dense) return undefined;
  }
  return dense;
}

function denseWeights(layer: Layer, flattens: boolean): StackLayer | undefined {
  const d = layer as unknown as DenseInternals;
  const activation = d.activation?.getClassName();
  if (!d.kernel || (activation !== 'relu' && activation !== 'linear')) return undefined;
  return { kernel: d.kernel.read(), bias: d.bias?.read(), relu: activation === 'relu', flattens };
}

/** Whether this backend runs the fused stack (wasm with Graft's kernels registered). */
export function canFuseDense(): boolean {
  return tf.getBackend() === 'wasm' && tf.getKernel(DENSE_STACK, 'wasm') !== undefined;
}

function stackAttrs(layers: StackLayer[]): DenseStackAttrs {
  return { relu: layers.map((l) => l.relu), bias: layers.map((l) => l.bias !== undefined) };
}

/** The weights in kernel order: per layer its kernel, then its bias where it has one. */
export function stackWeights(layers: StackLayer[]): tf.Tensor[] {
  return layers.flatMap((l) => (l.bias ? [l.kernel, l.bias] : [l.kernel]));
}

/** Weights in stackWeights order as the kernels' inputs w0, b0, w1, … */
function namedStackWeights(layers: StackLayer[], weights: tf.Tensor[]): tf.NamedTensorMap {
  const map: tf.NamedTensorMap = {};
  let at = 0;
  layers.forEach((l, i) => {
    map[`w${i}`] = weights[at++]!;
    if (l.bias) map[`b${i}`] = weights[at++]!;
  });
  return map;
}

/** The forward kernel on x [n, features]: every layer's output a0 … a(L−1); the last is the stack's. */
export function stackForward(x: tf.Tensor, layers: StackLayer[], weights: tf.Tensor[]): tf.Tensor[] {
  const attrs = stackAttrs(layers) as unknown as tf.NamedAttrMap;
  return tf.engine().runKernel(DENSE_STACK, { x, ...namedStackWeights(layers, weights) }, attrs) as tf.Tensor[];
}

/**
 * The backward kernel, from the upstream gradient dy and what the forward took and gave:
 * dx first when `inputGradient`, then per layer dW and, where it has a bias, db.
 */
export function stackBackward(dy: tf.Tensor, x: tf.Tensor, layers: StackLayer[], weights: tf.Tensor[], outputs: tf.Tensor[], inputGradient: boolean): tf.Tensor[] {
  const activations: tf.NamedTensorMap = {};
  outputs.forEach((a, i) => (activations[`a${i}`] = a));
  const attrs = { ...stackAttrs(layers), inputGradient } as unknown as tf.NamedAttrMap;
  return tf.engine().runKernel(DENSE_STACK_GRAD, { dy, x, ...namedStackWeights(layers, weights), ...activations }, attrs) as tf.Tensor[];
}

/** x [n, …] as the stack's [n, features] input (the first layer must flatten a rank > 2 input). */
export function stackInput(x: tf.Tensor, layers: StackLayer[]): tf.Tensor {
  if (x.rank > 2 && !layers[0]?.flattens) throw new Error('denseStack: a rank-' + x.rank + ' input needs a Flatten first');
  return x.rank === 2 ? x : tf.reshape(x, [x.shape[0]!, -1]);
}

/**
 * x [n, features] through every layer. `inputGradient` false when x is data (raw inputs or
 * cached features): then backprop skips dx, the stack's largest product in an MLP.
 */
export function denseStack(x: tf.Tensor, layers: StackLayer[], inputGradient: boolean): tf.Tensor {
  const x2d = stackInput(x, layers);
  const weights = stackWeights(layers);
  // When x is data it is not an input of the op: tfjs then asks for no gradient of it, and none
  // is made (customGrad wants one per input, which would be a full-size zero tensor per step).
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args.pop() as tf.GradSaveFunc;
    const [input, ...params] = inputGradient ? (args as tf.Tensor[]) : [x2d, ...(args as tf.Tensor[])];
    const outputs = stackForward(input!, layers, params);
    save([input!, ...params, ...outputs]);
    return {
      value: outputs[outputs.length - 1]!,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) =>
        stackBackward(dy as tf.Tensor, saved[0]!, layers, saved.slice(1, 1 + params.length), saved.slice(1 + params.length), inputGradient),
    };
  });
  return inputGradient ? op(x2d, ...weights) : op(...weights);
}
