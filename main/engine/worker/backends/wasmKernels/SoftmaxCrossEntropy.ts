import { tf } from '../../tf.mjs';
import type { GradConfig, KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { asKernelFunc, f32, input, type KernelArgs, type WasmKernelBackend } from './wasmBackend.ts';

/** Graft's kernel (wasm only): mean sparse softmax cross-entropy, hits, and the softmax. */
export const GRAFT_SOFTMAX_XENT = 'GraftSoftmaxXent';
/** Its gradient: d(mean loss)/d(logits) = (softmax − onehot(labels)) · dy / n. */
export const GRAFT_SOFTMAX_XENT_GRAD = 'GraftSoftmaxXentGrad';

/** Labels as a heap view: int32 (the engine's), or float32 holding integers. */
function labelView(backend: WasmKernelBackend, labels: TensorInfo): Int32Array | Float32Array {
  const view = backend.typedArrayFromHeap(labels);
  if (view instanceof Uint8Array) throw new Error(`${GRAFT_SOFTMAX_XENT}: labels must be int32 or float32, got ${labels.dtype}`);
  return view;
}

/** Throws on a label that is not a class index in [0, k) (tfjs' oneHot would give a zero row). */
function checkLabel(label: number, row: number, k: number): void {
  if (!(Number.isInteger(label) && label >= 0 && label < k)) {
    throw new Error(`softmax cross-entropy: label ${label} of row ${row} is not a class index in [0, ${k})`);
  }
}

function shapeOf(logits: TensorInfo, labels: TensorInfo): [number, number] {
  if (logits.shape.length !== 2) throw new Error(`${GRAFT_SOFTMAX_XENT}: logits must be [n, k], got [${logits.shape}]`);
  const [n, k] = logits.shape as [number, number];
  // As tfjs' oneHot, which the other backends' loss goes through: one class is no classification.
  if (k < 2) throw new Error(`softmax cross-entropy: need at least 2 classes, got ${k}`);
  if (labels.shape.length !== 1 || labels.shape[0] !== n) {
    throw new Error(`${GRAFT_SOFTMAX_XENT}: labels must be [${n}], got [${labels.shape}]`);
  }
  return [n, k];
}

/**
 * One pass over [n, k] logits: per row a numerically stable log-softmax (max subtracted,
 * log-sum-exp, in float64), the mean loss over rows, the number of rows whose first argmax (as
 * tfjs' argMax picks it) is the label, and the softmax probabilities the gradient needs.
 * Outputs [loss (scalar), correct (scalar), probs ([n, k])], all float32.
 */
function softmaxXent(args: KernelArgs<unknown>): TensorInfo[] {
  const { backend } = args;
  const logits = input(args, 'logits');
  const labels = input(args, 'labels');
  if (logits.dtype !== 'float32') throw new Error(`${GRAFT_SOFTMAX_XENT}: logits must be float32, got ${logits.dtype}`);
  const [n, k] = shapeOf(logits, labels);
  const lossOut = backend.makeOutput([], 'float32');
  const correctOut = backend.makeOutput([], 'float32');
  const probsOut = backend.makeOutput([n, k], 'float32');
  // Views only after the last allocation: an allocation may grow (and move) the heap.
  const x = f32(backend, logits);
  const y = labelView(backend, labels);
  const p = f32(backend, probsOut);
  let lossSum = 0;
  let correct = 0;
  for (let r = 0; r < n; r++) {
    const label = y[r] as number;
    checkLabel(label, r, k);
    const base = r * k;
    let max = x[base] as number;
    let argMax = 0;
    for (let j = 1; j < k; j++) {
      const v = x[base + j] as number;
      if (v > max) {
        max = v;
        argMax = j;
      }
    }
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp((x[base + j] as number) - max);
    const logSum = Math.log(sum);
    for (let j = 0; j < k; j++) p[base + j] = Math.exp((x[base + j] as number) - max - logSum);
    lossSum += logSum - ((x[base + label] as number) - max);
    if (argMax === label) correct++;
  }
  f32(backend, lossOut)[0] = lossSum / n;
  f32(backend, correctOut)[0] = correct;
  return [lossOut, correctOut, probsOut];
}

/** dlogits = (probs − onehot(labels)) · dy / n, with dy the scalar upstream gradient of the loss. */
function softmaxXentGrad(args: KernelArgs<unknown>): TensorInfo {
  const { backend } = args;
  const probs = input(args, 'probs');
  const labels = input(args, 'labels');
  const dy = input(args, 'dy');
  if (dy.dtype !== 'float32' || tf.util.sizeFromShape(dy.shape) !== 1) {
    throw new Error(`${GRAFT_SOFTMAX_XENT_GRAD}: dy must be a float32 scalar, got ${dy.dtype} [${dy.shape}]`);
  }
  const [n, k] = shapeOf(probs, labels);
  const out = backend.makeOutput([n, k], 'float32');
  const p = f32(backend, probs);
  const y = labelView(backend, labels);
  const g = f32(backend, out);
  const scale = (f32(backend, dy)[0] as number) / n;
  for (let r = 0; r < n; r++) {
    const label = y[r] as number;
    checkLabel(label, r, k);
    const base = r * k;
    for (let j = 0; j < k; j++) g[base + j] = ((p[base + j] as number) - (j === label ? 1 : 0)) * scale;
  }
  return out;
}

export const softmaxXentKernelConfigs: readonly KernelConfig[] = [
  {
    kernelName: GRAFT_SOFTMAX_XENT,
    backendName: 'wasm',
    kernelFunc: asKernelFunc(softmaxXent),
  },
  {
    kernelName: GRAFT_SOFTMAX_XENT_GRAD,
    backendName: 'wasm',
    kernelFunc: asKernelFunc(softmaxXentGrad),
  },
];

/**
 * The gradient of GraftSoftmaxXent's loss output (its hits and probabilities are not
 * differentiated; labels get none). Registered for the Graft kernel only, so no tfjs op changes.
 */
export const softmaxXentGradConfig: GradConfig = {
  kernelName: GRAFT_SOFTMAX_XENT,
  inputsToSave: ['labels'],
  outputsToSave: [false, false, true],
  gradFunc: (dys, saved) => {
    const [labels, probs] = saved as tf.Tensor[];
    const dy = (Array.isArray(dys) ? dys[0] : dys) as tf.Tensor;
    return {
      logits: () => tf.engine().runKernel(GRAFT_SOFTMAX_XENT_GRAD, { probs: probs!, labels: labels!, dy }) as tf.Tensor,
      labels: () => tf.zerosLike(labels!),
    };
  },
};
