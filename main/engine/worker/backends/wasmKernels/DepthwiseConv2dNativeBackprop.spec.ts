import { beforeAll, describe, expect, it } from 'vitest';
import type { NamedAttrMap } from '@tensorflow/tfjs';
import { convCases, type ConvCase } from './convCases.ts';
import { relativeError, runKernelOn, randomSource, randomTensor, startWasm, type HostTensor } from './kernelTesting.ts';

beforeAll(startWasm);

// The cpu backend's depthwise gradient kernels ignore dilation, so they cannot be the reference
// for dilation 2 directly. A dilated filter is the undilated filter with d−1 zeros between taps:
// the cpu kernels at dilation 1 on that spread-out filter give the exact reference, and the
// filter gradient at the real taps is the spread-out gradient sampled every d.
function spread(c: ConvCase): [number, number, number, number] {
  const [kh, kw, ch, m] = c.filterShape;
  return [(kh - 1) * c.dilations + 1, (kw - 1) * c.dilations + 1, ch, m];
}

function spreadFilter(filter: HostTensor, c: ConvCase): HostTensor {
  const [kh, kw, ch, m] = c.filterShape;
  const shape = spread(c);
  const values = new Float32Array(shape[0] * shape[1] * ch * m);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < ch * m; i++)
        values[((y * c.dilations) * shape[1] + x * c.dilations) * ch * m + i] = filter.values[(y * kw + x) * ch * m + i]!;
  return { shape, dtype: 'float32', values };
}

function sampleTaps(spreadGrad: ArrayLike<number>, c: ConvCase): Float32Array {
  const [kh, kw, ch, m] = c.filterShape;
  const wide = spread(c)[1];
  const out = new Float32Array(kh * kw * ch * m);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < ch * m; i++) out[(y * kw + x) * ch * m + i] = spreadGrad[((y * c.dilations) * wide + x * c.dilations) * ch * m + i]!;
  return out;
}

const attrsOf = (c: ConvCase, dilations: number, extra: object) =>
  ({ strides: c.strides, pad: c.pad, dilations, ...extra }) as unknown as NamedAttrMap;

describe('DepthwiseConv2dNativeBackpropFilter on wasm matches the cpu backend', () => {
  for (const c of convCases(21, true)) {
    it(c.label, async () => {
      const random = randomSource(c.seed);
      const inputs = { x: randomTensor(random, c.xShape), dy: randomTensor(random, c.dyShape) };
      const wasm = await runKernelOn('wasm', 'DepthwiseConv2dNativeBackpropFilter', inputs, attrsOf(c, c.dilations, { filterShape: c.filterShape }));
      const cpu = await runKernelOn('cpu', 'DepthwiseConv2dNativeBackpropFilter', inputs, attrsOf(c, 1, { filterShape: spread(c) }));
      expect(wasm.shape).toEqual(c.filterShape);
      expect(relativeError(wasm.values, sampleTaps(cpu.values, c))).toBeLessThan(1e-4);
    });
  }
});

describe('DepthwiseConv2dNativeBackpropInput on wasm matches the cpu backend', () => {
  for (const c of convCases(22, true)) {
    it(c.label, async () => {
      const random = randomSource(c.seed);
      const dy = randomTensor(random, c.dyShape);
      const filter = randomTensor(random, c.filterShape);
      const attrs = { inputShape: c.xShape };
      const wasm = await runKernelOn('wasm', 'DepthwiseConv2dNativeBackpropInput', { dy, filter }, attrsOf(c, c.dilations, attrs));
      const cpu = await runKernelOn('cpu', 'DepthwiseConv2dNativeBackpropInput', { dy, filter: spreadFilter(filter, c) }, attrsOf(c, 1, attrs));
      expect(wasm.shape).toEqual(c.xShape);
      expect(relativeError(wasm.values, cpu.values)).toBeLessThan(1e-4);
    });
  }
});
