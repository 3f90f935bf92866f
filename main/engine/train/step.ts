// One optimizer step of the single-task loop: the loss, its gradients and the update.
//
// A net whose trained part is one run of plain dense layers on data (an MLP, a head on cached
// features) takes the direct path on wasm: the fused dense stack forward, the fused loss and
// its gradient, the stack's backward kernel, then the optimizers. Those are the kernels
// tf.variableGrads runs for it, in the same order on the same tensors, so the numbers are the
// same (tested against the tape path); what is left out is the gradient tape itself — a node and
// clones of the saved tensors per op, then pruning and backprop — which for these small models
// was ~10 % of a step and most of the garbage the collector had to clear. Every other net —
// conv blocks, batch norm, active dropout, frozen blocks in the forward pass, another backend —
// goes through tf.variableGrads.
import * as tf from '@tensorflow/tfjs';
import { DENSE_STACK, DENSE_STACK_GRAD } from '../backends/wasmKernels/DenseStack.ts';
import { GRAFT_SOFTMAX_XENT, GRAFT_SOFTMAX_XENT_GRAD } from '../backends/wasmKernels/SoftmaxCrossEntropy.ts';
import { canFuseDense, namedStackWeights, plainDense, stackAttrs, stackInput, stackWeights, type StackLayer } from '../models/denseStack.ts';
import { forward, type ForwardMode } from '../models/forward.ts';
import type { Net } from '../models/net.ts';
import type { BlockOptimizers } from './optimizers.ts';
import { sparseSoftmaxCrossEntropy } from './softmaxCrossEntropy.ts';

export interface StepModel {
  net: Net;
  optimizers: BlockOptimizers;
}

/**
 * Trains blocks [from, end) on one batch (inputs to block `from`, integer labels); returns the
 * batch's mean loss and its number of correct predictions.
 */
export function trainStep(o: StepModel, xb: tf.Tensor, yb: tf.Tensor1D, from: number, mode: ForwardMode): [number, number] {
  const run = directRun(o, xb, yb, from, mode);
  const [loss, correct] = run ? directDenseStep(o.optimizers, run, xb, yb) : tapeStep(o, xb, yb, from, mode);
  const result: [number, number] = [loss.dataSync()[0] as number, correct.dataSync()[0] as number];
  tf.dispose([loss, correct]);
  return result;
}

function tapeStep(o: StepModel, xb: tf.Tensor, yb: tf.Tensor1D, from: number, mode: ForwardMode): [tf.Scalar, tf.Scalar] {
  let correct: tf.Scalar | null = null;
  const loss = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      const { loss, correct: hits } = sparseSoftmaxCrossEntropy(forward(o.net, xb, mode, from), yb);
      correct = tf.keep(hits);
      return loss;
    }, o.optimizers.variables);
    o.optimizers.apply(grads);
    return value;
  });
  return [loss, correct ?? tf.scalar(0)];
}

/**
 * The dense layers of blocks [from, end) when the direct path applies: wasm with Graft's
 * kernels, data as input, every block from `from` on a plain dense block that trains, and the
 * optimizers training exactly their weights.
 */
function directRun(o: StepModel, xb: tf.Tensor, yb: tf.Tensor1D, from: number, mode: ForwardMode): StackLayer[] | undefined {
  if (!mode.inputIsData || !canFuseDense() || tf.getKernel(GRAFT_SOFTMAX_XENT, 'wasm') === undefined) return undefined;
  if (yb.dtype !== 'int32' && yb.dtype !== 'float32') return undefined;
  const run: StackLayer[] = [];
  for (let i = from; i < o.net.blocks.length; i++) {
    const layer = mode.training(i) ? plainDense(o.net.blocks[i]!, true) : undefined;
    if (!layer) return undefined;
    run.push(layer);
  }
  if (run.length === 0 || (xb.rank > 2 && !run[0]!.flattens)) return undefined;
  const trained = new Set<tf.Tensor>(o.optimizers.variables);
  const weights = stackWeights(run);
  if (weights.length !== trained.size || !weights.every((w) => trained.has(w))) return undefined;
  return run;
}

function directDenseStep(optimizers: BlockOptimizers, run: StackLayer[], xb: tf.Tensor, yb: tf.Tensor1D): [tf.Scalar, tf.Scalar] {
  const engine = tf.engine();
  const attrs = stackAttrs(run);
  const weights = stackWeights(run);
  return tf.tidy(() => {
    const x = stackInput(xb, run);
    const named = namedStackWeights(run, weights);
    const outputs = engine.runKernel(DENSE_STACK, { x, ...named }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
    const [loss, correct, probs] = engine.runKernel(GRAFT_SOFTMAX_XENT, { logits: outputs[outputs.length - 1]!, labels: yb }) as tf.Tensor[];
    // d(loss)/d(loss) = 1, as tf.variableGrads seeds its backprop.
    const dLogits = engine.runKernel(GRAFT_SOFTMAX_XENT_GRAD, { probs: probs!, labels: yb, dy: tf.onesLike(loss!) }) as tf.Tensor;
    const activations: tf.NamedTensorMap = {};
    outputs.forEach((a, i) => (activations[`a${i}`] = a));
    const grads = engine.runKernel(
      DENSE_STACK_GRAD,
      { dy: dLogits, x, ...named, ...activations },
      { ...attrs, inputGradient: false } as unknown as tf.NamedAttrMap,
    ) as tf.Tensor[];
    const byName: tf.NamedTensorMap = {};
    weights.forEach((w, i) => (byName[(w as tf.Variable).name] = grads[i]!));
    optimizers.apply(byName);
    return [loss as tf.Scalar, correct as tf.Scalar];
  });
}
