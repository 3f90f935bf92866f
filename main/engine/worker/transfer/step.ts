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
import { tf } from '../tf.mjs';
import { canFuseDense, stackBackward, stackForward, stackInput, stackWeights, type StackLayer } from '../models/denseStack.ts';
import { forward, plainDenseRun, type ForwardMode } from '../models/forward.ts';
import type { Net } from '../models/net.ts';
import type { StepRegularizer } from '../strategies/types.ts';
import type { BlockOptimizers } from './optimizers.ts';
import { fusedLossAvailable, sparseSoftmaxCrossEntropy, sparseSoftmaxCrossEntropyWithGradient } from './softmaxCrossEntropy.ts';

export interface StepModel {
  net: Net;
  optimizers: BlockOptimizers;
  /** The strategy's penalty (L2-SP, LwF, BSS): such steps always take the tape path. */
  regularizer?: StepRegularizer | undefined;
}

/**
 * Trains blocks [from, end) on one batch (inputs to block `from`, integer labels); returns the
 * batch's mean loss and its number of correct predictions.
 */
export function trainStep(o: StepModel, xb: tf.Tensor, yb: tf.Tensor1D, from: number, mode: ForwardMode): [number, number] {
  const run = o.regularizer ? undefined : directRun(o, xb, yb, from, mode);
  const [loss, correct] = run ? directDenseStep(o.optimizers, run, xb, yb) : tapeStep(o, xb, yb, from, mode);
  const result: [number, number] = [loss.dataSync()[0] as number, correct.dataSync()[0] as number];
  tf.dispose([loss, correct]);
  return result;
}

function tapeStep(o: StepModel, xb: tf.Tensor, yb: tf.Tensor1D, from: number, mode: ForwardMode): [tf.Scalar, tf.Scalar] {
  let correct: tf.Scalar | null = null;
  const loss = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      if (o.regularizer) return regularizedLoss(o, o.regularizer, xb, yb, from, mode, (hits) => (correct = tf.keep(hits)));
      const { loss, correct: hits } = sparseSoftmaxCrossEntropy(forward(o.net, xb, mode, from), yb);
      correct = tf.keep(hits);
      return loss;
    }, o.optimizers.variables);
    o.optimizers.apply(grads);
    return value;
  });
  return [loss, correct ?? tf.scalar(0)];
}

/** The loss plus the strategy's penalty, which sees the batch and the head's input. */
function regularizedLoss(o: StepModel, regularizer: StepRegularizer, xb: tf.Tensor, yb: tf.Tensor1D, from: number, mode: ForwardMode, keepHits: (hits: tf.Scalar) => void): tf.Scalar {
  // LwF's source reads the raw batch: a cached frozen bottom would hand it features instead.
  if (from !== 0) throw new Error('a regularized strategy trains every block; its step needs the raw batch, not cached features');
  const head = o.net.blocks.length - 1;
  const features = forward(o.net, xb, mode, from, head);
  // The head's input is not data here: the gradient must flow back through it into the base.
  const logits = forward(o.net, features, { ...mode, inputIsData: false }, head);
  const { loss, correct: hits } = sparseSoftmaxCrossEntropy(logits, yb);
  keepHits(hits);
  const flat = tf.reshape(features, [features.shape[0] ?? -1, -1]) as tf.Tensor2D;
  return tf.add(loss, regularizer.penalty({ x: xb, features: flat })) as tf.Scalar;
}

/**
 * The dense layers of blocks [from, end) when the direct path applies: wasm with Graft's
 * kernels, data as input, every block from `from` on a plain dense block that trains, and the
 * optimizers training exactly their weights.
 */
function directRun(o: StepModel, xb: tf.Tensor, yb: tf.Tensor1D, from: number, mode: ForwardMode): StackLayer[] | undefined {
  const end = o.net.blocks.length;
  if (!mode.inputIsData || !canFuseDense() || !fusedLossAvailable(yb)) return undefined;
  for (let i = from; i < end; i++) if (!mode.training(i)) return undefined;
  const run = plainDenseRun(o.net, mode, xb, from, end);
  if (run.length === 0 || run.length !== end - from) return undefined;
  const trained = new Set<tf.Tensor>(o.optimizers.variables);
  const weights = stackWeights(run);
  if (weights.length !== trained.size || !weights.every((w) => trained.has(w))) return undefined;
  return run;
}

function directDenseStep(optimizers: BlockOptimizers, run: StackLayer[], xb: tf.Tensor, yb: tf.Tensor1D): [tf.Scalar, tf.Scalar] {
  const weights = stackWeights(run);
  return tf.tidy(() => {
    const x = stackInput(xb, run);
    const outputs = stackForward(x, run, weights);
    const { loss, correct, dLogits } = sparseSoftmaxCrossEntropyWithGradient(outputs[outputs.length - 1]!, yb);
    const grads = stackBackward(dLogits, x, run, weights, outputs, false);
    const byName: tf.NamedTensorMap = {};
    weights.forEach((w, i) => (byName[(w as tf.Variable).name] = grads[i]!));
    optimizers.apply(byName);
    return [loss, correct];
  });
}
