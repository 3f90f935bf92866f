// Flat-vector arithmetic for gradient weightings, accumulated in float64 so the combination of
// task gradients does not depend on summation order more than float32 storage forces.

export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

export function norm(a: Float32Array): number {
  return Math.sqrt(dot(a, a));
}

/** Cosine similarity; 0 when either vector is zero (no direction, so no conflict). */
export function cosine(a: Float32Array, b: Float32Array): number {
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot(a, b) / denominator;
}

/** Σ_t weights[t] · vectors[t]. */
export function weightedSum(vectors: Float32Array[], weights: number[]): Float32Array {
  const size = vectors[0]?.length ?? 0;
  const out = new Float64Array(size);
  vectors.forEach((v, t) => {
    const w = weights[t] ?? 0;
    if (w === 0) return;
    for (let i = 0; i < size; i++) out[i] = (out[i] as number) + w * (v[i] as number);
  });
  return Float32Array.from(out);
}

/** The Gram matrix G[i][j] = v_i · v_j. */
export function gram(vectors: Float32Array[]): number[][] {
  const g = vectors.map(() => vectors.map(() => 0));
  vectors.forEach((a, i) => {
    for (let j = i; j < vectors.length; j++) {
      const v = dot(a, vectors[j] as Float32Array);
      (g[i] as number[])[j] = v;
      (g[j] as number[])[i] = v;
    }
  });
  return g;
}

/** Every unordered pair of task indices, in order (0,1), (0,2), …, (1,2), …. */
export function taskPairs(count: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) pairs.push([i, j]);
  return pairs;
}
