// The one seeded PRNG of Graft. Splits, label budgets, MultiFashion pairs and the engine's
// shuffles all draw from here, so "same seed → same run" holds across modules and platforms
// (Math.random cannot be seeded).

/** A generator of uniform floats in [0, 1). */
export type Rng = () => number;

/** mulberry32 (Tommy Ettinger): 32-bit state, fast, good enough for shuffling and sampling. */
export function mulberry32(seed: number): Rng {
  let state = checkSeed(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seed for one purpose derived from a user's seed, e.g. deriveSeed(seed, 'split').
 * Without it the split and the budget drawn from the same seed would consume the same
 * stream and be correlated.
 */
export function deriveSeed(seed: number, purpose: string): number {
  // FNV-1a over the purpose, then murmur3's finalizer to mix in the seed.
  let h = 0x811c9dc5;
  for (let i = 0; i < purpose.length; i++) h = Math.imul(h ^ purpose.charCodeAt(i), 0x01000193);
  h ^= checkSeed(seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Fisher–Yates, in place; returns its argument. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(items: T, rng: Rng): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const tmp = items[i] as number;
    items[i] = items[j] as number;
    items[j] = tmp;
  }
  return items;
}

/** A random permutation of 0..n-1. */
export function permutation(n: number, rng: Rng): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return shuffleInPlace(order, rng);
}

function checkSeed(seed: number): number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  return seed;
}
