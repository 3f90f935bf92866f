// Image resizing for image folders and MultiFashion. Separable: each method is a table of
// (source pixel, weight) taps per output row/column, applied along width then height, so
// nearest, bilinear and area share one loop.

export type ResizeMethod = 'nearest' | 'bilinear' | 'area';

interface Taps {
  index: Int32Array;
  weight: Float32Array;
  /** Taps of output i are start[i]..start[i+1]-1. */
  start: Int32Array;
}

/** Resizes a row-major h×w×c float image to outH×outW×c. */
export function resizeImage(
  src: Float32Array,
  [h, w, c]: readonly [number, number, number],
  [outH, outW]: readonly [number, number],
  method: ResizeMethod,
): Float32Array {
  if (h === outH && w === outW) return src.slice();
  const cols = taps(w, outW, method);
  const rows = taps(h, outH, method);
  // Width first: h × outW × c.
  const mid = new Float32Array(h * outW * c);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < outW; x++) {
      for (let t = cols.start[x]!; t < cols.start[x + 1]!; t++) {
        const from = (y * w + cols.index[t]!) * c;
        const to = (y * outW + x) * c;
        const wt = cols.weight[t]!;
        for (let k = 0; k < c; k++) mid[to + k]! += wt * src[from + k]!;
      }
    }
  }
  const out = new Float32Array(outH * outW * c);
  for (let y = 0; y < outH; y++) {
    for (let t = rows.start[y]!; t < rows.start[y + 1]!; t++) {
      const wt = rows.weight[t]!;
      const from = rows.index[t]! * outW * c;
      const to = y * outW * c;
      for (let i = 0; i < outW * c; i++) out[to + i]! += wt * mid[from + i]!;
    }
  }
  return out;
}

function taps(inSize: number, outSize: number, method: ResizeMethod): Taps {
  const scale = inSize / outSize;
  const index: number[] = [];
  const weight: number[] = [];
  const start = new Int32Array(outSize + 1);
  const clamp = (i: number) => Math.min(Math.max(i, 0), inSize - 1);
  for (let o = 0; o < outSize; o++) {
    start[o] = index.length;
    if (method === 'nearest') {
      // PIL's NEAREST (what scipy.misc.imresize used for MultiMNIST): pixel-centre sampling.
      index.push(clamp(Math.floor((o + 0.5) * scale)));
      weight.push(1);
    } else if (method === 'bilinear') {
      // Half-pixel centres (PIL, OpenCV, TF2 default); edges clamp.
      const pos = Math.min(Math.max((o + 0.5) * scale - 0.5, 0), inSize - 1);
      const lo = Math.floor(pos);
      const frac = pos - lo;
      index.push(lo, clamp(lo + 1));
      weight.push(1 - frac, frac);
    } else {
      // Area: the mean of the source pixels the output pixel covers, weighted by overlap.
      // Right for shrinking (no aliasing); equals nearest-like blocks when enlarging.
      const from = o * scale;
      const to = (o + 1) * scale;
      for (let i = Math.floor(from); i < Math.min(Math.ceil(to), inSize); i++) {
        const overlap = Math.min(to, i + 1) - Math.max(from, i);
        if (overlap > 1e-9) {
          index.push(i);
          weight.push(overlap / scale);
        }
      }
    }
  }
  start[outSize] = index.length;
  return { index: Int32Array.from(index), weight: Float32Array.from(weight), start };
}
