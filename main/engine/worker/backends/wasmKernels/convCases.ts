// Shared geometry cases for the convolution-gradient specs: every combination of stride 1/2,
// padding 'same'/'valid'/numeric/explicit and batch 1/3, with small random sizes drawn from a seed.
import { tf } from '../../tf.mjs';
import { randomSource } from './kernelTesting.ts';

export type Padding = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

export interface ConvCase {
  label: string;
  seed: number;
  strides: number;
  dilations: number;
  pad: Padding;
  xShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  dyShape: [number, number, number, number];
}

const PADS: Padding[] = [
  'same',
  'valid',
  1,
  [
    [0, 0],
    [1, 0],
    [0, 2],
    [0, 0],
  ],
];

/**
 * @param depthwise filter shape is [kh, kw, c, multiplier] and dilation 2 is included
 */
export function convCases(seed: number, depthwise = false): ConvCase[] {
  const random = randomSource(seed);
  const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const cases: ConvCase[] = [];
  for (const strides of [1, 2]) {
    for (const dilations of depthwise ? [1, 2] : [1]) {
      for (const pad of PADS) {
        for (const batch of [1, 3]) {
          const k = pick(1, 3);
          const inC = pick(1, 4);
          const last = depthwise ? pick(1, 2) : pick(1, 5);
          const filterShape: ConvCase['filterShape'] = [k, pick(1, 3), inC, last];
          const xShape: ConvCase['xShape'] = [batch, pick(5, 9), pick(5, 9), inC];
          const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, strides, dilations, pad, undefined, depthwise);
          cases.push({
            label: `stride ${strides}, dilation ${dilations}, pad ${JSON.stringify(pad)}, x [${xShape}], filter [${filterShape}]`,
            seed: cases.length + seed * 100,
            strides,
            dilations,
            pad,
            xShape,
            filterShape,
            dyShape: info.outShape,
          });
        }
      }
    }
  }
  return cases;
}
