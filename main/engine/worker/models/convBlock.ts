// A cnn block's convolution with its bias and ReLU as one operation on the wasm backend.
//
// Why: while it records gradients, tfjs does not fuse a layer's convolution, bias and
// activation. It runs conv2d, then an Add of the bias, then Relu: two more passes over the
// step's largest activations (~2 ms of the reference CNN's ~51), and two more tape nodes,
// each keeping a copy of what it saved. Here the bias and ReLU are applied to each chunk of
// the convolution's output right after its product, while it is in cache
// (wasmKernels/Conv2D.ts). The backward pass runs the kernels tfjs' own gradients run, on the
// same tensors: the ReLU gradient, the bias gradient (a sum over batch, height and width), the
// filter gradient and, unless the input is data, the input gradient. So the numbers are those
// of the layer (tested in convBlock.spec.ts).
import { tf } from '../tf.mjs';
import type { Conv2DAttrs } from '@tensorflow/tfjs';
import { CONV2D_BIAS_RELU } from '../backends/wasmKernels/Conv2D.ts';
import { GRAFT_RELU_GRAD } from '../backends/wasmKernels/ReluGrad.ts';
import type { Layer } from './net.ts';

/** A Conv2D layer's weights and geometry, as the fused operation uses them. */
export interface PlainConv {
  kernel: tf.Tensor4D;
  bias: tf.Tensor1D;
  attrs: Conv2DAttrs;
}

/** The part of tfjs-layers' Conv2D this reads (its fields are not in the public typings). */
interface ConvInternals {
  kernel?: { read(): tf.Tensor };
  bias?: { read(): tf.Tensor } | null;
  activation?: { getClassName(): string };
  strides?: number[];
  padding?: string;
  dataFormat?: string;
  dilationRate?: number[];
}

/**
 * The layer as a fused convolution: a 2-D Conv2D, channels last, with a bias, a ReLU and no
 * dilation (tfjs has no gradient for dilated convolutions) on wasm with Graft's kernel.
 * Undefined for anything else, which then runs as a layer.
 */
export function plainConv(layer: Layer): PlainConv | undefined {
  if (layer.getClassName() !== 'Conv2D' || tf.getBackend() !== 'wasm' || tf.getKernel(CONV2D_BIAS_RELU, 'wasm') === undefined) return undefined;
  const c = layer as unknown as ConvInternals;
  const [dh, dw] = c.dilationRate ?? [1, 1];
  const pad = c.padding;
  if (!c.kernel || !c.bias || c.activation?.getClassName() !== 'relu' || c.dataFormat !== 'channelsLast') return undefined;
  if (dh !== 1 || dw !== 1 || (pad !== 'same' && pad !== 'valid')) return undefined;
  const [sh, sw] = c.strides ?? [1, 1];
  return {
    kernel: c.kernel.read() as tf.Tensor4D,
    bias: c.bias.read() as tf.Tensor1D,
    attrs: { strides: [sh ?? 1, sw ?? 1], pad, dataFormat: 'NHWC', dilations: [1, 1] },
  };
}

/** relu(conv2d(x, kernel) + bias). `inputGradient` false when x is data: then backprop skips dx. */
export function convBiasRelu(x: tf.Tensor4D, conv: PlainConv, inputGradient: boolean): tf.Tensor4D {
  const engine = tf.engine();
  const attrs = conv.attrs as unknown as tf.NamedAttrMap;
  const { strides, pad, dataFormat } = conv.attrs;
  // As in denseStack: data is not an input of the op, so tfjs asks for no gradient of it.
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args.pop() as tf.GradSaveFunc;
    const [input, kernel, bias] = (inputGradient ? args : [x, ...args]) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D];
    const y = engine.runKernel(CONV2D_BIAS_RELU, { x: input, filter: kernel, bias }, attrs) as tf.Tensor4D;
    save([input, kernel, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [savedInput, savedKernel, savedY] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
        // relu(z) > 0 exactly where z > 0, and NaN where z is: y is the ReLU's mask.
        const dz = engine.runKernel(GRAFT_RELU_GRAD, { dy: dy as tf.Tensor, x: savedY }) as tf.Tensor4D;
        const dBias = engine.runKernel(tf.Sum, { x: dz }, { axis: [0, 1, 2], keepDims: false }) as tf.Tensor1D;
        const dKernel = engine.runKernel(tf.Conv2DBackpropFilter, { x: savedInput, dy: dz }, { strides, pad, dataFormat, filterShape: savedKernel.shape }) as tf.Tensor4D;
        if (!inputGradient) return [dKernel, dBias];
        const dInput = engine.runKernel(tf.Conv2DBackpropInput, { dy: dz, filter: savedKernel }, { strides, pad, dataFormat, inputShape: savedInput.shape }) as tf.Tensor4D;
        return [dInput, dKernel, dBias];
      },
    };
  });
  return (inputGradient ? op(x, conv.kernel, conv.bias) : op(conv.kernel, conv.bias)) as tf.Tensor4D;
}
