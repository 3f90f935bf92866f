// What the convolution gradient kernels rebuild first: the forward convolution they
// differentiate, from their attributes, as tfjs' Conv2DInfo and our NHWC geometry.
import { tf } from '../../tf.mjs';
import type { Conv2DBackpropFilterAttrs, DepthwiseConv2dNativeBackpropFilterAttrs } from '@tensorflow/tfjs';
import { geometryOf, type ConvGeometry } from './im2col.ts';

type Shape4 = [number, number, number, number];

/** Conv2D gradients carry no dilations (tfjs rejects dilated ones); depthwise ones carry no data format (NHWC). */
type ConvAttrs = Pick<Conv2DBackpropFilterAttrs, 'strides' | 'pad' | 'dimRoundingMode'> &
  Partial<Pick<Conv2DBackpropFilterAttrs, 'dataFormat'> & Pick<DepthwiseConv2dNativeBackpropFilterAttrs, 'dilations'>>;

export interface ConvInfo {
  info: tf.backend_util.Conv2DInfo;
  g: ConvGeometry;
}

export function convInfo(xShape: readonly number[], filterShape: readonly number[], attrs: ConvAttrs, depthwise = false): ConvInfo {
  const info = tf.backend_util.computeConv2DInfo(
    xShape as Shape4,
    filterShape as Shape4,
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    depthwise,
    tf.backend_util.convertConv2DDataFormat(attrs.dataFormat ?? 'NHWC'),
  );
  return { info, g: geometryOf(info) };
}

export interface DepthwiseInfo extends ConvInfo {
  /** Input channels. */
  c: number;
  /** Channel multiplier: output channels per input channel. */
  mult: number;
  /** Floats per filter tap and per output position: c · mult. */
  tapSize: number;
}

/** A depthwise convolution's forward geometry, and how its output channels split over the input's. */
export function depthwiseInfo(xShape: readonly number[], filterShape: readonly number[], attrs: ConvAttrs): DepthwiseInfo {
  const { info, g } = convInfo(xShape, filterShape, attrs, true);
  const c = g.inC;
  const mult = info.outChannels / c;
  return { info, g, c, mult, tapSize: c * mult };
}
